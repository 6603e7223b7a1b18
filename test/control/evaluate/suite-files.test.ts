import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildPrompt, loadExamples, loadSuite, loadSuites, promptHash, SuiteError } from '../../../src/control/evaluate/index.js';
import { tempDir } from '../../helpers/temp-dir.js';

const dir = tempDir('jaju-eval-suite-');

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, text);
  return path;
}

function rejects(name: string, text: string, message: RegExp): void {
  const path = file(name, text);
  assert.throws(() => loadSuite(path, dir), (error: unknown) => {
    assert.ok(error instanceof SuiteError, String(error));
    assert.match(error.message, message);
    assert.equal(error.message.includes('\n'), false, 'one line');
    return true;
  });
}

describe('KMMLU-compatible CSV', () => {
  it("reads KMMLU's own layout: numeric 1–4 answers, Category column, extra columns ignored", () => {
    const path = file(
      'kmmlu-law.csv',
      'question,answer,A,B,C,D,Category,Human Accuracy\n' +
        '"헌법재판소 재판관의 수는?",3,7인,8인,9인,11인,헌법,0.8\n' +
        '"여러 줄에 걸친\n질문, 쉼표 포함",1,가,나,다,라,헌법,0.5\n',
    );
    const suite = loadSuite(path, dir);
    assert.equal(suite.name, 'kmmlu-law');
    assert.equal(suite.items.length, 2);
    const [first, second] = suite.items;
    assert.deepEqual(first!.choices, ['7인', '8인', '9인', '11인']);
    assert.equal(first!.answer, 2, '3 means C');
    assert.equal(first!.category, '헌법');
    assert.equal(first!.id, 'line-2');
    assert.equal(first!.key, 'kmmlu-law/line-2');
    assert.equal(second!.question, '여러 줄에 걸친\n질문, 쉼표 포함');
    assert.equal(second!.answer, 0);
    assert.equal(second!.id, 'line-3', 'a record is named by the line it starts on');
  });

  it('counts lines right in a CRLF file with a BOM, quoted line breaks and blank lines', () => {
    const path = file('windows.csv', '\uFEFFquestion,A,B,answer\r\n"두 줄\r\n질문",가,나,A\r\n\r\n셋째,가,나,B\r\n');
    const items = loadSuite(path, dir).items;
    assert.deepEqual(
      items.map((item) => [item.id, item.question, item.answer]),
      [
        ['line-2', '두 줄\r\n질문', 0],
        ['line-5', '셋째', 1],
      ],
    );
  });

  it('takes letters, full-width letters and "(B)" as answers, and optional id/difficulty/source columns', () => {
    const path = file('letters.csv', 'ID,Question,A,B,C,D,Answer,Difficulty,Source\nx1,질문1,a,b,c,d,B,easy,출처1\nx2,질문2,a,b,c,d,Ｄ,hard,\nx3,질문3,a,b,c,d,(c),,\n');
    const items = loadSuite(path, dir).items;
    assert.deepEqual(
      items.map((item) => [item.id, item.answer, item.difficulty, item.source, item.category]),
      [
        ['x1', 1, 'easy', '출처1', 'letters'],
        ['x2', 3, 'hard', undefined, 'letters'],
        ['x3', 2, undefined, undefined, 'letters'],
      ],
    );
  });

  it('allows five options (HAE-RAE style) and fewer per row when the file has an E column', () => {
    const items = loadSuite(file('five.csv', 'question,A,B,C,D,E,answer\n다섯,1,2,3,4,5,E\n넷,1,2,3,4,,4\n'), dir).items;
    assert.equal(items[0]!.choices.length, 5);
    assert.equal(items[0]!.answer, 4);
    assert.equal(items[1]!.choices.length, 4);
  });

  it('names file, line and field of the first problem', () => {
    rejects('no-answer.csv', 'question,A,B,C,D\nq,a,b,c,d\n', /no-answer\.csv:1: field "answer": missing column/);
    rejects('bad-answer.csv', 'question,A,B,C,D,answer\nq,a,b,c,d,B\nq2,a,b,c,d,5\n', /bad-answer\.csv:3: field "answer": expected a letter A, B, C, D or a number 1–4 \(1 = A\), got 5/);
    rejects('zero.csv', 'question,A,B,C,D,answer\nq,a,b,c,d,0\n', /zero\.csv:2: field "answer": .*numbers are 1-based, got 0/);
    rejects('letter-e.csv', 'question,A,B,C,D,answer\nq,a,b,c,d,E\n', /letter-e\.csv:2: field "answer": .*the item has 4 options/);
    rejects('empty-question.csv', 'question,A,B,C,D,answer\n  ,a,b,c,d,A\n', /empty-question\.csv:2: field "question": missing or empty/);
    rejects('gap.csv', 'question,A,B,C,D,answer\nq,a,,c,d,A\n', /gap\.csv:2: field "B": missing or empty/);
    rejects('short-row.csv', 'question,A,B,C,D,answer\nq,a,b,c,d,A\nq2,a,b\n', /short-row\.csv:3: not valid CSV: Invalid Record Length/);
    rejects('quote.csv', 'question,A,B,C,D,answer\n"q"x,a,b,c,d,A\n', /quote\.csv:2: not valid CSV/);
    rejects('difficulty.csv', 'question,A,B,C,D,answer,difficulty\nq,a,b,c,d,A,trivial\n', /difficulty\.csv:2: field "difficulty": expected one of easy, medium, hard, got "trivial"/);
    rejects('dup.csv', 'id,question,A,B,C,D,answer\nx,q,a,b,c,d,A\nx,q2,a,b,c,d,A\n', /dup\.csv:3: field "id": duplicate id "x" \(first at .*dup\.csv:2\)/);
    rejects('empty.csv', '', /empty\.csv: empty file/);
    rejects('only-header.csv', 'question,A,B,answer\n', /only-header\.csv: no items/);
  });
});

describe('JSONL suites', () => {
  it('reads choices arrays or A–D keys, 1-based numbers, and keeps examples apart', () => {
    const path = file(
      'mixed.jsonl',
      [
        '// a comment line',
        '{"id":"a","question":"Q1","choices":["x","y","z","w"],"answer":"C","category":"역사","difficulty":"medium","source":"삼국사기"}',
        '',
        '{"id":"b","question":"Q2","A":"x","B":"y","answer":2,"Category":"지리"}',
        '{"id":"ex","question":"E1","choices":["x","y"],"answer":"A","category":"역사","example":true}',
      ].join('\n'),
    );
    const suite = loadSuite(path, dir);
    assert.deepEqual(
      suite.items.map((item) => [item.id, item.answer, item.category, item.choices.length, item.origin.endsWith(':2') || item.origin.endsWith(':4')]),
      [
        ['a', 2, '역사', 4, true],
        ['b', 1, '지리', 2, true],
      ],
    );
    assert.equal(suite.examples.length, 1);
    assert.equal(suite.examples[0]!.id, 'ex');
  });

  it('names file, line and field of the first problem', () => {
    rejects('json.jsonl', '{"question":"q","choices":["a","b"],"answer":"A"}\n{"question": oops}\n', /json\.jsonl:2: not valid JSON/);
    rejects('array.jsonl', '[1,2]\n', /array\.jsonl:1: expected a JSON object/);
    rejects('choices.jsonl', '{"question":"q","choices":"a,b","answer":"A"}\n', /choices\.jsonl:1: field "choices": expected an array/);
    rejects('nochoices.jsonl', '{"question":"q","answer":"A"}\n', /nochoices\.jsonl:1: field "choices": missing/);
    rejects('one.jsonl', '{"question":"q","choices":["a"],"answer":"A"}\n', /one\.jsonl:1: field "B": an item needs at least 2 options/);
    rejects('six.jsonl', '{"question":"q","choices":["a","b","c","d","e","f"],"answer":"A"}\n', /six\.jsonl:1: field "choices": at most 5 options/);
    rejects('number.jsonl', '{"question":"q","choices":["a","b"],"answer":3}\n', /number\.jsonl:1: field "answer": .*got 3/);
    rejects('example.jsonl', '{"question":"q","choices":["a","b"],"answer":"A","example":"yes"}\n', /example\.jsonl:1: field "example": expected true or false/);
    rejects('qtype.jsonl', '{"question":{"x":1},"choices":["a","b"],"answer":"A"}\n', /qtype\.jsonl:1: field "question": expected text/);
    rejects('id.jsonl', '{"id":"a b","question":"q","choices":["a","b"],"answer":"A"}\n', /id\.jsonl:1: field "id": expected letters/);
    rejects('format.txt', 'question,A,B\n', /format\.txt: unknown suite format "\.txt"/);
    assert.throws(() => loadSuite(join(dir, 'missing.jsonl'), dir), /missing\.jsonl: file not found/);
  });

  it('refuses two suites with one name, and reads a separate examples file', () => {
    const a = file('same.jsonl', '{"question":"q","choices":["a","b"],"answer":"A"}\n');
    mkdirSync(join(dir, 'other'), { recursive: true });
    const b = file('other/same.csv', 'question,A,B,answer\nq,a,b,A\n');
    assert.throws(() => loadSuites([a, b], dir), /another suite is also named "same"/);
    const examples = loadExamples(file('dev.csv', 'question,A,B,C,D,answer\n예1,a,b,c,d,1\n예2,a,b,c,d,2\n'), dir);
    assert.equal(examples.length, 2);
  });
});

describe('the shipped sample files', () => {
  it('parse: a KMMLU-style CSV with numeric answers and a JSONL file with worked examples', () => {
    const csv = loadSuite('examples/eval/kmmlu-style.csv', process.cwd());
    assert.deepEqual(
      csv.items.map((item) => [item.category, 'ABCD'[item.answer]]),
      [
        ['헌법', 'B'],
        ['국어', 'C'],
        ['한국사', 'A'],
        ['한국지리', 'D'],
      ],
    );
    const jsonl = loadSuite('examples/eval/with-examples.jsonl', process.cwd());
    assert.deepEqual([jsonl.items.length, jsonl.examples.length], [3, 2]);
    assert.deepEqual(jsonl.items.map((item) => item.answer), [2, 3, 0]);
  });
});

describe('prompts', () => {
  it('asks in Korean for one letter, puts k examples of the same category first, and hashes what decides the answer', () => {
    const suite = loadSuite(
      file(
        'prompt.jsonl',
        [
          '{"id":"q","question":"질문","choices":["가","나","다","라"],"answer":"B","category":"역사"}',
          '{"id":"e1","question":"예제 지리","choices":["가","나"],"answer":"A","category":"지리","example":true}',
          '{"id":"e2","question":"예제 역사","choices":["가","나","다"],"answer":"C","category":"역사","example":true}',
        ].join('\n'),
      ),
      dir,
    );
    const item = suite.items[0]!;
    const zero = buildPrompt(item, suite.examples, { shots: 0, maxTokens: 32 });
    assert.equal(zero.messages.length, 2);
    assert.match(zero.messages[0]!.content, /A, B, C, D 중 하나/);
    assert.equal(zero.messages[1]!.content, '질문\n\nA. 가\nB. 나\nC. 다\nD. 라\n\n정답:');
    assert.equal(zero.temperature, 0);
    assert.equal(zero.max_tokens, 32);
    const two = buildPrompt(item, suite.examples, { shots: 2, maxTokens: null });
    assert.deepEqual(
      two.messages.map((message) => [message.role, message.content.split('\n')[0]]),
      [
        ['system', two.messages[0]!.content],
        ['user', '예제 역사'],
        ['assistant', 'C'],
        ['user', '예제 지리'],
        ['assistant', 'A'],
        ['user', '질문'],
      ],
    );
    assert.equal('max_tokens' in two, false);
    assert.notEqual(promptHash(zero), promptHash(two));
    assert.equal(promptHash(zero), promptHash(buildPrompt(item, suite.examples, { shots: 0, maxTokens: 32 })));
  });
});
