import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPseudonymizer, type PseudonymSession } from '../../src/detect/index.js';
import type { ChatCompletionChunk } from '../../src/domain/index.js';

const SECRET = new Uint8Array(32).fill(3);

function chunk(choices: ChatCompletionChunk['choices']): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices };
}
const content = (text: string, finish: string | null = null, index = 0) => chunk([{ index, delta: { content: text }, finish_reason: finish }]);

/** Streams `pieces` through a fresh rehydrator (finish chunk last) and returns the text it let out. */
function stream(session: PseudonymSession, pieces: string[]): { text: string; emitted: string[] } {
  const rehydrator = session.chunkRehydrator();
  const emitted = pieces.map((piece) => rehydrator.transform(content(piece)).choices[0]!.delta.content as string);
  const last = rehydrator.transform(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
  emitted.push((last.choices[0]!.delta.content as string | undefined) ?? '');
  assert.deepEqual(rehydrator.flush(), []);
  return { text: emitted.join(''), emitted };
}

function setup(): { session: PseudonymSession; pseudonymized: string; original: string; placeholders: string[] } {
  const session = createPseudonymizer(SECRET).session();
  const original = '성명: 김민수, 주민등록번호 960121-1021413, 메일 hong@example.com';
  const pseudonymized = session.pseudonymizeText(original);
  const placeholders = [...pseudonymized.matchAll(/\[[A-Z_]+_[0-9a-f]{6}\]/g)].map((match) => match[0]);
  assert.equal(placeholders.length, 3);
  return { session, pseudonymized, original, placeholders };
}

describe('streaming rehydration', () => {
  it('restores every placeholder split across two chunks at every possible position', () => {
    const { session, placeholders } = setup();
    const values = ['김민수', '960121-1021413', 'hong@example.com'];
    placeholders.forEach((placeholder, which) => {
      const text = `앞 ${placeholder} 뒤`;
      for (let cut = 0; cut <= text.length; cut++) {
        const { text: out } = stream(session, [text.slice(0, cut), text.slice(cut)]);
        assert.equal(out, `앞 ${values[which]} 뒤`, `cut at ${cut} of ${JSON.stringify(text)}`);
      }
    });
  });

  it('restores placeholders split into three pieces at every pair of positions, and one character per chunk', () => {
    const { session, pseudonymized, original } = setup();
    for (let first = 0; first <= pseudonymized.length; first += 3) {
      for (let second = first; second <= pseudonymized.length; second += 2) {
        const { text } = stream(session, [pseudonymized.slice(0, first), pseudonymized.slice(first, second), pseudonymized.slice(second)]);
        assert.equal(text, original, `cuts at ${first}, ${second}`);
      }
    }
    assert.equal(stream(session, [...pseudonymized]).text, original);
  });

  it('releases text that cannot start a placeholder at once, and holds only a possible prefix', () => {
    const { session, placeholders } = setup();
    const name = placeholders[0]!;
    const almost = name.slice(0, -3); // `[PERSON_NAME_ab12` — could still become the placeholder
    const { emitted } = stream(session, ['안녕하세요 ', '[링크] 참고 ', name.slice(0, 5), `${name.slice(5)}님`, ' [PERSON_NAME_zz', ` ${almost}`, 'x] 끝']);
    assert.deepEqual(emitted, ['안녕하세요 ', '[링크] 참고 ', '', '김민수님', ' [PERSON_NAME_zz', ' ', `${almost}x] 끝`, '']);
  });

  it('corrects a particle that arrives in the next chunk, and waits one character for 이/가', () => {
    const { session, placeholders } = setup();
    const name = placeholders[0]!; // 김민수: no final consonant
    assert.equal(stream(session, [name, '은 ', name, '이', ' 왔다']).text, '김민수는 김민수가 왔다');
    assert.equal(stream(session, [name, '이', '다']).text, '김민수이다', '이 followed by Hangul is left alone');
    assert.equal(stream(session, [name, '이']).text, '김민수가', 'the end of the stream is a boundary');
  });

  it('keeps separate state per choice and per tool call, JSON-escapes values in arguments', () => {
    const session = createPseudonymizer(SECRET).session();
    const out = session.pseudonymizeText('주소: 서울시 중구 세종대로 110 "본관", 전화 010-1234-5678');
    const [address, phone] = [...out.matchAll(/\[[A-Z_]+_[0-9a-f]{6}\]/g)].map((match) => match[0]);
    const rehydrator = session.chunkRehydrator();
    const args = `{"to":"${phone}","at":"${address}"}`;
    const pieces = [args.slice(0, 9), args.slice(9, 20), args.slice(20)];
    const collected = { content0: '', content1: '', tool0: '', tool1: '' };
    pieces.forEach((piece, index) => {
      const result = rehydrator.transform(
        chunk([
          { index: 0, delta: { content: phone!.slice(index * 8, index * 8 + 8) }, finish_reason: null },
          { index: 1, delta: { tool_calls: [{ index: 0, function: { arguments: piece } }, { index: 1, function: { arguments: piece } }] }, finish_reason: null },
        ]),
      );
      collected.content0 += result.choices[0]!.delta.content ?? '';
      collected.tool0 += result.choices[1]!.delta.tool_calls![0]!.function!.arguments;
      collected.tool1 += result.choices[1]!.delta.tool_calls![1]!.function!.arguments;
    });
    const finish = rehydrator.transform(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }, { index: 1, delta: {}, finish_reason: 'tool_calls' }]));
    collected.content0 += finish.choices[0]!.delta.content ?? '';
    for (const call of finish.choices[1]!.delta.tool_calls ?? []) collected[call.index === 0 ? 'tool0' : 'tool1'] += call.function?.arguments ?? '';
    assert.equal(collected.content0, '010-1234-5678');
    assert.deepEqual(JSON.parse(collected.tool0), { to: '010-1234-5678', at: '서울시 중구 세종대로 110' });
    assert.equal(collected.tool1, collected.tool0);
  });

  it('flush() returns held text when the stream ends without finish_reason', () => {
    const { session, placeholders } = setup();
    const rehydrator = session.chunkRehydrator();
    assert.equal(rehydrator.transform(content(`끝 ${placeholders[1]!.slice(0, 8)}`)).choices[0]!.delta.content, '끝 ');
    const flushed = rehydrator.flush();
    assert.equal(flushed.length, 1);
    assert.deepEqual(flushed[0]!.choices, [{ index: 0, delta: { content: placeholders[1]!.slice(0, 8) }, finish_reason: null }]);
    assert.equal(flushed[0]!.id, 'c');
    assert.deepEqual(rehydrator.flush(), []);
  });

  it('passes through chunks without choices (usage) and choices without text', () => {
    const { session } = setup();
    const rehydrator = session.chunkRehydrator();
    const usage = { ...chunk([]), usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } };
    assert.deepEqual(rehydrator.transform(structuredClone(usage)), usage);
    const role = chunk([{ index: 0, delta: { role: 'assistant' }, finish_reason: null }]);
    assert.deepEqual(rehydrator.transform(structuredClone(role)), role);
  });
});
