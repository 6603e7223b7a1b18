import type { DrillTimelineBucket } from './drill-report.js';

/** Bucket sizes a reader can name (1 min … 1 week); the smallest giving at most MAX_BUCKETS wins. */
const BUCKET_SECONDS = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400];
const MAX_BUCKETS = 60;

export function chooseBucketSeconds(firstMs: number, lastMs: number): number {
  const span = Math.max(0, lastMs - firstMs) / 1000;
  return BUCKET_SECONDS.find((size) => span / size < MAX_BUCKETS) ?? BUCKET_SECONDS[BUCKET_SECONDS.length - 1]!;
}

export type TimelineOutcome = 'same' | 'failedOver' | 'notServed' | 'outOfScope';

/** Counts outcomes per time bucket (aligned to multiples of the bucket size since the epoch). */
export class Timeline {
  private readonly buckets: DrillTimelineBucket[] = [];
  private readonly origin: number;

  constructor(
    firstMs: number,
    readonly bucketSeconds: number,
  ) {
    const size = bucketSeconds * 1000;
    this.origin = Math.floor(firstMs / size) * size;
  }

  add(at: number, outcome: TimelineOutcome): void {
    const size = this.bucketSeconds * 1000;
    const index = Math.max(0, Math.floor((at - this.origin) / size));
    while (this.buckets.length <= index) {
      this.buckets.push({ start: new Date(this.origin + this.buckets.length * size).toISOString(), same: 0, failedOver: 0, notServed: 0, outOfScope: 0 });
    }
    this.buckets[index]![outcome] += 1;
  }

  result(): DrillTimelineBucket[] {
    return this.buckets;
  }
}
