import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run-cli.js';
import { packageRoot } from '../../src/config/index.js';

async function jaju(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stdin.end(input);
  const code = await runCli(args, { stdin, stdout, stderr, env: {}, cwd: packageRoot() });
  return { code, stdout: out, stderr: err };
}

const lines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('jaju scan', () => {
  it('plain mode: one JSON line per finding with type, offsets and the matched text', async () => {
    const text = '주민번호 960121-1021413\n메일 hong@example.com';
    const { code, stdout, stderr } = await jaju(['scan'], text);
    assert.equal(code, 0, stderr);
    const findings = lines(stdout);
    assert.deepEqual(findings, [
      { type: 'KR_RRN', start: 5, end: 19, text: '960121-1021413' },
      { type: 'EMAIL', start: 23, end: 39, text: 'hong@example.com' },
    ]);
    for (const finding of findings) assert.equal(text.slice(finding['start'] as number, finding['end'] as number), finding['text']);
  });

  it('plain mode with nothing to find prints nothing and exits 0', async () => {
    assert.deepEqual(await jaju(['scan'], '오늘 회의는 3시입니다.'), { code: 0, stdout: '', stderr: '' });
  });

  it('--jsonl: exactly one line per record, in order, offsets in JS string indices', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: '😀 연락처 010-1234-5678' }),
      '',
      JSON.stringify({ id: 2, text: '없음' }),
      JSON.stringify({ id: 'c', text: '성명: 홍길동, 카드 4111 1111 1111 1111' }),
    ].join('\n');
    const { code, stdout, stderr } = await jaju(['scan', '--jsonl'], input);
    assert.equal(code, 0, stderr);
    assert.deepEqual(lines(stdout), [
      { id: 'a', findings: [{ type: 'KR_PHONE', start: 7, end: 20 }] },
      { id: 2, findings: [] },
      { id: 'c', findings: [{ type: 'PERSON_NAME', start: 4, end: 7 }, { type: 'CREDIT_CARD', start: 12, end: 31 }] },
    ]);
  });

  it('--jsonl: a bad line stops with a one-line error naming it and exit 2', async () => {
    for (const [bad, message] of [
      ['{"id":1,"text":', /^jaju scan: line 2: invalid JSON \(.+\)\n$/],
      ['[1,2]', /^jaju scan: line 2: expected an object \{"id": …, "text": "…"\}\n$/],
      ['{"id":1}', /^jaju scan: line 2: "text" must be a string\n$/],
      ['{"text":"x"}', /^jaju scan: line 2: "id" must be a string or a number\n$/],
    ] as const) {
      const { code, stdout, stderr } = await jaju(['scan', '--jsonl'], `{"id":0,"text":"010-1234-5678"}\n${bad}\n{"id":3,"text":"x"}\n`);
      assert.equal(code, 2, bad);
      assert.match(stderr, message);
      assert.equal(stdout, '{"id":0,"findings":[{"type":"KR_PHONE","start":0,"end":13}]}\n', 'lines before the bad one were printed');
    }
  });

  it('--help describes both modes; an unknown flag is a usage error', async () => {
    const help = await jaju(['scan', '--help'], '');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /jaju scan --jsonl/);
    assert.match(help.stdout, /UTF-16/);
    const bad = await jaju(['scan', '--json'], '');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^jaju scan: Unknown option '--json'/);
  });

  it('works as a real child process reading JSONL from stdin', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'scan', '--jsonl'], { cwd: packageRoot(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const records = Array.from({ length: 300 }, (_, index) => JSON.stringify({ id: index, text: `고객 ${index}: 010-${String(1000 + index)}-5678` }));
    child.stdin.end(`${records.join('\n')}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, err);
    const output = lines(out);
    assert.equal(output.length, 300);
    output.forEach((line, index) => {
      assert.equal(line['id'], index);
      const start = `고객 ${index}: `.length;
      assert.deepEqual(line['findings'], [{ type: 'KR_PHONE', start, end: start + 13 }]);
    });
  });
});
