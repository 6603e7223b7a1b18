import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocationReport } from '../../../src/control/compute/report/allocation-report.js';
import { EQUAL_WEIGHTS, application, build, site, tiers } from './fixtures.js';

describe('allocation report', () => {
  it('computes energy and CO₂ as power × time × PUE × grid intensity (H100 worked example)', () => {
    // 1,000 H100 × 700 W × PUE 1.56 × 1 h = 1,092 kWh; × 0.4173 kg/kWh = 455.7 kg.
    const report = allocationReport(
      build({
        sites: [site('dc1', 1000, { pue: 1.56 })],
        policy: { tiers: tiers('t'), weighting: EQUAL_WEIGHTS },
        applications: [application('a', 't', 1000, { hours: 1 })],
      }),
    );
    const row = report.applications[0]!;
    assert.equal(row.powerDrawKW, 1092);
    assert.equal(row.energyMWh, 1.092);
    assert.equal(row.co2Tonnes, 0.456);
    assert.equal(report.totals.powerDrawMW, 1.092);
  });

  it('adds up: tiers, sites, organisations and applications agree with the totals', () => {
    const report = allocationReport(
      build({
        sites: [site('pub', 60), site('priv', 40, { ownership: 'private' })],
        policy: { tiers: tiers('a', { id: 'b', pool: 'private', reserve: 0.2 }), weighting: EQUAL_WEIGHTS },
        applications: [
          application('x', 'a', 50, { organisation: 'Org One' }),
          application('y', 'a', 50, { organisation: 'Org Two', minGpus: 50 }),
          application('z', 'b', 50, { organisation: 'Org One' }),
          application('w', 'b', 5, { gpuType: 'B200', organisation: 'Org Three' }),
        ],
      }),
    );
    const granted = report.applications.reduce((sum, row) => sum + row.granted, 0);
    assert.equal(report.totals.grantedGpus, granted);
    assert.equal(report.tiers.reduce((sum, tier) => sum + tier.grantedGpus, 0), granted);
    assert.equal(report.sites.flatMap((entry) => entry.pools).reduce((sum, pool) => sum + pool.granted, 0), granted);
    assert.equal(report.organisations.reduce((sum, entry) => sum + entry.grantedGpus, 0), granted);
    assert.equal(Object.values(report.totals.byStatus).reduce((sum, count) => sum + count, 0), report.applications.length);
    assert.equal(report.totals.usableGpus, 100);
    assert.equal(report.totals.publicSupplyShare, 0.6);
    assert.equal(report.pools.private.grantedGpus, report.tiers[1]!.grantedGpus);
    // HHI from the organisations' shares.
    const hhi = report.organisations.reduce((sum, entry) => sum + (100 * entry.grantedGpus / granted) ** 2, 0);
    assert.equal(report.totals.organisationHhi, Math.round(hhi));
    assert.equal(report.totals.byStatus['no-eligible-site'], 1);
  });

  it('is plain JSON: it survives a round trip unchanged', () => {
    const report = allocationReport(build({ sites: [site('dc1', 10)], policy: { tiers: tiers('t') }, applications: [application('a', 't', 20), application('b', 't', 5)] }));
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
    assert.equal(report.kind, 'jaju.allocation-report');
  });
});
