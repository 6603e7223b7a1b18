import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfigFile, packageRoot, type Config } from '../../src/config/index.js';
import type { ChatCompletionRequest, FindingCounts } from '../../src/domain/index.js';
import { loadPolicyEngine } from '../../src/policy/index.js';
import { PolicyCaseFileError, readPolicyCaseFile, type PolicyCaseFile } from '../../src/policy/policy-cases/case-file.js';
import { runPolicyCase, type CaseDependencies, type CaseResult } from '../../src/policy/policy-cases/run-policy-case.js';
import { aliasTargets } from '../../src/route/alias-targets.js';
import { tempDir } from '../helpers/temp-dir.js';
import { PSEUDONYMIZED } from './policy-fixtures.js';

/** A stand-in for jaju's detectors (tests of src/policy never depend on src/detect): RRN-shaped numbers only. */
const dependencies: CaseDependencies = {
  scan(body: ChatCompletionRequest): FindingCounts {
    const text = body.messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
    if (text.includes('DETECTOR-CRASH')) throw new Error('detector crashed');
    const count = text.match(/\b\d{6}-[1-4]\d{6}\b/g)?.length ?? 0;
    return count > 0 ? { KR_RRN: count } : {};
  },
  pseudonymizedTypes: PSEUDONYMIZED,
};

async function runFile(caseFile: PolicyCaseFile, configFile?: string): Promise<CaseResult[]> {
  const loaded = loadConfigFile(configFile ?? caseFile.config!);
  const config: Config = { ...loaded, policies: { ...loaded.policies, files: [...loaded.policies.files, ...caseFile.files] } };
  const engine = await loadPolicyEngine(config);
  const targets = aliasTargets(config);
  return caseFile.cases.map((testCase) => runPolicyCase(engine, config, targets, testCase, dependencies));
}

function writeCases(text: string): string {
  const file = join(tempDir('jaju-cases-'), 'cases.yaml');
  writeFileSync(file, text);
  return file;
}

const exampleConfig = join(packageRoot(), 'examples', 'jaju.yaml');

describe('policy test cases', () => {
  for (const name of ['cases.yaml', 'operator-cases.yaml']) {
    it(`examples/policy/${name} passes against examples/jaju.yaml`, async () => {
      const caseFile = readPolicyCaseFile(join(packageRoot(), 'examples', 'policy', name));
      assert.equal(caseFile.config, exampleConfig);
      const results = await runFile(caseFile);
      assert.ok(results.length >= 8);
      for (const result of results) assert.ok(result.passed, `${result.name}: ${result.differences.join('; ')}`);
    });
  }

  it('reports every expectation that does not hold, naming what was expected and what came', async () => {
    const file = writeCases(`
cases:
  - name: wrong on purpose
    request: { app: minwon-bot, model: ko-chat, findings: { KR_RRN: 1 } }
    expect:
      decision: deny
      grade: C
      provider: openai
      mode: pseudonymized
      denialKind: unavailable
      candidates:
        openai: { permitted: true }
        kr-cloud: { permitted: true, mode: pseudonymized, policies: [n2sf.s-domestic-perimeter] }
        nobody: { permitted: true }
      reasons: [pipa.personal-data-retained]
`);
    const [result] = await runFile(readPolicyCaseFile(file), exampleConfig);
    assert.equal(result?.passed, false);
    assert.deepEqual(result?.differences, [
      'decision: expected deny, got allow (allowed: onprem-llm (raw) by n2sf.s-domestic-perimeter; 1 of 3 candidates denied (openai: n2sf.s-foreign-cloud, n2sf.s-outside-home))',
      'grade: expected C, got S',
      'provider: expected openai, got onprem-llm',
      'mode: expected pseudonymized, got raw',
      'denialKind: expected unavailable, got none (allowed)',
      'candidate openai: expected permitted, got denied: n2sf.s-foreign-cloud, n2sf.s-outside-home',
      'candidate kr-cloud: expected mode pseudonymized, got raw',
      'candidate kr-cloud: expected policies to include n2sf.s-domestic-perimeter, got n2sf.s-domestic-cloud-csap',
      'candidate nobody: not a target of alias ko-chat',
      'reasons: expected pipa.personal-data-retained among the denials, got n2sf.s-foreign-cloud, n2sf.s-outside-home',
    ]);
  });

  it('scans message text, applies cuts and inline apps', async () => {
    const file = writeCases(`
cases:
  - name: scanned
    request: { app: research-assistant, model: ko-chat, messages: "번호 900101-1234568 입니다" }
    expect: { decision: allow, candidates: { kr-cloud: { permitted: true, mode: pseudonymized } } }
  - name: chat messages, on-premises cut
    request:
      app: { id: inline, grade: O }
      model: ko-chat
      messages: [{ role: user, content: "no personal data" }]
      cuts: [{ deployment: on-premises }]
    expect: { decision: allow, provider: kr-cloud, mode: raw }
`);
    const results = await runFile(readPolicyCaseFile(file), exampleConfig);
    for (const result of results) assert.ok(result.passed, `${result.name}: ${result.differences.join('; ')}`);
    assert.deepEqual(results[0]?.result?.decision.findings, { KR_RRN: 1 });
  });

  it('fails a case that cannot run (unknown app or alias, detector failure) with the reason', async () => {
    const file = writeCases(`
cases:
  - { name: unknown app, request: { app: nobody, model: ko-chat }, expect: { decision: allow } }
  - { name: unknown alias, request: { app: minwon-bot, model: nope }, expect: { decision: allow } }
  - { name: detector, request: { app: minwon-bot, model: ko-chat, messages: DETECTOR-CRASH }, expect: { decision: allow } }
`);
    const results = await runFile(readPolicyCaseFile(file), exampleConfig);
    assert.deepEqual(
      results.map((result) => [result.passed, result.differences[0]]),
      [
        [false, 'unknown app "nobody" (config has: minwon-bot, research-assistant)'],
        [false, 'unknown model alias "nope" (config has: ko-chat, secure-chat, frontier, embed)'],
        [false, 'personal-data detection failed: detector crashed'],
      ],
    );
  });

  it('rejects a malformed case file with the path of the problem', () => {
    const problem = (text: string) => {
      try {
        readPolicyCaseFile(writeCases(text));
      } catch (error) {
        assert.ok(error instanceof PolicyCaseFileError);
        return error.message.replace(/^.*cases\.yaml: /, '');
      }
      assert.fail('accepted');
    };
    assert.match(problem('cases: []'), /^cases: /);
    assert.match(problem('cases: [{ name: x, request: { app: a, model: m }, expect: { decision: maybe } }]'), /^cases\[0\]\.expect\.decision: expected one of allow, deny/);
    assert.match(problem('cases: [{ name: x, request: { app: a, model: m, findings: { KR_RNN: 1 } }, expect: { decision: allow } }]'), /^cases\[0\]\.request\.findings/);
    assert.match(problem('cases: [{ name: x, request: { app: a, model: m, findings: {}, messages: hi }, expect: { decision: allow } }]'), /either findings or messages/);
    assert.match(problem('cases: [{ name: x, request: { app: a, model: m, cuts: [{ country: US }] }, expect: { decision: allow } }]'), /^cases\[0\]\.request\.cuts\[0\]: expected exactly one of/);
    assert.match(problem('cases: [{ name: x, request: { app: a, model: m }, expect: { decision: allow }, extra: 1 }]'), /^cases\[0\]\.extra: unknown key/);
    assert.match(problem('cases: [ {'), /YAML syntax error/);
    assert.throws(() => readPolicyCaseFile('/nonexistent/cases.yaml'), /cases\.yaml: file not found/);
  });
});
