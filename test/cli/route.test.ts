import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Decision } from '../../src/domain/index.js';
import { runJaju } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir();
function requestFile(name: string, body: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
}
const env = { ...process.env, MINWON_KEY: 'x' };

describe('jaju route', () => {
  it('prints the decision JSON for an S request: in-country targets only', async () => {
    const file = requestFile('s.json', { app: 'minwon-bot', model: 'ko-chat', messages: [{ role: 'user', content: '주민등록번호 900101-1234568 확인' }] });
    const { code, stdout } = await runJaju(['route', '--config', 'examples/jaju.yaml', '--request', file], { env });
    assert.equal(code, 0);
    const decision = JSON.parse(stdout) as Decision;
    assert.equal(decision.decision, 'allow');
    assert.equal(decision.grade, 'S');
    assert.equal(decision.provider, 'onprem-llm');
    assert.equal(decision.mode, 'raw');
    assert.deepEqual(decision.findings, { KR_RRN: 1 });
    assert.deepEqual(
      decision.candidates.map((candidate) => [candidate.provider, candidate.permitted]),
      [['onprem-llm', true], ['kr-cloud', true], ['openai', false]],
    );
    assert.equal(typeof decision.reason, 'string');
  });

  it('raises the grade from the request file, never lowers it', async () => {
    const raised = JSON.parse((await runJaju(['route', '--config', 'examples/jaju.yaml', '--request', requestFile('c.json', { app: 'research-assistant', grade: 'C', model: 'ko-chat', messages: [] })], { env })).stdout) as Decision;
    assert.equal(raised.grade, 'C');
    const lowered = JSON.parse((await runJaju(['route', '--config', 'examples/jaju.yaml', '--request', requestFile('o.json', { app: 'minwon-bot', grade: 'O', model: 'frontier', messages: [] })], { env })).stdout) as Decision;
    assert.equal(lowered.grade, 'S');
    assert.equal(lowered.decision, 'allow');
    assert.equal(lowered.provider, 'kr-cloud');
  });

  it('reports a denial as a decision, naming the rules', async () => {
    const file = requestFile('deny.json', { app: 'minwon-bot', model: 'secure-chat', grade: 'C', messages: [{ role: 'user', content: 'x' }] });
    const decision = JSON.parse((await runJaju(['route', '--config', 'examples/jaju.yaml', '--request', file], { env })).stdout) as Decision;
    assert.equal(decision.decision, 'allow', 'secure-chat has C-accredited targets');
    const denied = JSON.parse(
      (await runJaju(['route', '--config', 'examples/jaju.yaml', '--request', requestFile('deny2.json', { app: 'minwon-bot', model: 'frontier', grade: 'C', messages: [] })], { env })).stdout,
    ) as Decision;
    assert.equal(denied.decision, 'deny');
    assert.equal(denied.provider, undefined);
    assert.equal(denied.mode, undefined);
    assert.ok(denied.candidates.every((candidate) => !candidate.permitted && candidate.reasons.length > 0));
  });

  it('gives one-line errors for bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['route', '--config', 'examples/jaju.yaml'], /--request FILE is required/],
      [['route', '--request', 'x.json'], /--config FILE is required/],
      [['route', '--config', 'examples/jaju.yaml', '--request', join(dir, 'missing.json')], /file not found/],
      [['route', '--config', 'examples/jaju.yaml', '--request', requestFile('bad.json', '{not json')], /--request/],
      [['route', '--config', 'examples/jaju.yaml', '--request', requestFile('noapp.json', { app: 'ghost', model: 'ko-chat' })], /unknown app "ghost"/],
      [['route', '--config', 'examples/jaju.yaml', '--request', requestFile('noalias.json', { app: 'minwon-bot', model: 'gpt-9' })], /gpt-9/],
      [['route', '--config', 'examples/jaju.yaml', '--request', requestFile('badgrade.json', { app: 'minwon-bot', model: 'ko-chat', grade: 'X' })], /grade: expected C, S or O/],
      [['route', '--bogus'], /bogus/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runJaju(args, { env });
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
    }
  });
});
