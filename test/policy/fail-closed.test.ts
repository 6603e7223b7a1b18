import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { Grade } from '../../src/domain/index.js';
import { decideRoute, type LoadedPolicyEngine } from '../../src/policy/index.js';
import { interpretAnswer } from '../../src/policy/interpret-answer.js';
import { app, engineWith, policyFiles, request, target } from './policy-fixtures.js';

/**
 * Cedar's fail-open trap: a policy whose condition errors at evaluation time is skipped, so an
 * erroring `forbid` can turn a request into an allow. This forbid passes strict validation but
 * overflows (64-bit integers) as soon as the request carries two e-mail addresses.
 */
const OVERFLOWING_FORBID = `@id("local.overflow")
@reason("no e-mail addresses to the cloud")
forbid (principal, action == Jaju::Action::"send", resource)
when {
  resource.deployment != Jaju::Deployment::"on-premises" &&
  context.findingCounts has EMAIL &&
  context.findingCounts.EMAIL * 4611686018427387904 > 0
};`;

let engine: LoadedPolicyEngine;
before(async () => {
  const { paths } = policyFiles({ 'overflow.cedar': OVERFLOWING_FORBID });
  engine = await engineWith({ files: paths });
});

describe('fail closed', () => {
  it('Cedar itself answers allow when the erroring forbid is skipped (the trap is real)', () => {
    const answer = cedar.isAuthorized({
      principal: { type: 'A', id: 'a' },
      action: { type: 'Action', id: 'send' },
      resource: { type: 'T', id: 't' },
      context: { emails: 2 },
      entities: [],
      policies: {
        staticPolicies: {
          allow: 'permit (principal, action, resource);',
          'no-email': 'forbid (principal, action, resource) when { context.emails * 4611686018427387904 > 0 };',
        },
      },
    });
    assert.equal(answer.type, 'success');
    assert.ok(answer.type === 'success');
    assert.equal(answer.response.decision, 'allow');
    assert.equal(answer.response.diagnostics.errors[0]?.policyId, 'no-email');
  });

  it('the same forbid applies normally when it does not error', () => {
    const verdict = engine.evaluate(request('O', { EMAIL: 1 }, { pseudonymizedTypes: [] }), target('cloud', 'domestic-cloud'), false);
    assert.deepEqual(verdict, { permitted: false, reasons: ['local.overflow'] });
  });

  it('an erroring policy denies the target, with the error as the reason', () => {
    const verdict = engine.evaluate(request('O', { EMAIL: 2 }, { pseudonymizedTypes: [] }), target('cloud', 'domestic-cloud'), false);
    assert.equal(verdict.permitted, false);
    assert.ok(!verdict.permitted);
    assert.equal(verdict.reasons.length, 1);
    assert.match(verdict.reasons[0]!, /^policy error in local\.overflow: integer overflow/);
  });

  it('an error in the raw step denies the target outright, even if the pseudonymized step would pass', () => {
    // Pseudonymizing the e-mail addresses would remove them from the context, so the forbid could
    // not even error there; the raw step's error still decides.
    const result = decideRoute(engine, request('O', { EMAIL: 2 }), [target('cloud', 'domestic-cloud')], { isCut: () => false });
    assert.equal(result.decision.decision, 'deny');
    assert.equal(result.denialKind, 'policy');
    assert.match(result.decision.reason, /policy error in local\.overflow/);
  });

  it('targets the erroring policy does not touch are unaffected', () => {
    const verdict = engine.evaluate(request('O', { EMAIL: 2 }), target('onprem', 'on-premises'), false);
    assert.deepEqual(verdict, { permitted: true, mode: 'raw', policies: ['n2sf.o-any-target'] });
  });

  it('a request Cedar cannot validate (unknown grade) is denied', () => {
    const verdict = engine.evaluate({ ...request('O'), grade: 'X' as Grade }, target('onprem', 'on-premises'), false);
    assert.ok(!verdict.permitted);
    assert.match(verdict.reasons[0]!, /^policy engine error: .*"X"/);
  });

  it('an entity Cedar cannot validate (missing attribute) is denied', () => {
    const broken = { ...app('O'), purpose: undefined as unknown as string };
    const verdict = engine.evaluate({ ...request('O'), app: broken }, target('onprem', 'on-premises'), false);
    assert.ok(!verdict.permitted);
    assert.match(verdict.reasons[0]!, /^policy engine error: /);
  });

  it('malformed finding counts are denied and never cached', () => {
    for (const count of [-1, 1.5, Number.NaN]) {
      const before = engine.cachedVerdicts;
      const verdict = engine.evaluate(request('O', { EMAIL: count }), target('onprem', 'on-premises'), false);
      assert.ok(!verdict.permitted);
      assert.match(verdict.reasons[0]!, /invalid finding count for EMAIL/);
      assert.equal(engine.cachedVerdicts, before);
    }
  });

  it('with no pack permitting anything, every request is denied ("no policy permits")', async () => {
    const bare = await engineWith({ packs: ['pipa'] });
    for (const grade of ['C', 'S', 'O'] as const) {
      const verdict = bare.evaluate(request(grade), target('onprem', 'on-premises'), false);
      assert.deepEqual(verdict, { permitted: false, reasons: [`no policy permits sending grade ${grade} data to this target`] });
    }
    const withPersonalData = bare.evaluate(request('O', { KR_RRN: 1 }), target('cloud', 'domestic-cloud'), false);
    assert.deepEqual(withPersonalData, {
      permitted: false,
      reasons: ['pipa.unique-identifier-outside-perimeter', 'no policy permits sending grade O data, raw or pseudonymized, to this target'],
    });
  });
});

describe('interpretAnswer', () => {
  const ok = (decision: 'allow' | 'deny', reason: string[], errors: { policyId: string; message: string }[] = []) =>
    interpretAnswer({
      type: 'success',
      warnings: [],
      response: {
        decision,
        diagnostics: { reason, errors: errors.map(({ policyId, message }) => ({ policyId, error: { message, help: null, code: null, url: null, severity: null } })) },
      },
    });

  it('turns an allow with evaluation errors into a denial naming them', () => {
    assert.deepEqual(ok('allow', ['p.permit'], [{ policyId: 'p.forbid', message: 'boom' }]), { kind: 'error', reasons: ['policy error in p.forbid: boom'] });
  });
  it('keeps the satisfied forbids of a deny with errors, then the errors', () => {
    assert.deepEqual(ok('deny', ['p.b', 'p.a'], [{ policyId: 'p.c', message: 'bad' }]), { kind: 'error', reasons: ['p.a', 'p.b', 'policy error in p.c: bad'] });
  });
  it('passes clean answers through, sorted', () => {
    assert.deepEqual(ok('allow', ['p.z', 'p.y']), { kind: 'allow', policies: ['p.y', 'p.z'] });
    assert.deepEqual(ok('deny', []), { kind: 'deny', reasons: [] });
  });
  it('turns a failure into a denial with Cedar\'s messages', () => {
    const outcome = interpretAnswer({
      type: 'failure',
      warnings: [],
      errors: [{ message: 'entity does not conform', help: 'add the attribute', code: null, url: null, severity: null }],
    });
    assert.deepEqual(outcome, { kind: 'error', reasons: ['policy engine error: entity does not conform (add the attribute)'] });
  });
});
