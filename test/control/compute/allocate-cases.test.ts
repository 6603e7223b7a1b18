import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocate } from '../../../src/control/compute/engine/allocate.js';
import { EQUAL_WEIGHTS, application, build, site, tiers } from './fixtures.js';

const granted = (allocation: ReturnType<typeof allocate>) => Object.fromEntries(allocation.grants.map((grant) => [grant.id, grant.granted]));
const grantOf = (allocation: ReturnType<typeof allocate>, id: string) => allocation.grants.find((grant) => grant.id === id)!;

describe('allocator: hand-checked cases', () => {
  it('shares a tier by weighted max-min fairness (water-filling)', () => {
    // 100 GPUs; weights 1, 1, 2 (a Korean-culture bonus of 2); everyone asks for 100 → 25, 25, 50.
    const allocation = allocate(
      build({
        sites: [site('dc1', 100)],
        policy: { tiers: tiers('t1'), weighting: { ...EQUAL_WEIGHTS, koreanCultureBonus: 2 } },
        applications: [application('a', 't1', 100), application('b', 't1', 100), application('c', 't1', 100, { koreanCulture: true })],
      }),
    );
    assert.deepEqual(granted(allocation), { a: 25, b: 25, c: 50 });
    assert.equal(grantOf(allocation, 'c').weight, 2);
    assert.equal(grantOf(allocation, 'c').level, 25);
  });

  it('fills small requests first and splits the rest evenly', () => {
    const allocation = allocate(
      build({
        sites: [site('dc1', 100)],
        policy: { tiers: tiers('t1'), weighting: EQUAL_WEIGHTS },
        applications: [application('small', 't1', 10), application('b', 't1', 100), application('c', 't1', 100)],
      }),
    );
    assert.deepEqual(granted(allocation), { small: 10, b: 45, c: 45 });
    assert.equal(grantOf(allocation, 'small').status, 'full');
    assert.equal(grantOf(allocation, 'b').status, 'partial');
  });

  it('gives 0 to an application whose minimum useful share does not fit, and its share to the others', () => {
    const make = (capacity: number) =>
      allocate(
        build({
          sites: [site('dc1', capacity)],
          policy: { tiers: tiers('t1'), weighting: EQUAL_WEIGHTS },
          applications: [application('a', 't1', 100), application('big-min', 't1', 100, { minGpus: 60 })],
        }),
      );
    // Fair share would be 50 each; 50 < 60 so big-min gets nothing and a gets all 100.
    const tight = make(100);
    assert.deepEqual(granted(tight), { a: 100, 'big-min': 0 });
    const refused = grantOf(tight, 'big-min');
    assert.equal(refused.status, 'below-minimum');
    assert.match(refused.explanation, /^requested 100, granted 0: its minimum useful share is 60 H100, but only \d+ were available/);
    // With 130 the fair share is 65 ≥ 60: both get 65.
    assert.deepEqual(granted(make(130)), { a: 65, 'big-min': 65 });
  });

  it('serves tiers in strict order', () => {
    const allocation = allocate(
      build({
        sites: [site('dc1', 100)],
        policy: { tiers: tiers('first', 'second'), weighting: EQUAL_WEIGHTS },
        applications: [application('low', 'second', 100), application('high', 'first', 80)],
      }),
    );
    assert.deepEqual(granted(allocation), { low: 20, high: 80 });
  });

  it('protects a later tier\'s reserve, but only up to what it asks for', () => {
    const make = (lowDemand: number) =>
      granted(
        allocate(
          build({
            sites: [site('dc1', 100)],
            policy: { tiers: tiers('first', { id: 'second', reserve: 0.3 }), weighting: EQUAL_WEIGHTS },
            applications: [application('high', 'first', 100), application('low', 'second', lowDemand)],
          }),
        ),
      );
    assert.deepEqual(make(100), { high: 70, low: 30 });
    assert.deepEqual(make(10), { high: 90, low: 10 });
  });

  it('gives a reserve its tier leaves unused to the earlier tiers before the later ones', () => {
    // Tier 2 reserves 50 but asks for 10: the other 40 go to tier 1, not to tier 3.
    const allocation = allocate(
      build({
        sites: [site('dc1', 100)],
        policy: { tiers: tiers('one', { id: 'two', reserve: 0.5, hardReserve: false }, 'three'), weighting: EQUAL_WEIGHTS },
        applications: [application('a1', 'one', 100), application('a2', 'two', 10), application('a3', 'three', 100)],
      }),
    );
    assert.deepEqual(granted(allocation), { a1: 90, a2: 10, a3: 0 });
  });

  it('holds a hard reserve idle instead of lending it, and exports it with lendingLimit 0', async () => {
    const { exportKueue } = await import('../../../src/control/compute/export/kueue-export.js');
    const allocation = allocate(
      build({
        sites: [site('dc1', 100)],
        policy: { tiers: tiers({ id: 'natsec', reserve: 0.2, hardReserve: true }, 'rest'), weighting: EQUAL_WEIGHTS },
        applications: [application('secret', 'natsec', 5), application('other', 'rest', 100)],
      }),
    );
    assert.deepEqual(granted(allocation), { secret: 5, other: 80 });
    assert.equal(allocation.hardHeld[0]![0], 15);
    const manifests = exportKueue(allocation);
    // The organisation's grant is its queue's quota, never lent; the idle 15 sit in the tier's cohort, never lent above it.
    const queue = manifests.clusterQueues.find((candidate) => candidate.metadata.name === 'natsec.org-org-secret.h100')!;
    const resource = queue.spec.resourceGroups![0]!.flavors[0]!.resources[0]!;
    assert.equal(resource.nominalQuota, 5);
    assert.equal(resource.lendingLimit, 0);
    const held = manifests.cohorts.find((cohort) => cohort.metadata.name === 'national-gpu-pool-tier-natsec-h100')!;
    assert.deepEqual(held.spec!.resourceGroups![0]!.flavors[0]!.resources[0], { name: 'nvidia.com/gpu', nominalQuota: 15, lendingLimit: 0 });
    assert.match(grantOf(allocation, 'other').explanation, /15 held idle as a hard reserve/);
  });

  it('runs grade-C work only at C-accredited sites, and sends open work to other sites first', () => {
    const allocation = allocate(
      build({
        sites: [site('enclave', 40, { accreditedGrades: ['C'] }), site('cloud', 100)],
        policy: { tiers: tiers('t1'), weighting: EQUAL_WEIGHTS },
        applications: [application('open', 't1', 100), application('classified', 't1', 40, { dataGrade: 'C' })],
      }),
    );
    assert.deepEqual(granted(allocation), { open: 100, classified: 40 });
    assert.deepEqual(grantOf(allocation, 'classified').placements.map((placement) => [placement.site, placement.gpus]), [['enclave', 40]]);
    assert.deepEqual(grantOf(allocation, 'open').placements.map((placement) => [placement.site, placement.gpus]), [['cloud', 100]]);
  });

  it('turns a power budget into a quota: gpus ≤ floor(budget / (watts × PUE))', () => {
    // 0.1 MW / (700 W × 1.5) = 95.2 → 95 of the 200 installed.
    const allocation = allocate(
      build({
        sites: [site('dc2', 200, { powerBudgetMW: 0.1, pue: 1.5 })],
        policy: { tiers: tiers('t1'), weighting: EQUAL_WEIGHTS },
        applications: [application('a', 't1', 150)],
      }),
    );
    assert.equal(allocation.flavors[0]!.usable, 95);
    const grant = grantOf(allocation, 'a');
    assert.equal(grant.granted, 95);
    assert.match(grant.explanation, /^requested 150, granted 95: /);
    assert.match(grant.explanation, /power cap at site dc2: 95 of 200 H100 can run within 0\.1 MW at PUE 1\.5/);
  });

  it('caps every organisation outside exempt tiers', () => {
    const allocation = allocate(
      build({
        sites: [site('dc1', 100)],
        policy: { tiers: tiers('t1'), weighting: EQUAL_WEIGHTS, organisationCap: { maxShare: 0.3 } },
        applications: [
          application('x1', 't1', 100, { organisation: 'Big Corp' }),
          application('x2', 't1', 100, { organisation: 'Big Corp' }),
          application('y', 't1', 100, { organisation: 'Small Lab' }),
        ],
      }),
    );
    assert.equal(grantOf(allocation, 'x1').granted + grantOf(allocation, 'x2').granted, 30);
    assert.equal(grantOf(allocation, 'y').granted, 30);
    assert.equal(grantOf(allocation, 'x1').status, 'organisation-cap');
    assert.match(grantOf(allocation, 'x1').explanation, /Big Corp holds 30 GPUs against a cap of 30 \(30% of usable capacity\)/);
  });

  it('guarantees each pool its split of the capacity', () => {
    // Private pool guaranteed 40 %: the public tier first can take only 60.
    const allocation = allocate(
      build({
        sites: [site('dc1', 100)],
        policy: { tiers: tiers('public-work', { id: 'industry', pool: 'private' }), split: { public: 0, private: 0.4 }, weighting: EQUAL_WEIGHTS },
        applications: [application('p', 'public-work', 100), application('q', 'industry', 100)],
      }),
    );
    assert.deepEqual(granted(allocation), { p: 60, q: 40 });
  });

  it('breaks ties in favour of preferred (non-capital) regions, then the higher score', () => {
    const make = (preferredRegions: string[]) =>
      granted(
        allocate(
          build({
            sites: [site('dc1', 1)],
            policy: { tiers: tiers('t1'), weighting: EQUAL_WEIGHTS, regionalPreference: { preferredRegions } },
            applications: [application('seoul', 't1', 1, { region: 'Seoul', evaluationScore: 90 }), application('busan', 't1', 1, { region: 'Busan', evaluationScore: 60 })],
          }),
        ),
      );
    assert.deepEqual(make(['Busan']), { seoul: 0, busan: 1 });
    assert.deepEqual(make([]), { seoul: 1, busan: 0 });
  });

  it('says why an application can run nowhere', () => {
    const allocation = allocate(
      build({
        sites: [site('dc1', 10)],
        policy: { tiers: tiers('t1'), weighting: EQUAL_WEIGHTS },
        applications: [application('npu', 't1', 4, { gpuType: 'RNGD' }), application('secret', 't1', 4, { dataGrade: 'C' })],
      }),
    );
    assert.equal(grantOf(allocation, 'npu').explanation, 'requested 4, granted 0: no site has RNGD accelerators.');
    assert.equal(grantOf(allocation, 'secret').explanation, 'requested 4, granted 0: no site with H100 is accredited for grade-C data (H100 sites: dc1).');
    assert.equal(grantOf(allocation, 'npu').status, 'no-eligible-site');
  });

  it('explains a partial grant with its level, weight, reserve and where capacity went', () => {
    const allocation = allocate(
      build({
        sites: [site('dc1', 100)],
        policy: { tiers: tiers('first', { id: 'second', name: 'Second tier', reserve: 0.3 }), weighting: EQUAL_WEIGHTS },
        applications: [application('high', 'first', 100), application('low', 'second', 100)],
      }),
    );
    const high = grantOf(allocation, 'high');
    assert.equal(
      high.explanation,
      'requested 100, granted 70: tier 1 "first" had no more H100 that grade-O work may use when this application\'s fair-share level reached 70.0 GPUs per unit weight (weight 1); ' +
        'the tier has no H100 reserve and holds 70 H100; when its tier was served, 30 H100 were protected for later tiers\' reserves and pool guarantees; ' +
        'dc1: 100 H100 usable (70 to this tier, 30 to later tiers). Placed 70 H100 at dc1.',
    );
  });
});
