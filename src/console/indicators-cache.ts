import { loadContinuityResults } from '../control/drill/index.js';
import { computeIndicators, type SovereigntyIndicators } from '../control/indicators/index.js';
import type { Config } from '../config/index.js';
import type { AuditLedger } from '../audit/index.js';
import type { Alarm, IndicatorValue, IndicatorsView } from './api-types.js';
import { PeekableRecords } from './peekable-records.js';

export interface IndicatorsCacheOptions {
  config: Config;
  ledger: AuditLedger;
  dataDir: string;
  /** Window the figures cover, ending now (default 24 hours). */
  windowMs?: number;
  /** Trend buckets across the window (default 12: two hours each over a day). */
  buckets?: number;
  /** Figures older than this are recomputed on the next read (default 60 s). */
  maxAgeMs?: number;
  clock?: () => number;
}

const KINDS = ['dispatch', 'complete', 'deny'] as const;

/**
 * The sovereignty indicators of src/control/indicators over the last day, with a trend, for the
 * overview. Computing them reads the window's records twice (once for the window, once split into
 * trend buckets), so they are computed only while someone looks, at most once a minute (less often on a
 * big ledger), in the background, and served from memory: a reader never waits except for the very
 * first computation. The ledger scan yields between pages, so requests keep flowing meanwhile.
 */
export class IndicatorsCache {
  private readonly windowMs: number;
  private readonly bucketCount: number;
  private readonly maxAgeMs: number;
  private readonly clock: () => number;
  private current: { view: IndicatorsView; at: number; tookMs: number } | undefined;
  private running: Promise<IndicatorsView> | undefined;

  constructor(private readonly options: IndicatorsCacheOptions) {
    this.windowMs = options.windowMs ?? 86_400_000;
    this.bucketCount = options.buckets ?? 12;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * The latest figures; starts a recomputation when they are older than maxAgeMs, or than 20 times
   * what the last computation took: on a big ledger the background work stays under 5 % of the time.
   */
  async get(): Promise<IndicatorsView> {
    const fresh = this.current && this.clock() - this.current.at < Math.max(this.maxAgeMs, 20 * this.current.tookMs);
    if (!fresh) {
      const run = this.refresh();
      if (!this.current) return run;
      run.catch(() => undefined); // a failed background refresh keeps the previous figures
    }
    return this.current!.view;
  }

  /** Forget the figures (a drill saved a new continuity score). */
  invalidate(): void {
    this.current = undefined;
  }

  /** Alarms from the last computed figures (S/C outside the home country, concentration), without computing. */
  alarms(): Alarm[] {
    const report = this.current?.view.report;
    if (!report) return [];
    return report.alarms.map((alarm): Alarm =>
      alarm.code === 'sensitive-outside-home'
        ? { kind: 'sensitive-abroad', severity: 'critical', subject: 'ledger', values: { calls: report.sensitiveInCountry.all.of - report.sensitiveInCountry.all.count } }
        : {
            kind: alarm.code,
            severity: 'warning',
            subject: alarm.code,
            values: { hhi: Math.round((alarm.code === 'operator-concentration' ? report.concentration.byOperator.hhi : report.concentration.byJurisdiction.hhi) ?? 0) },
          },
    );
  }

  private refresh(): Promise<IndicatorsView> {
    if (!this.running) {
      const started = performance.now();
      this.running = this.compute()
        .then((view) => {
          this.current = { view, at: this.clock(), tookMs: performance.now() - started };
          return view;
        })
        .finally(() => {
          this.running = undefined;
        });
    }
    return this.running;
  }

  private async trendBucketMs(from: Date, to: Date): Promise<number> {
    const first = await this.options.ledger.query({ from: from.toISOString(), kind: [...KINDS], order: 'asc', limit: 1 });
    const time = first.records[0]?.time;
    return trendBucketMs(from, to, time ? new Date(time) : null, this.bucketCount);
  }

  private async compute(): Promise<IndicatorsView> {
    const { config, ledger, dataDir } = this.options;
    const to = new Date(this.clock());
    const from = new Date(to.getTime() - this.windowMs);
    const continuity = loadContinuityResults(dataDir);
    const sinceTime = from.toISOString();
    let records = 0;
    const counted = (async function* () {
      for await (const record of ledger.scan({ sinceTime, kinds: [...KINDS] })) {
        records += 1;
        yield record;
      }
    })();
    const overall = await computeIndicators(counted, { config, from, to, continuity });

    const bucketMs = await this.trendBucketMs(from, to);
    const trendFrom = new Date(to.getTime() - bucketMs * this.bucketCount);
    const bucketStarts: string[] = [];
    const trend: SovereigntyIndicators[] = [];
    const source = new PeekableRecords(ledger.scan({ sinceTime: trendFrom.toISOString(), kinds: [...KINDS] }));
    try {
      for (let index = 0; index < this.bucketCount; index += 1) {
        const start = new Date(trendFrom.getTime() + index * bucketMs);
        const end = new Date(trendFrom.getTime() + (index + 1) * bucketMs);
        bucketStarts.push(start.toISOString());
        trend.push(await computeIndicators(source.until(end.toISOString()), { config, from: start, to: end }));
      }
    } finally {
      await source.close();
    }
    return {
      available: true,
      from: from.toISOString(),
      to: to.toISOString(),
      records,
      bucketStarts,
      bucketSeconds: bucketMs / 1000,
      values: indicatorValues(overall, trend),
      report: overall,
      computedAt: to.toISOString(),
    };
  }
}

/**
 * Length of a trend bucket: the whole window split evenly once it is full of traffic, but on a young
 * ledger (a new deployment, a demo) only the span that has records, in steps of 10 s, so the trend
 * shows a shape instead of one point at the end.
 */
export function trendBucketMs(windowStart: Date, to: Date, firstRecord: Date | null, buckets: number): number {
  const windowMs = to.getTime() - windowStart.getTime();
  const start = firstRecord && firstRecord > windowStart ? firstRecord : windowStart;
  const span = to.getTime() - start.getTime();
  const bucket = Math.max(10_000, Math.ceil(span / buckets / 10_000) * 10_000);
  return Math.min(bucket, windowMs / buckets);
}

interface IndicatorSpec {
  key: string;
  unit: IndicatorValue['unit'];
  higherIsBetter: boolean;
  pick(report: SovereigntyIndicators): number | null;
  alarm?(report: SovereigntyIndicators): boolean;
}

function itemsShare(report: SovereigntyIndicators): number | null {
  const { raw, pseudonymized } = report.personalData.total;
  const sent = raw.items + pseudonymized.items;
  return sent > 0 ? pseudonymized.items / sent : null;
}

/** The figures the overview shows, in order; each is the same function of a window and of a trend bucket. */
export const INDICATOR_SPECS: IndicatorSpec[] = [
  { key: 'sensitiveInCountry', unit: 'share', higherIsBetter: true, pick: (report) => report.sensitiveInCountry.all.share, alarm: (report) => report.sensitiveInCountry.alarm },
  { key: 'domesticRequests', unit: 'share', higherIsBetter: true, pick: (report) => report.domestic.requests.share },
  { key: 'domesticTokens', unit: 'share', higherIsBetter: true, pick: (report) => report.domestic.tokens.share },
  { key: 'foreignLawExposure', unit: 'share', higherIsBetter: false, pick: (report) => report.foreignLawExposure.tokens.share },
  { key: 'hhiOperator', unit: 'hhi', higherIsBetter: false, pick: (report) => report.concentration.byOperator.hhi, alarm: (report) => (report.concentration.byOperator.hhi ?? 0) > 2500 },
  { key: 'hhiJurisdiction', unit: 'hhi', higherIsBetter: false, pick: (report) => report.concentration.byJurisdiction.hhi },
  { key: 'openWeights', unit: 'share', higherIsBetter: true, pick: (report) => report.models.openWeights.tokens.share },
  { key: 'domesticOrigin', unit: 'share', higherIsBetter: true, pick: (report) => report.models.domesticOrigin.tokens.share },
  { key: 'personalPseudonymized', unit: 'share', higherIsBetter: true, pick: itemsShare },
  { key: 'personalBlocked', unit: 'count', higherIsBetter: false, pick: (report) => report.personalData.total.blocked.requests },
  { key: 'deniedShare', unit: 'share', higherIsBetter: false, pick: (report) => (report.requests.total > 0 ? report.requests.denied / report.requests.total : null) },
];

export function indicatorValues(overall: SovereigntyIndicators, trend: readonly SovereigntyIndicators[]): IndicatorValue[] {
  const values: IndicatorValue[] = INDICATOR_SPECS.map((spec) => ({
    key: spec.key,
    unit: spec.unit,
    higherIsBetter: spec.higherIsBetter,
    value: spec.pick(overall),
    trend: trend.map((bucket) => spec.pick(bucket)),
    ...(spec.alarm?.(overall) ? { alarm: true } : {}),
  }));
  const scores = overall.continuity.map((result) => result.score).filter((score): score is number => score !== null);
  if (scores.length > 0) {
    values.push({ key: 'continuityWorst', unit: 'share', higherIsBetter: true, value: Math.min(...scores), trend: [] });
  }
  return values;
}
