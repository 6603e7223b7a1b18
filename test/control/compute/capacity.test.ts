import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFlavors, siteAcceptsGrade } from '../../../src/control/compute/engine/capacity.js';
import { parseSites } from '../../../src/control/compute/input/parse-inputs.js';
import { site } from './fixtures.js';

describe('capacity: power budgets become quotas', () => {
  it('uses every installed accelerator when the budget covers them', () => {
    const [flavor] = buildFlavors(parseSites({ sites: [site('dc1', 100, { powerBudgetMW: 0.07, pue: 1 })] }));
    // 100 × 700 W × 1.0 = 70 kW: exactly the budget.
    assert.equal(flavor!.usable, 100);
    assert.equal(flavor!.powerLimited, false);
    assert.equal(flavor!.name, 'h100-dc1');
  });

  it('derates every pool of an over-budget site by the same factor, staying within the budget', () => {
    const mixed = (powerBudgetMW: number) =>
      buildFlavors(
        parseSites({
          sites: [
            site('mixed', 0, {
              powerBudgetMW,
              pue: 1.25,
              gpus: [
                { type: 'B200', count: 600, watts: 1000 },
                { type: 'RNGD', count: 400, watts: 150, resource: 'furiosa.ai/rngd' },
              ],
            }),
          ],
        }),
      );
    // Draw: (600 × 1000 + 400 × 150) × 1.25 = 825 kW → fits 1 MW; no derating.
    assert.deepEqual(mixed(1).map((flavor) => flavor.usable), [600, 400]);
    const tight = mixed(0.5);
    // Factor 0.5 MW / 825 kW = 0.606…: 363 B200 and 242 RNGD.
    assert.deepEqual(tight.map((flavor) => flavor.usable), [363, 242]);
    const draw = tight.reduce((sum, flavor) => sum + flavor.usable * flavor.wattsAtWall, 0);
    assert.ok(draw <= 500_000, `${draw} W`);
    assert.ok(tight.every((flavor) => flavor.powerLimited));
  });

  it('accepts open data everywhere, S at S or C sites, C only at C sites', () => {
    const [open, sensitive, classified] = parseSites({ sites: [site('o', 1), site('s', 1, { accreditedGrades: ['S'] }), site('c', 1, { accreditedGrades: ['C'] })] });
    assert.deepEqual([open, sensitive, classified].map((entry) => siteAcceptsGrade(entry!, 'O')), [true, true, true]);
    assert.deepEqual([open, sensitive, classified].map((entry) => siteAcceptsGrade(entry!, 'S')), [false, true, true]);
    assert.deepEqual([open, sensitive, classified].map((entry) => siteAcceptsGrade(entry!, 'C')), [false, false, true]);
  });
});
