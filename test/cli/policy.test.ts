import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run-cli.js';
import { packageRoot } from '../../src/config/index.js';
import { tempDir } from '../helpers/temp-dir.js';

async function jaju(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: packageRoot() });
  return { code, stdout: out, stderr: err };
}

const examples = join(packageRoot(), 'examples');

describe('jaju policy test', () => {
  it('passes the shipped example cases (built-in packs, messages scanned by jaju\'s detectors)', async () => {
    const { code, stdout } = await jaju(['policy', 'test', 'examples/policy/cases.yaml']);
    const lines = stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^policy test examples\/policy\/cases\.yaml against examples\/jaju\.yaml \(packs core, n2sf, pipa, ai-basic-act; version [0-9a-f]{16}\)$/);
    const caseLines = lines.slice(1, -1);
    assert.ok(caseLines.length >= 15);
    for (const line of caseLines) assert.match(line, /^✓ /, line);
    assert.equal(lines.at(-1), `${caseLines.length} cases: ${caseLines.length} passed, 0 failed`);
    assert.equal(code, 0, stdout);
  });

  it('passes the operator policy examples', async () => {
    const { code, stdout } = await jaju(['policy', 'test', 'examples/policy/operator-cases.yaml']);
    assert.match(stdout, /\+ 4 policy files/);
    assert.match(stdout, /\d+ cases: \d+ passed, 0 failed\n$/);
    assert.equal(code, 0, stdout);
  });

  it('prints ✗ with the difference and exits 1 when a case fails; --config overrides the file\'s config', async () => {
    const dir = tempDir('jaju-cli-policy-');
    const file = join(dir, 'cases.yaml');
    writeFileSync(
      file,
      `cases:
  - name: S stays home
    request: { app: minwon-bot, model: ko-chat }
    expect: { decision: allow, provider: onprem-llm }
  - name: wrong expectation
    request: { app: minwon-bot, model: frontier }
    expect: { decision: allow, provider: openai }
`,
    );
    const { code, stdout } = await jaju(['policy', 'test', file, '--config', join(examples, 'jaju.yaml')]);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[1], '✓ S stays home');
    assert.equal(lines[2], '✗ wrong expectation — provider: expected openai, got kr-cloud');
    assert.equal(lines[3], '2 cases: 1 passed, 1 failed');
    assert.equal(code, 1);
  });

  it('stops with file and line when a policy file is invalid', async () => {
    const dir = tempDir('jaju-cli-policy-');
    writeFileSync(join(dir, 'bad.cedar'), '@id("local.bad")\nforbid (principal, action, resource)\nwhen { resource.vendor == "x" };\n');
    writeFileSync(join(dir, 'cases.yaml'), `config: ${join(examples, 'jaju.yaml')}\nfiles: [bad.cedar]\ncases: [{ name: x, request: { app: minwon-bot, model: ko-chat }, expect: { decision: allow } }]\n`);
    const { code, stderr } = await jaju(['policy', 'test', join(dir, 'cases.yaml')]);
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`^jaju policy: ${join(dir, 'bad.cedar').replace(/[.]/g, '\\.')}:3: .*attribute \`vendor\``));
  });

  it('rejects bad input with a one-line error and exit 2', async () => {
    const noConfig = tempDir('jaju-cli-policy-');
    writeFileSync(join(noConfig, 'cases.yaml'), 'cases: [{ name: x, request: { app: a, model: m }, expect: { decision: allow } }]\n');
    const cases: [string[], RegExp][] = [
      [['policy'], /expected a subcommand: test \| check/],
      [['policy', 'lint'], /unknown subcommand "lint"/],
      [['policy', 'test'], /needs a FILE/],
      [['policy', 'test', join(noConfig, 'cases.yaml')], /no config to test against/],
      [['policy', 'test', 'missing.yaml'], /missing\.yaml: file not found/],
      [['policy', 'check'], /needs --config FILE/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await jaju(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message);
      assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
    }
  });
});

describe('jaju policy check', () => {
  it('lists every loaded policy with its place and reason', async () => {
    const { code, stdout } = await jaju(['policy', 'check', '--config', 'examples/jaju.yaml']);
    assert.equal(code, 0);
    assert.match(stdout, /^ok: 14 policies valid against the schema \(packs core, n2sf, pipa, ai-basic-act; version [0-9a-f]{16}\)\n/);
    assert.match(stdout, /\n {2}forbid core\.cut-target {2}policies\/core\.cedar:7 {2}— the target is cut/);
    assert.match(stdout, /\n {2}permit n2sf\.o-any-target {2}policies\/n2sf\.cedar:\d+ {2}— O data may go to any target/);
  });
});
