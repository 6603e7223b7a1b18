import { seededRandom } from './seeded-random.js';

export interface BootstrapOptions {
  /** Resamples (default 10,000). */
  resamples: number;
  seed: number;
}

export interface RatioEstimate {
  /** accuracy(model) ÷ accuracy(reference) on the paired items; null when the reference got none right. */
  ratio: number | null;
  /** 2.5th and 97.5th percentiles of the resampled ratios; null with the ratio. The upper end is Infinity when resamples hit a reference score of 0. */
  ci95: [number, number] | null;
}

/** Linear interpolation between order statistics (the "type 7" quantile of R and NumPy's default). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  const high = sorted[above]!;
  if (below === above || low === high) return low;
  return low + (high - low) * (position - below);
}

/**
 * Ratio of two models' accuracies on the same items with a paired percentile bootstrap (Efron &
 * Tibshirani 1993): draw n item indices with replacement, score both models on that same draw, take
 * the ratio; repeat; the 95 % interval is the 2.5th–97.5th percentile. Pairing keeps what the two
 * models share (easy items are easy for both), so the interval is narrower and honest about it.
 * `model[i]` and `reference[i]` say whether each got item i right. Resamples where neither got any right
 * (0/0) say nothing and are left out.
 */
export function pairedBootstrapRatio(model: ArrayLike<boolean | number>, reference: ArrayLike<boolean | number>, options: BootstrapOptions): RatioEstimate {
  const n = model.length;
  if (n !== reference.length) throw new Error('paired bootstrap: the two result lists differ in length');
  const a = Uint8Array.from({ length: n }, (_, index) => (model[index] ? 1 : 0));
  const b = Uint8Array.from({ length: n }, (_, index) => (reference[index] ? 1 : 0));
  let sumA = 0;
  let sumB = 0;
  for (let index = 0; index < n; index++) {
    sumA += a[index]!;
    sumB += b[index]!;
  }
  if (n === 0 || sumB === 0) return { ratio: null, ci95: null };
  const random = seededRandom(options.seed);
  const ratios = new Float64Array(options.resamples);
  let kept = 0;
  for (let resample = 0; resample < options.resamples; resample++) {
    let drawnA = 0;
    let drawnB = 0;
    for (let draw = 0; draw < n; draw++) {
      const index = Math.floor(random() * n);
      drawnA += a[index]!;
      drawnB += b[index]!;
    }
    if (drawnB === 0 && drawnA === 0) continue;
    ratios[kept++] = drawnB === 0 ? Number.POSITIVE_INFINITY : drawnA / drawnB;
  }
  const sorted = ratios.subarray(0, kept).sort();
  return { ratio: sumA / sumB, ci95: kept === 0 ? null : [quantile(sorted, 0.025), quantile(sorted, 0.975)] };
}

export type Verdict = 'meets' | 'below' | 'undecided';

/** "meets" when the whole interval is at or above the target, "below" when it is wholly under, else "undecided". */
export function verdictOf(ci95: [number, number] | null, target: number): Verdict {
  if (ci95 === null) return 'undecided';
  if (ci95[0] >= target) return 'meets';
  if (ci95[1] < target) return 'below';
  return 'undecided';
}
