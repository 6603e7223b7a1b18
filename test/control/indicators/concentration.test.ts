import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { concentrationLevel, herfindahlHirschmanIndex } from '../../../src/control/indicators/index.js';

describe('Herfindahl–Hirschman index', () => {
  it('is 10,000 for a single supplier and 10,000/n for n equal ones', () => {
    assert.equal(herfindahlHirschmanIndex([42]), 10_000);
    assert.equal(herfindahlHirschmanIndex([5, 5, 5, 5]), 2_500);
    assert.equal(herfindahlHirschmanIndex([1, 1, 1, 1, 1]), 2_000);
  });

  it('squares percentage shares: 60/30/10 gives 3600 + 900 + 100', () => {
    assert.ok(Math.abs(herfindahlHirschmanIndex([600, 300, 100])! - 4_600) < 1e-9);
  });

  it('ignores zero amounts and is null when there is nothing', () => {
    assert.equal(herfindahlHirschmanIndex([10, 0, 0]), 10_000);
    assert.equal(herfindahlHirschmanIndex([]), null);
    assert.equal(herfindahlHirschmanIndex([0, 0]), null);
  });

  it('stays within [10,000/n, 10,000] and does not depend on the unit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 2, max: 1000 }), (amounts, scale) => {
        const hhi = herfindahlHirschmanIndex(amounts)!;
        assert.ok(hhi <= 10_000 + 1e-6 && hhi >= 10_000 / amounts.length - 1e-6);
        assert.ok(Math.abs(herfindahlHirschmanIndex(amounts.map((amount) => amount * scale))! - hhi) < 1e-6);
      }),
    );
  });

  it('bands by the 2010 merger guidelines: < 1500, 1500–2500, > 2500', () => {
    assert.equal(concentrationLevel(1_499), 'unconcentrated');
    assert.equal(concentrationLevel(1_500), 'moderate');
    assert.equal(concentrationLevel(2_500), 'moderate');
    assert.equal(concentrationLevel(2_501), 'high');
    assert.equal(concentrationLevel(null), null);
  });
});
