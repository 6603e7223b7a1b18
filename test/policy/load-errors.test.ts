import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/index.js';
import { loadPolicyEngine, PolicyLoadError } from '../../src/policy/index.js';
import { engineWith, policyFiles } from './policy-fixtures.js';

/** Loads one operator file and returns the PolicyLoadError it must cause. */
async function loadError(text: string, name = 'local.cedar'): Promise<PolicyLoadError> {
  const { paths } = policyFiles({ [name]: text });
  try {
    await engineWith({ files: paths });
  } catch (error) {
    assert.ok(error instanceof PolicyLoadError, `expected PolicyLoadError, got ${String(error)}`);
    assert.equal(error.file, paths[0]);
    assert.ok(error.message.startsWith(error.line === null ? `${paths[0]}: ` : `${paths[0]}:${error.line}: `), error.message);
    return error;
  }
  assert.fail('the policy file was accepted');
}

const VALID = '@id("local.ok")\nforbid (principal, action, resource) when { resource.cut };\n';

describe('invalid policy files stop start-up with file, line and Cedar\'s message', () => {
  it('reports a syntax error at its line', async () => {
    const error = await loadError(`${VALID}\n// second policy\n@id("local.broken")\nforbid (principal, action, resource)\nwhen { context.grade = Jaju::Grade::"S" };\n`);
    assert.equal(error.line, 7);
    assert.match(error.detail, /'=' is not a valid operator/);
  });

  it('reports an attribute the schema does not declare, with Cedar\'s suggestion', async () => {
    const error = await loadError(`${VALID}@id("local.typo")\nforbid (principal, action, resource)\nwhen {\n  resource.deploymnt == Jaju::Deployment::"on-premises"\n};\n`);
    assert.equal(error.line, 6);
    assert.match(error.detail, /attribute `deploymnt` on entity type `Jaju::Target` not found/);
    assert.match(error.detail, /did you mean `deployment`/);
  });

  it('rejects a misspelt grade, deployment or finding type (enumerated in the schema)', async () => {
    const grade = await loadError('@id("local.g") forbid (principal, action, resource) when { context.grade == Jaju::Grade::"Secret" };');
    assert.match(grade.detail, /"Secret"` is not declared as a valid eid|not declared as a valid eid/);
    const finding = await loadError('@id("local.f") forbid (principal, action, resource) when { context.findingTypes.contains(Jaju::FindingType::"KR_RNN") };');
    assert.match(finding.detail, /KR_RNN/);
    const deployment = await loadError('@id("local.d") permit (principal, action, resource) when { resource.deployment == Jaju::Deployment::"on-premise" };');
    assert.match(deployment.detail, /on-premise/);
  });

  it('rejects a type error that strict mode catches (comparing a string with a grade)', async () => {
    const error = await loadError('@id("local.t")\nforbid (principal, action, resource) when { context.grade == "C" };');
    assert.equal(error.line, 2);
  });

  it('rejects an unguarded read of an optional finding count (it would error, and an erroring forbid is skipped)', async () => {
    const error = await loadError('@id("local.count")\nforbid (principal, action, resource)\nwhen { context.findingCounts.KR_RRN > 10 };');
    assert.match(error.detail, /KR_RRN/);
    // The guarded form is accepted.
    const { paths } = policyFiles({ 'guarded.cedar': '@id("local.count") forbid (principal, action, resource) when { context.findingCounts has KR_RRN && context.findingCounts.KR_RRN > 10 };' });
    const engine = await engineWith({ files: paths });
    assert.ok(engine.rules.some((rule) => rule.id === 'local.count'));
  });

  it('counts lines correctly after Korean comments (Cedar reports byte offsets)', async () => {
    const error = await loadError('// 인사 앱은 해외 사업자를 쓰지 않는다 — 한국어 주석\n@id("local.ko") forbid (principal, action, resource) when { resource.nope };\n');
    assert.equal(error.line, 2);
  });

  it('requires an @id on every policy, and a unique one', async () => {
    const missing = await loadError(`${VALID}\nforbid (principal, action, resource);\n`);
    assert.equal(missing.line, 4);
    assert.match(missing.detail, /no @id/);
    const duplicate = await loadError(`${VALID}@id("local.ok") permit (principal, action, resource);\n`);
    assert.equal(duplicate.line, 3);
    assert.match(duplicate.detail, /duplicate policy id "local\.ok" \(already defined at .*local\.cedar:1\)/);
    const builtIn = await loadError('@id("n2sf.o-any-target") permit (principal, action, resource);');
    assert.match(builtIn.detail, /duplicate policy id "n2sf\.o-any-target" \(already defined at policies\/n2sf\.cedar:\d+\)/);
    const unusable = await loadError('@id("has spaces") permit (principal, action, resource);');
    assert.match(unusable.detail, /not a usable policy id/);
  });

  it('rejects templates', async () => {
    const error = await loadError(`${VALID}@id("local.template") permit (principal == ?principal, action, resource);\n`);
    assert.equal(error.line, 3);
    assert.match(error.detail, /template/);
  });

  it('reports a missing file without a line', async () => {
    const config = parseConfig({ policies: { files: ['does-not-exist.cedar'] } }, null, '/nonexistent-dir');
    await assert.rejects(loadPolicyEngine(config), (error: unknown) => {
      assert.ok(error instanceof PolicyLoadError);
      assert.equal(error.file, '/nonexistent-dir/does-not-exist.cedar');
      assert.equal(error.line, null);
      assert.match(error.message, /^\/nonexistent-dir\/does-not-exist\.cedar: cannot read policy file: file not found$/);
      return true;
    });
  });

  it('resolves operator files against the config file\'s folder', async () => {
    const { dir } = policyFiles({ 'mine.cedar': VALID });
    const engine = await loadPolicyEngine(parseConfig({ policies: { files: ['mine.cedar'] } }, null, dir));
    const rule = engine.rules.find((candidate) => candidate.id === 'local.ok');
    assert.equal(rule?.file, `${dir}/mine.cedar`);
    assert.equal(rule?.line, 1);
    assert.equal(rule?.pack, null);
  });
});

describe('built-in packs', () => {
  it('load with an @id and a @reason on every policy, core first', async () => {
    const engine = await engineWith();
    assert.deepEqual(engine.packs, ['core', 'n2sf', 'pipa', 'ai-basic-act']);
    assert.equal(engine.rules[0]?.id, 'core.cut-target');
    for (const rule of engine.rules) {
      assert.match(rule.id, /^(core|n2sf|pipa|ai-basic-act)\.[a-z0-9-]+$/);
      assert.ok(rule.reason, `${rule.id} has no @reason`);
      assert.equal(engine.explain(rule.id), rule.reason);
      assert.ok(rule.file.startsWith('policies/'), rule.file);
    }
    assert.equal(engine.explain('no.such-rule'), undefined);
  });

  it('always load the core pack, even with no pack configured', async () => {
    const engine = await engineWith({ packs: [] });
    assert.deepEqual(engine.packs, ['core']);
    assert.deepEqual(engine.rules.map((rule) => rule.id), ['core.cut-target']);
  });
});
