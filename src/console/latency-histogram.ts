/** Upper bounds (ms) of the latency buckets; the last bucket is open-ended. */
const BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000];
const BUCKETS = BOUNDS_MS.length + 1;

/**
 * Per-provider latency histograms, one per minute in a ring, so that percentiles over the last minutes
 * cost a small sum at read time and recording costs one increment (no allocation, no sorting).
 */
export class LatencyHistogram {
  private readonly counts: Float64Array;
  private readonly minuteOf: Float64Array;

  constructor(
    private readonly providers: number,
    private readonly minutes: number,
  ) {
    this.counts = new Float64Array(minutes * providers * BUCKETS);
    this.minuteOf = new Float64Array(minutes).fill(-1);
  }

  record(nowMs: number, provider: number, latencyMs: number): void {
    const minute = Math.floor(nowMs / 60_000);
    const slot = minute % this.minutes;
    if (this.minuteOf[slot] !== minute) {
      if (minute < this.minuteOf[slot]!) return; // the clock went back past the ring: drop rather than corrupt
      this.counts.fill(0, slot * this.providers * BUCKETS, (slot + 1) * this.providers * BUCKETS);
      this.minuteOf[slot] = minute;
    }
    let bucket = 0;
    while (bucket < BOUNDS_MS.length && latencyMs > BOUNDS_MS[bucket]!) bucket += 1;
    this.counts[(slot * this.providers + provider) * BUCKETS + bucket]! += 1;
  }

  /**
   * The q-quantile (0–1) of one provider's latency over the minutes touching the last `seconds`,
   * linearly interpolated inside its bucket; null without observations.
   */
  percentile(nowMs: number, provider: number, q: number, seconds: number): number | null {
    const minute = Math.floor(nowMs / 60_000);
    const span = Math.min(this.minutes, Math.ceil(seconds / 60) + 1);
    const merged = new Float64Array(BUCKETS);
    let total = 0;
    for (let back = 0; back < span; back += 1) {
      const wanted = minute - back;
      const slot = wanted % this.minutes;
      if (this.minuteOf[slot] !== wanted) continue;
      const base = (slot * this.providers + provider) * BUCKETS;
      for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
        merged[bucket]! += this.counts[base + bucket]!;
        total += this.counts[base + bucket]!;
      }
    }
    if (total === 0) return null;
    const rank = q * total;
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
      const count = merged[bucket]!;
      if (count > 0 && seen + count >= rank) {
        const lower = bucket === 0 ? 0 : BOUNDS_MS[bucket - 1]!;
        const upper = BOUNDS_MS[bucket] ?? lower * 2;
        return lower + ((rank - seen) / count) * (upper - lower);
      }
      seen += count;
    }
    return BOUNDS_MS.at(-1)!;
  }
}
