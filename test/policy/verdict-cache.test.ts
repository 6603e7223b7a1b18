import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { parseConfig } from '../../src/config/index.js';
import { DEPLOYMENTS, FINDING_TYPES, GRADES, type FindingCounts, type FindingType, type Grade, type Target } from '../../src/domain/index.js';
import { decideRoute, loadPolicyEngine, PolicyLoadError, type LoadedPolicyEngine, type PolicyRequest } from '../../src/policy/index.js';
import { engineWith, policyFiles, request, target } from './policy-fixtures.js';

/**
 * The verdict cache must never serve a verdict computed under other inputs. The operator policy below
 * makes every input the key is meant to cover decide something, so a key that forgot one (app id,
 * purpose, high-impact flag, app grade, effective grade, finding types or counts, the pseudonymizer's
 * coverage, home, crisis, provider, model, any profile fact, cut) yields a cached verdict that
 * differs from a fresh evaluation.
 */
const EVERY_INPUT_MATTERS = `
@id("t.purpose") forbid (principal, action, resource) when { principal.purpose == "hr" && resource.provider == "a" };
@id("t.high-impact") forbid (principal, action, resource) when { principal.highImpact && resource.model == "m2" };
@id("t.app-grade") forbid (principal, action, resource) when { principal.grade == Jaju::Grade::"S" && resource.weightsOrigin == "US" };
@id("t.app-id") forbid (principal == Jaju::App::"app-b", action, resource) when { resource.retainsData };
@id("t.crisis") forbid (principal, action, resource) when { context.crisis && !resource.openWeights };
@id("t.home") forbid (principal, action, resource) when { context.home == "JP" && resource.deployment == Jaju::Deployment::"domestic-cloud" };
@id("t.counts") forbid (principal, action, resource) when { context.findingCounts has EMAIL && context.findingCounts.EMAIL > 2 && !resource.trainsOnData };
@id("t.pseudonymized") forbid (principal, action, resource in Jaju::Provider::"b") when { context.pseudonymized && resource.operatorCountry == "KR" };
@id("t.certifications") forbid (principal, action, resource) when { resource.certifications.contains("X") && resource.accreditedGrades.contains(Jaju::Grade::"S") };
@id("t.hosting") forbid (principal, action, resource) when { resource.hostingCountry == "JP" && context.findingTypes.contains(Jaju::FindingType::"KR_PHONE") };
`;

const findingsArbitrary = fc.dictionary(fc.constantFrom<FindingType>('KR_RRN', 'EMAIL', 'KR_PHONE'), fc.integer({ min: 0, max: 4 }), {
  maxKeys: 2,
}) as fc.Arbitrary<FindingCounts>;

/** Small domains for every input, so that calls often differ in one input only. */
const inputArbitraries = {
  appId: fc.constantFrom('app-a', 'app-b'),
  appGrade: fc.constantFrom(...GRADES),
  purpose: fc.constantFrom('hr', 'general'),
  highImpact: fc.boolean(),
  // Mostly O, where most targets are permitted and so an operator forbid can flip the verdict.
  grade: fc.constantFrom<Grade>('O', 'O', 'O', 'S', 'C'),
  findings: findingsArbitrary,
  home: fc.constantFrom('KR', 'JP'),
  crisis: fc.boolean(),
  pseudonymizedTypes: fc.subarray<FindingType>(['KR_RRN', 'EMAIL', 'KR_PHONE']),
  provider: fc.constantFrom('a', 'b'),
  model: fc.constantFrom('m1', 'm2'),
  operatorCountry: fc.constantFrom('KR', 'US'),
  hostingCountry: fc.constantFrom('KR', 'JP'),
  deployment: fc.constantFrom(...DEPLOYMENTS),
  accreditedGrades: fc.subarray<Grade>(['C', 'S']),
  certifications: fc.subarray(['CSAP-high', 'X']),
  weightsOrigin: fc.constantFrom('KR', 'US'),
  openWeights: fc.boolean(),
  retainsData: fc.boolean(),
  trainsOnData: fc.boolean(),
  cut: fc.boolean(),
};
type CallInputs = { [K in keyof typeof inputArbitraries]: (typeof inputArbitraries)[K] extends fc.Arbitrary<infer T> ? T : never };

/** Usually nothing (keep the base value), sometimes a new value: variants differ in one or two inputs. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary, weight: 1 });

const changeArbitraries = Object.fromEntries(Object.entries(inputArbitraries).map(([key, arbitrary]) => [key, maybe(arbitrary as fc.Arbitrary<unknown>)]));

/** A base call and a variant that changes a few of its inputs. */
const callPairArbitrary: fc.Arbitrary<readonly [CallInputs, CallInputs]> = fc.record(inputArbitraries).chain((base) =>
  fc.record(changeArbitraries).map((changes) => {
    const variant: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) variant[key] = value;
    return [base, variant as CallInputs] as const;
  }),
);

function toCall(inputs: CallInputs): { request: PolicyRequest; target: Target; cut: boolean } {
  const { appId, appGrade, purpose, highImpact, grade, findings, home, crisis, pseudonymizedTypes, provider, model, cut, ...profile } = inputs;
  return {
    request: { app: { id: appId, grade: appGrade, purpose, highImpact }, grade, findings, home, crisis, pseudonymizedTypes },
    target: { provider, model, order: 0, profile },
    cut,
  };
}

let cached: LoadedPolicyEngine;
let uncached: LoadedPolicyEngine;
before(async () => {
  const { paths } = policyFiles({ 'every-input.cedar': EVERY_INPUT_MATTERS });
  cached = await engineWith({ files: paths });
  uncached = await engineWith({ files: paths, cacheLimit: 0 });
});

describe('verdict cache', () => {
  it('serves the verdict a fresh evaluation gives, for every input the verdict depends on', () => {
    fc.assert(
      fc.property(callPairArbitrary, ([baseInputs, variantInputs]) => {
        // Warm the cache with the base call, then ask for a call that differs in a few inputs only.
        const base = toCall(baseInputs);
        const variant = toCall(variantInputs);
        assert.deepEqual(cached.evaluate(base.request, base.target, base.cut), uncached.evaluate(base.request, base.target, base.cut));
        assert.deepEqual(cached.evaluate(variant.request, variant.target, variant.cut), uncached.evaluate(variant.request, variant.target, variant.cut));
      }),
      { numRuns: 600 },
    );
    // The run exercised the cache rather than bypassing it.
    assert.ok(cached.cachedVerdicts > 50, `only ${cached.cachedVerdicts} cached verdicts`);
  });

  // One row per input: a base call, and a variant differing in that input alone whose verdict differs.
  // The cache, warmed with the base, must answer the variant with the variant's own verdict.
  const baseApp = { id: 'app-a', grade: 'O' as Grade, purpose: 'general', highImpact: false };
  const baseRequest: PolicyRequest = { app: baseApp, grade: 'O', findings: {}, home: 'KR', crisis: false, pseudonymizedTypes: [] };
  const single: [string, Partial<PolicyRequest>, Partial<Target['profile']> & { provider?: string; model?: string }, boolean, Partial<PolicyRequest>, Partial<Target['profile']> & { provider?: string; model?: string }, boolean][] = [
    ['app id', {}, { retainsData: true }, false, { app: { ...baseApp, id: 'app-b' } }, {}, false],
    ['purpose', {}, {}, false, { app: { ...baseApp, purpose: 'hr' } }, {}, false],
    ['high-impact flag', {}, { model: 'm2' }, false, { app: { ...baseApp, highImpact: true } }, {}, false],
    ['app grade', {}, { weightsOrigin: 'US' }, false, { app: { ...baseApp, grade: 'S' } }, {}, false],
    ['effective grade', {}, { deployment: 'domestic-cloud' }, false, { grade: 'S' }, {}, false],
    ['finding types', {}, { retainsData: true }, false, { findings: { KR_PHONE: 1 } }, {}, false],
    ['finding counts', { findings: { EMAIL: 1 } }, {}, false, { findings: { EMAIL: 3 } }, {}, false],
    ['pseudonymizer coverage', { findings: { EMAIL: 1 } }, { retainsData: true }, false, { pseudonymizedTypes: ['EMAIL'] }, {}, false],
    ['home', {}, { deployment: 'domestic-cloud' }, false, { home: 'JP' }, {}, false],
    ['crisis', {}, { openWeights: false }, false, { crisis: true }, {}, false],
    ['provider', { app: { ...baseApp, purpose: 'hr' } }, {}, false, {}, { provider: 'b' }, false],
    ['model', { app: { ...baseApp, highImpact: true } }, { model: 'm2' }, false, {}, { model: 'm1' }, false],
    ['operator country', { grade: 'S' }, {}, false, {}, { operatorCountry: 'US' }, false],
    ['hosting country', { grade: 'S' }, {}, false, {}, { hostingCountry: 'JP' }, false],
    ['deployment', { grade: 'S' }, {}, false, {}, { deployment: 'foreign-cloud' }, false],
    ['accredited grades', { grade: 'C' }, { deployment: 'national-network' }, false, {}, { accreditedGrades: ['C'] }, false],
    ['accredited grades (same count)', { grade: 'C' }, { deployment: 'national-network', accreditedGrades: ['S'] }, false, {}, { accreditedGrades: ['C'] }, false],
    ['certifications', { grade: 'S' }, { deployment: 'domestic-cloud' }, false, {}, { certifications: ['CSAP-high'] }, false],
    ['certifications (same count)', { grade: 'S' }, { deployment: 'domestic-cloud', certifications: ['CSAP-low'] }, false, {}, { certifications: ['CSAP-high'] }, false],
    ['weights origin', { app: { ...baseApp, grade: 'S' } }, {}, false, {}, { weightsOrigin: 'US' }, false],
    ['open weights', { crisis: true }, {}, false, {}, { openWeights: false }, false],
    ['retains data', { findings: { EMAIL: 1 } }, {}, false, {}, { retainsData: true }, false],
    ['trains on data', { findings: { EMAIL: 1 } }, {}, false, {}, { trainsOnData: true }, false],
    ['cut', {}, {}, false, {}, {}, true],
  ];
  for (const [input, requestBase, targetBase, cutBase, requestChange, targetChange, cutVariant] of single) {
    it(`keys on the ${input}`, () => {
      const make = (changes: Partial<Target['profile']> & { provider?: string; model?: string }): Target => {
        const { provider = 'a', model = 'm1', ...profileChanges } = changes;
        return target(provider, 'on-premises', profileChanges, 0, model);
      };
      const base = { request: { ...baseRequest, ...requestBase }, target: make(targetBase), cut: cutBase };
      const variant = { request: { ...base.request, ...requestChange }, target: make({ ...targetBase, ...targetChange }), cut: cutVariant || cutBase };
      const baseVerdict = uncached.evaluate(base.request, base.target, base.cut);
      const variantVerdict = uncached.evaluate(variant.request, variant.target, variant.cut);
      assert.notDeepEqual(variantVerdict, baseVerdict, 'the row must change the verdict to test anything');
      cached.clearCache();
      assert.deepEqual(cached.evaluate(base.request, base.target, base.cut), baseVerdict);
      assert.deepEqual(cached.evaluate(variant.request, variant.target, variant.cut), variantVerdict);
    });
  }

  it('keeps counts out of the key when no policy reads them, and in it when one does', async () => {
    const builtIn = await engineWith();
    const subject = target('cloud', 'domestic-cloud', { retainsData: true });
    builtIn.evaluate(request('O', { EMAIL: 1 }), subject, false);
    builtIn.evaluate(request('O', { EMAIL: 7 }), subject, false);
    assert.equal(builtIn.cachedVerdicts, 1, 'requests differing only in counts share one verdict');

    cached.clearCache();
    const few = cached.evaluate(request('O', { EMAIL: 1 }, { pseudonymizedTypes: [] }), subject, false);
    const many = cached.evaluate(request('O', { EMAIL: 7 }, { pseudonymizedTypes: [] }), subject, false);
    assert.equal(cached.cachedVerdicts, 2);
    assert.ok(!few.permitted && !few.reasons.includes('t.counts'));
    assert.ok(!many.permitted && many.reasons.includes('t.counts'));
  });

  it('keeps equal inputs on one entry and empties on clearCache', async () => {
    const engine = await engineWith();
    const subject = target('onprem', 'on-premises');
    const first = engine.evaluate(request('S'), subject, false);
    // A structurally equal request and target (fresh objects) hit the same entry.
    const again = engine.evaluate(request('S'), target('onprem', 'on-premises'), false);
    assert.equal(again, first);
    assert.equal(engine.cachedVerdicts, 1);
    engine.clearCache();
    assert.equal(engine.cachedVerdicts, 0);
    assert.deepEqual(engine.evaluate(request('S'), subject, false), first);
  });

  it('hands out frozen verdicts, and decideRoute copies them into the decision', async () => {
    const engine = await engineWith();
    const subject = target('onprem', 'on-premises');
    const verdict = engine.evaluate(request('O'), subject, false);
    assert.ok(verdict.permitted);
    assert.throws(() => verdict.policies.push('forged'), TypeError);
    const decision = decideRoute(engine, request('O'), [subject], { isCut: () => false }).decision;
    const candidate = decision.candidates[0]!;
    assert.ok(candidate.permitted);
    candidate.policies.push('forged');
    assert.deepEqual(engine.evaluate(request('O'), subject, false), { permitted: true, mode: 'raw', policies: ['n2sf.o-any-target'] });
  });

  it('starts over when full instead of growing without bound', async () => {
    const engine = await engineWith({ cacheLimit: 3 });
    for (const provider of ['a', 'b', 'c', 'd', 'e']) engine.evaluate(request('O'), target(provider, 'on-premises'), false);
    assert.ok(engine.cachedVerdicts <= 3);
    assert.ok(engine.cachedVerdicts >= 1);
  });
});

describe('policy set version', () => {
  it('changes the version and drops the cache on reload; a verdict follows the new policies', async () => {
    const { dir, paths } = policyFiles({ 'extra.cedar': '// nothing yet\n' });
    const config = parseConfig({ policies: { files: paths } }, null, dir);
    const engine = await loadPolicyEngine(config);
    const subject = target('onprem', 'on-premises');
    assert.ok(engine.evaluate(request('O'), subject, false).permitted);
    assert.equal(engine.cachedVerdicts, 1);
    const before = engine.version;

    writeFileSync(paths[0]!, '@id("local.no-onprem") forbid (principal, action, resource in Jaju::Provider::"onprem");\n');
    await engine.reload(config);
    assert.notEqual(engine.version, before);
    assert.equal(engine.cachedVerdicts, 0);
    assert.deepEqual(engine.evaluate(request('O'), subject, false), { permitted: false, reasons: ['local.no-onprem'] });
  });

  it('keeps the policies in force when a reload fails', async () => {
    const { dir, paths } = policyFiles({ 'extra.cedar': '@id("local.no-b") forbid (principal, action, resource in Jaju::Provider::"b");\n' });
    const config = parseConfig({ policies: { files: paths } }, null, dir);
    const engine = await loadPolicyEngine(config);
    const version = engine.version;
    engine.evaluate(request('O'), target('b', 'on-premises'), false);
    writeFileSync(paths[0]!, '@id("local.broken") forbid (principal, action, resource) when { resource.nope };\n');
    await assert.rejects(engine.reload(config), PolicyLoadError);
    assert.equal(engine.version, version);
    assert.equal(engine.cachedVerdicts, 1);
    assert.deepEqual(engine.evaluate(request('O'), target('b', 'on-premises'), false), { permitted: false, reasons: ['local.no-b'] });
  });

  it('gives identical policy sets the same version and different ones different versions', async () => {
    const a = await engineWith();
    const b = await engineWith();
    const c = await engineWith({ packs: ['n2sf'] });
    assert.equal(a.version, b.version);
    assert.notEqual(a.version, c.version);
    assert.match(a.version, /^[0-9a-f]{16}$/);
  });
});

describe('finding types the key is built from', () => {
  it('keys on the finding types when no policy reads counts', async () => {
    const engine = await engineWith();
    const subject = target('cloud', 'domestic-cloud', { retainsData: true });
    const identifiers = engine.evaluate(request('O', { KR_RRN: 1 }, { pseudonymizedTypes: [] }), subject, false);
    const email = engine.evaluate(request('O', { EMAIL: 1 }, { pseudonymizedTypes: [] }), subject, false);
    assert.deepEqual(identifiers, { permitted: false, reasons: ['pipa.unique-identifier-outside-perimeter'] });
    assert.deepEqual(email, { permitted: false, reasons: ['pipa.personal-data-retained'] });
  });

  it('covers every finding type of the domain', async () => {
    // A type missing from the key's bitmask would let two different type sets share a verdict.
    const engine = await engineWith({ cacheLimit: 1000 });
    const subject = target('cloud', 'domestic-cloud', { retainsData: true });
    for (const type of FINDING_TYPES) engine.evaluate(request('O', { [type]: 1 }, { pseudonymizedTypes: [] }), subject, false);
    assert.equal(engine.cachedVerdicts, FINDING_TYPES.length);
  });
});
