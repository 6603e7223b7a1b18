import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairedBootstrapRatio, quantile, seededRandom, verdictOf, wilsonInterval } from '../../../src/control/evaluate/index.js';

function close(actual: number | undefined, expected: number, tolerance: number, what: string): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

describe('Wilson 95% interval', () => {
  it('matches values worked out by hand', () => {
    // z = 1.959964, z² = 3.841459.
    // 8/10: p = 0.8; denominator 1 + z²/n = 1.3841459; centre = (0.8 + z²/20) / 1.3841459 = 0.99207295 / 1.3841459 = 0.716741;
    // half-width = z·√(0.8·0.2/10 + z²/400) / 1.3841459 = 1.959964 · √0.025603647 / 1.3841459 = 0.226579 → [0.490162, 0.943318].
    const eight = wilsonInterval(8, 10)!;
    close(eight[0], 0.490162, 1e-6, '8/10 low');
    close(eight[1], 0.943318, 1e-6, '8/10 high');
    // 0/n: the upper end is z²/(n + z²) = 3.841459 / 13.841459 = 0.277533; n/n: the lower end is n/(n + z²) = 10 / 13.841459 = 0.722467.
    const none = wilsonInterval(0, 10)!;
    close(none[0], 0, 1e-12, '0/10 low');
    close(none[1], 0.277533, 1e-6, '0/10 high');
    const all = wilsonInterval(10, 10)!;
    close(all[0], 0.722467, 1e-6, '10/10 low');
    close(all[1], 1, 1e-12, '10/10 high');
    // 1/2: centre 0.5 (symmetric), half-width = z·√(0.125 + z²/16) / (1 + z²/2) = 1.959964·√0.365091/2.920730 = 0.405469 → [0.094531, 0.905469].
    const half = wilsonInterval(1, 2)!;
    close(half[0], 0.094531, 1e-6, '1/2 low');
    close(half[1], 0.905469, 1e-6, '1/2 high');
  });

  it('says nothing when nothing was scored', () => {
    assert.equal(wilsonInterval(0, 0), null);
  });
});

describe('paired bootstrap of the accuracy ratio', () => {
  it('is exactly [1, 1] when both models answer alike', () => {
    const same = Array.from({ length: 50 }, (_, index) => index % 3 !== 0);
    const estimate = pairedBootstrapRatio(same, same, { resamples: 2000, seed: 1 });
    assert.equal(estimate.ratio, 1);
    assert.deepEqual(estimate.ci95, [1, 1]);
  });

  it('matches the exact distribution of a two-item case', () => {
    // Model right on item 1 only, reference right on both. A resample draws two items with replacement:
    // {1,1} → 1 (p = 1/4), {1,2} or {2,1} → 0.5 (p = 1/2), {2,2} → 0 (p = 1/4).
    // The 2.5th percentile falls among the zeros and the 97.5th among the ones: [0, 1]; the ratio itself is 0.5.
    const estimate = pairedBootstrapRatio([true, false], [true, true], { resamples: 4000, seed: 7 });
    assert.equal(estimate.ratio, 0.5);
    assert.deepEqual(estimate.ci95, [0, 1]);
  });

  it('agrees with the normal approximation when the reference is always right', () => {
    // Reference right on all 400 items, model on 360: every resampled ratio is the model's resampled accuracy,
    // so the interval is that of a proportion p = 0.9 with n = 400: 0.9 ± 1.96·√(0.9·0.1/400) = 0.9 ± 0.0294.
    const model = Array.from({ length: 400 }, (_, index) => index % 10 !== 0);
    const reference = model.map(() => true);
    const estimate = pairedBootstrapRatio(model, reference, { resamples: 10_000, seed: 19 });
    assert.equal(estimate.ratio, 0.9);
    close(estimate.ci95?.[0], 0.8706, 0.006, 'low');
    close(estimate.ci95?.[1], 0.9294, 0.006, 'high');
  });

  it('is reproducible with a seed and moves only a little with another', () => {
    const model = Array.from({ length: 300 }, (_, index) => index % 7 !== 0);
    const reference = Array.from({ length: 300 }, (_, index) => index % 11 !== 0);
    const first = pairedBootstrapRatio(model, reference, { resamples: 5000, seed: 42 });
    const again = pairedBootstrapRatio(model, reference, { resamples: 5000, seed: 42 });
    const other = pairedBootstrapRatio(model, reference, { resamples: 5000, seed: 43 });
    assert.deepEqual(again, first);
    assert.notDeepEqual(other.ci95, first.ci95);
    close(other.ci95?.[0], first.ci95![0], 0.01, 'low');
    close(other.ci95?.[1], first.ci95![1], 0.01, 'high');
    // ratio = (300 − 43) / (300 − 28) = 257 / 272
    close(first.ratio ?? undefined, 257 / 272, 1e-12, 'ratio');
  });

  it('is undefined when the reference got nothing right, and rejects lists of different length', () => {
    assert.deepEqual(pairedBootstrapRatio([true, false], [false, false], { resamples: 100, seed: 1 }), { ratio: null, ci95: null });
    assert.throws(() => pairedBootstrapRatio([true], [true, false], { resamples: 100, seed: 1 }), /differ in length/);
  });

  it('pairs the items: models that share their misses get a narrower interval than unpaired resampling would', () => {
    // Both miss the same 60 of 300 items; the model misses 6 more. Resampled apart, the two accuracies would vary
    // independently; paired, the shared misses cancel out.
    const reference = Array.from({ length: 300 }, (_, index) => index >= 60);
    const model = reference.map((right, index) => right && !(index >= 60 && index < 66));
    const paired = pairedBootstrapRatio(model, reference, { resamples: 5000, seed: 3 });
    const random = seededRandom(3);
    const unpaired: number[] = [];
    for (let resample = 0; resample < 5000; resample++) {
      let a = 0;
      let b = 0;
      for (let draw = 0; draw < 300; draw++) {
        a += model[Math.floor(random() * 300)] ? 1 : 0;
        b += reference[Math.floor(random() * 300)] ? 1 : 0;
      }
      unpaired.push(a / b);
    }
    const sorted = Float64Array.from(unpaired).sort();
    const unpairedWidth = quantile(sorted, 0.975) - quantile(sorted, 0.025);
    const pairedWidth = paired.ci95![1] - paired.ci95![0];
    assert.ok(pairedWidth < unpairedWidth / 2, `paired ${pairedWidth.toFixed(4)} vs unpaired ${unpairedWidth.toFixed(4)}`);
  });
});

describe('verdict against the target ratio', () => {
  it('meets only when the whole interval is at or above the target, below when wholly under, else undecided', () => {
    assert.equal(verdictOf([0.95, 1.02], 0.95), 'meets');
    assert.equal(verdictOf([0.96, 0.99], 0.95), 'meets');
    assert.equal(verdictOf([0.9, 0.949], 0.95), 'below');
    assert.equal(verdictOf([0.93, 0.97], 0.95), 'undecided');
    assert.equal(verdictOf(null, 0.95), 'undecided');
  });
});

describe('quantile and the seeded generator', () => {
  it('interpolates between order statistics (type 7) and repeats its sequence for a seed', () => {
    const sorted = Float64Array.from([1, 2, 3, 4]);
    assert.equal(quantile(sorted, 0), 1);
    assert.equal(quantile(sorted, 1), 4);
    assert.equal(quantile(sorted, 0.5), 2.5);
    const a = seededRandom(5);
    const b = seededRandom(5);
    const values = Array.from({ length: 20_000 }, () => a());
    assert.deepEqual(values.slice(0, 5), Array.from({ length: 5 }, () => b()));
    assert.ok(values.every((value) => value >= 0 && value < 1));
    close(values.reduce((sum, value) => sum + value, 0) / values.length, 0.5, 0.01, 'mean of uniform draws');
  });
});
