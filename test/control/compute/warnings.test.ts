import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocate } from '../../../src/control/compute/engine/allocate.js';
import { reportFromAllocation } from '../../../src/control/compute/report/allocation-report.js';
import { allocationTable } from '../../../src/control/compute/render/allocation-table.js';
import { application, build, site, tiers } from './fixtures.js';

const grant = (allocation: ReturnType<typeof allocate>, id: string) => allocation.grants.find((entry) => entry.id === id)!;

describe('explanations and warnings for degenerate inputs', () => {
  it('reports a minimum share above the whole supply as a supply shortfall, not the organisation cap', () => {
    const allocation = allocate(
      build({
        sites: [site('dc', 100)],
        policy: { tiers: tiers('t'), organisationCap: { maxGpus: 50 } },
        applications: [application('big', 't', 200, { minGpus: 150 }), application('small', 't', 10)],
      }),
    );
    const big = grant(allocation, 'big');
    assert.equal(big.status, 'below-minimum');
    assert.match(big.explanation, /^requested 200, granted 0: supply shortfall — its minimum useful share of 150 H100 is more than the 100 usable at every site it may use; /);
    // Where supply would do and only the cap stands in the way, the cap is the reason.
    const capped = allocate(build({ sites: [site('dc', 100)], policy: { tiers: tiers('t'), organisationCap: { maxGpus: 50 } }, applications: [application('big', 't', 80, { minGpus: 60 })] }));
    assert.equal(grant(capped, 'big').status, 'organisation-cap');
  });

  it('warns when there is no capacity at all, when power runs nothing, and when a score is clamped', () => {
    const empty = allocate(build({ sites: [site('dc', 0)], policy: { tiers: tiers('t') }, applications: [application('a', 't', 8)] }));
    assert.deepEqual(empty.warnings.map((warning) => warning.code), ['no-usable-capacity']);
    assert.match(empty.warnings[0]!.message, /no accelerators are installed at any site/);
    assert.equal(grant(empty, 'a').granted, 0);

    const dark = allocate(build({ sites: [site('dc', 64, { powerBudgetMW: 0.0005, pue: 1.5 })], policy: { tiers: tiers('t') }, applications: [application('a', 't', 8)] }));
    assert.deepEqual(dark.warnings.map((warning) => warning.code), ['no-usable-capacity', 'power-leaves-nothing']);
    assert.match(dark.warnings[1]!.message, /^site dc: its power budget of 0\.0005 MW runs none of its 64 accelerators \(one H100 needs 0\.00105 MW at PUE 1\.5\)$/);

    const scored = allocate(
      build({
        sites: [site('dc', 10)],
        policy: { tiers: tiers('t') },
        applications: [application('zero', 't', 8, { evaluationScore: 0 }), application('half', 't', 8, { evaluationScore: 0.5 }), application('fine', 't', 8, { evaluationScore: 1 })],
      }),
    );
    assert.deepEqual(scored.warnings.map((warning) => warning.code), ['score-clamped']);
    assert.match(scored.warnings[0]!.message, /^2 applications have an evaluationScore below 1: zero \(0\), half \(0\.5\); their fair-share weight uses a score of 1$/);
    assert.equal(grant(scored, 'zero').weight, grant(scored, 'fine').weight);

    const report = reportFromAllocation(dark);
    assert.deepEqual(report.warnings, dark.warnings);
    assert.match(allocationTable(report), /^warning: site dc: its power budget/m);
    assert.deepEqual(allocate(build({ sites: [site('dc', 10)], policy: { tiers: tiers('t') }, applications: [application('a', 't', 8)] })).warnings, []);
  });
});
