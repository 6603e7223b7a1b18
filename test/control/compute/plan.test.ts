import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/config/config-error.js';
import { applicationsInYear, loadScenarioFile, runPlan, scenarioFromFile, sitesInYear } from '../../../src/control/compute/plan/run-plan.js';
import { scenarioSchema } from '../../../src/control/compute/plan/scenario-schema.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { EQUAL_WEIGHTS, application, build, site, tiers } from './fixtures.js';

const base = build({
  sites: [site('dc1', 100, { powerBudgetMW: 1, pue: 1.25 })],
  policy: { tiers: tiers('first', 'second'), weighting: EQUAL_WEIGHTS },
  applications: [application('a', 'first', 100, { minGpus: 10 }), application('b', 'second', 60)],
});

function scenario(extra: Record<string, unknown>) {
  return scenarioFromFile(scenarioSchema.parse({ startYear: 2026, years: 3, sites: 's', applications: 'a', policy: 'p', ...extra }), base);
}

describe('multi-year plan', () => {
  it('adds arrivals and power, retires accelerators, and grows demand per tier', () => {
    const plan = scenario({
      demandGrowth: { first: 0.5 },
      arrivals: [
        { year: 2027, site: 'dc1', gpus: [{ type: 'H100', count: 100, watts: 700 }], powerMW: 0.5 },
        { year: 2028, newSite: { id: 'dc2', region: 'Jeonnam', operator: 'spc', ownership: 'private', powerBudgetMW: 1, pue: 1.2, gpus: [{ type: 'B200', count: 50, watts: 1000 }] } },
      ],
      retirements: [{ year: 2028, site: 'dc1', type: 'H100', count: 30 }],
    });
    assert.equal(sitesInYear(plan, 2026)[0]!.gpus[0]!.count, 100);
    assert.equal(sitesInYear(plan, 2027)[0]!.gpus[0]!.count, 200);
    assert.equal(sitesInYear(plan, 2027)[0]!.powerBudgetW, 1.5e6);
    const in2028 = sitesInYear(plan, 2028);
    assert.deepEqual(in2028.map((entry) => entry.id), ['dc1', 'dc2']);
    assert.equal(in2028[0]!.gpus[0]!.count, 170);
    // The base is never modified.
    assert.equal(base.sites[0]!.gpus[0]!.count, 100);
    // 100 × 1.5² = 225 for tier "first"; min 10 × 2.25 = 22.5 → 23; tier "second" does not grow.
    const grown = applicationsInYear(plan, 2028);
    assert.deepEqual(grown.map((entry) => [entry.id, entry.gpus, entry.minGpus]), [['a', 225, 23], ['b', 60, 1]]);

    const report = runPlan(plan);
    assert.deepEqual(report.years.map((year) => year.year), [2026, 2027, 2028]);
    assert.deepEqual(report.years.map((year) => year.installedGpus), [100, 200, 220]);
    assert.deepEqual(report.years.map((year) => year.requestedGpus), [160, 210, 285]);
    // 2026: the first tier takes all 100, the second gets nothing.
    assert.deepEqual(report.years[0]!.tiers.map((tier) => tier.grantedGpus), [100, 0]);
    assert.equal(report.years[2]!.publicSupplyShare, Math.round((170 / 220) * 1e4) / 1e4);
  });

  it('computes energy and CO₂ from power × hours × PUE and the grid intensity', () => {
    const report = runPlan(scenario({ utilisation: 0.5, years: 1 }));
    const year = report.years[0]!;
    // 100 H100 × 700 W × PUE 1.25 = 87.5 kW; × 8,760 h × 0.5 = 383.25 MWh; × 0.4173 t/MWh = 159.93 t.
    assert.equal(year.powerDrawMW, 0.0875);
    assert.equal(year.energyMWh, 383);
    assert.equal(year.co2Tonnes, 160);
  });

  it('rejects arrivals outside the plan, unknown sites and unknown tiers with paths', () => {
    const problems = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
      }
      return [];
    };
    assert.deepEqual(
      problems(() => scenario({ demandGrowth: { third: 0.1 }, arrivals: [{ year: 2027, site: 'dc9' }], retirements: [{ year: 2026, site: 'dc2', type: 'H100', count: 1 }] })),
      ['demandGrowth.third: unknown tier (the policy has first, second)', 'arrivals[0].site: unknown site "dc9" in 2027', 'retirements[0].site: unknown site "dc2" in 2026'],
    );
    assert.deepEqual(
      problems(() => scenario({ arrivals: [{ year: 2027, site: 'dc1', gpus: [{ type: 'h100', count: 8, watts: 1000 }] }] })),
      ['arrivals[0].gpus[0].watts: 1000 W differs from the 700 W of the h100 already at dc1'],
    );
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), 'startYear: 2026\nyears: 2\nsites: s.yaml\napplications: a.yaml\npolicy: p.yaml\narrivals:\n  - { year: 2031, site: dc1 }\n');
    assert.deepEqual(problems(() => loadScenarioFile(join(dir, 'plan.yaml'))), ['arrivals[0].year: year 2031 is outside the plan (2026–2027)']);
  });

  it('runs the five-year example scenario', () => {
    const report = runPlan(loadScenarioFile('examples/compute/plan.yaml'));
    assert.equal(report.years.length, 5);
    const [first, , third] = report.years;
    assert.ok(third!.usableGpus > first!.usableGpus, 'the 2028 national centre adds capacity');
    for (const year of report.years) {
      assert.ok(year.grantedGpus <= year.usableGpus);
      assert.ok(year.powerDrawMW <= year.powerBudgetMW);
      assert.equal(year.tiers.length, 5);
    }
  });
});
