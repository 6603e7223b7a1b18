import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Target } from '../../src/domain/index.js';
import { decideRoute, type LoadedPolicyEngine } from '../../src/policy/index.js';
import { engineWith, FOREIGN, policyFiles, request, target } from './policy-fixtures.js';

let engine: LoadedPolicyEngine;
before(async () => {
  engine = await engineWith();
});

const openai = target('openai', 'foreign-cloud', { ...FOREIGN, retainsData: true }, 0, 'gpt-4.1');
const krCloud = target('kr-cloud', 'domestic-cloud', { certifications: ['CSAP-high'] }, 1, 'solar-pro2');
const onprem = target('onprem-llm', 'on-premises', {}, 2, 'exaone-4.0-32b');
const alias = [openai, krCloud, onprem];
const never = { isCut: () => false };

describe('decideRoute', () => {
  it('builds the docs/design.md §4.4 decision: first plan entry, raw findings, candidates in alias order', () => {
    const result = decideRoute(engine, request('S', { KR_RRN: 1, KR_PHONE: 2, EMAIL: 0 }), alias, never);
    assert.deepEqual(result.decision, {
      decision: 'allow',
      grade: 'S',
      provider: 'onprem-llm',
      model: 'exaone-4.0-32b',
      mode: 'raw',
      findings: { KR_RRN: 1, KR_PHONE: 2 },
      candidates: [
        { provider: 'openai', model: 'gpt-4.1', permitted: false, reasons: ['n2sf.s-foreign-cloud', 'n2sf.s-outside-home'] },
        { provider: 'kr-cloud', model: 'solar-pro2', permitted: true, mode: 'raw', policies: ['n2sf.s-domestic-cloud-csap'] },
        { provider: 'onprem-llm', model: 'exaone-4.0-32b', permitted: true, mode: 'raw', policies: ['n2sf.s-domestic-perimeter'] },
      ],
      reason:
        'allowed: onprem-llm (raw) by n2sf.s-domestic-perimeter; 1 of 3 candidates denied (openai: n2sf.s-foreign-cloud, n2sf.s-outside-home)',
    });
    assert.equal(result.denialKind, undefined);
    // Field order follows the contract, so the JSON reads as documented.
    assert.deepEqual(Object.keys(result.decision), ['decision', 'grade', 'provider', 'model', 'mode', 'findings', 'candidates', 'reason']);
  });

  it('puts only permitted targets in the plan, sovereign-first, each with its mode', () => {
    const result = decideRoute(engine, request('O', { KR_RRN: 1 }), alias, never);
    assert.deepEqual(
      result.plan.map((entry) => [entry.target.provider, entry.mode]),
      [
        ['onprem-llm', 'raw'],
        ['kr-cloud', 'pseudonymized'],
        ['openai', 'pseudonymized'],
      ],
    );
    assert.equal(result.plan[0]!.target, onprem);
    const denied = decideRoute(engine, request('S'), alias, never);
    assert.deepEqual(denied.plan.map((entry) => entry.target.provider), ['onprem-llm', 'kr-cloud']);
  });

  it('ranks healthy before unhealthy within a tier, then by config order; never across tiers', () => {
    const cloudA = target('cloud-a', 'domestic-cloud', { certifications: ['CSAP-high'] }, 0);
    const cloudB = target('cloud-b', 'domestic-cloud', { certifications: ['CSAP-high'] }, 1);
    const local = target('local', 'on-premises', {}, 2);
    const result = decideRoute(engine, request('S'), [cloudA, cloudB, local], { isCut: () => false, isHealthy: (t: Target) => t !== cloudA && t !== local });
    assert.deepEqual(result.plan.map((entry) => entry.target.provider), ['local', 'cloud-b', 'cloud-a']);
  });

  it('denies with a policy denial naming every candidate\'s rules', () => {
    const result = decideRoute(engine, request('C'), [openai, krCloud], never);
    assert.equal(result.decision.decision, 'deny');
    assert.equal(result.denialKind, 'policy');
    assert.deepEqual(result.plan, []);
    assert.equal(result.decision.provider, undefined);
    assert.equal(result.decision.mode, undefined);
    assert.ok(!('provider' in result.decision));
    assert.equal(result.decision.reason, 'denied: no permitted target (openai: n2sf.c-outside-perimeter; kr-cloud: n2sf.c-outside-perimeter)');
  });

  it('says "unavailable" when a target would be permitted but is cut, and never widens the plan', () => {
    const result = decideRoute(engine, request('S'), alias, { isCut: (t) => t !== openai });
    assert.equal(result.decision.decision, 'deny');
    assert.equal(result.denialKind, 'unavailable');
    assert.deepEqual(result.plan, []);
    assert.equal(
      result.decision.reason,
      'unavailable: every target permitted for this request is cut (kr-cloud, onprem-llm); denied by policy: openai: n2sf.s-foreign-cloud, n2sf.s-outside-home',
    );
    const cutCandidate = result.decision.candidates[1]!;
    assert.ok(!cutCandidate.permitted);
    assert.deepEqual(cutCandidate.reasons, ['core.cut-target']);
  });

  it('skips a cut target and serves from the next permitted one', () => {
    const result = decideRoute(engine, request('S'), alias, { isCut: (t) => t === onprem });
    assert.equal(result.decision.provider, 'kr-cloud');
    assert.deepEqual(result.plan.map((entry) => entry.target.provider), ['kr-cloud']);
  });

  it('keeps a cut target out of the plan even if the policy set permitted it', () => {
    const permitsAll = { version: 'x', clearCache() {}, evaluate: () => ({ permitted: true as const, mode: 'raw' as const, policies: ['test.all'] }) };
    const result = decideRoute(permitsAll, request('O'), alias, { isCut: (t) => t === onprem });
    assert.deepEqual(result.plan.map((entry) => entry.target.provider), ['kr-cloud', 'openai']);
    const candidate = result.decision.candidates[2]!;
    assert.ok(!candidate.permitted);
    assert.deepEqual(candidate.reasons, ['core.cut-target']);
  });

  it('names provider/model when an alias has several models of one provider', () => {
    const small = target('onprem-llm', 'on-premises', {}, 0, 'small');
    const large = target('onprem-llm', 'on-premises', {}, 1, 'large');
    const result = decideRoute(engine, request('C'), [small, large, openai], never);
    assert.match(result.decision.reason, /^allowed: onprem-llm\/small \(raw\) by n2sf\.c-on-premises; 1 of 3 candidates denied \(openai: /);
  });

  it('denies an alias with no targets', () => {
    const result = decideRoute(engine, request('O'), [], never);
    assert.equal(result.decision.decision, 'deny');
    assert.equal(result.denialKind, 'policy');
    assert.equal(result.decision.reason, 'denied: the model alias has no targets');
  });

  it('an operator policy file that forbids a provider removes it from every plan', async () => {
    const { paths } = policyFiles({
      'no-openai.cedar': '@id("local.no-openai")\n@reason("the institution does not use OpenAI")\nforbid (principal, action, resource in Jaju::Provider::"openai");\n',
    });
    const withRule = await engineWith({ files: paths });
    const result = decideRoute(withRule, request('O'), alias, never);
    assert.deepEqual(result.plan.map((entry) => entry.target.provider), ['onprem-llm', 'kr-cloud']);
    assert.deepEqual(result.decision.candidates[0], { provider: 'openai', model: 'gpt-4.1', permitted: false, reasons: ['local.no-openai'] });
    assert.equal(withRule.explain('local.no-openai'), 'the institution does not use OpenAI');
    const onlyOpenai = decideRoute(withRule, request('O'), [openai], never);
    assert.equal(onlyOpenai.denialKind, 'policy');
    assert.equal(onlyOpenai.decision.reason, 'denied: no permitted target (openai: local.no-openai)');
  });
});
