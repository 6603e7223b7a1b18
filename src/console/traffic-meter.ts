import { DEPLOYMENTS, GRADES, type AuditRecordInput, type Deployment } from '../domain/index.js';
import type { ProviderTraffic, SeriesByLabel, TrafficSnapshot } from './api-types.js';
import { LatencyHistogram } from './latency-histogram.js';

export interface MeterProvider {
  id: string;
  hostingCountry: string;
  deployment: Deployment;
}

export interface TrafficMeterOptions {
  home: string;
  providers: readonly MeterProvider[];
  /** How far back the meter remembers, in seconds (default 15 minutes). */
  windowSeconds?: number;
  /** Epoch milliseconds (tests drive time by hand). */
  clock?: () => number;
}

const OTHER = '(other)';

/**
 * The dashboard's live traffic meter: a per-second ring buffer fed with every ledger record the gateway
 * appends (see observeAudit). All counters live in one preallocated Float64Array, one row per second, so
 * observing a record is a handful of array increments: no allocation, no map insertion, no I/O on the
 * request path. Labels (providers, jurisdictions, tiers, grades) are fixed at start from the config;
 * anything else is counted under "(other)".
 */
export class TrafficMeter {
  readonly windowSeconds: number;
  readonly startedAt: number;
  private readonly clock: () => number;
  private readonly home: string;
  private readonly providerLabels: string[];
  private readonly jurisdictionLabels: string[];
  private readonly providerIndex = new Map<string, number>();
  private readonly jurisdictionIndex = new Map<string, number>();
  /** Deployment tier index of each provider index (-1 for "other"). */
  private readonly providerTier: Int8Array;
  // Column offsets within a row.
  private readonly width: number;
  private readonly colProviderCalls: number;
  private readonly colProviderTokens: number;
  private readonly colProviderErrors: number;
  private readonly colProviderLatency: number;
  private readonly colJurisdictionCalls: number;
  private readonly colJurisdictionTokens: number;
  private readonly colTierCalls: number;
  private readonly colTierTokens: number;
  private readonly colGradeRequests: number;
  private readonly colGradeTokens: number;
  private readonly rows: Float64Array;
  /** The epoch second each row currently holds. */
  private readonly rowSecond: Float64Array;
  private newestSecond = -1;
  private readonly latency: LatencyHistogram;
  private readonly totals = { requests: 0, calls: 0, tokens: 0, denials: 0 };

  constructor(options: TrafficMeterOptions) {
    this.windowSeconds = Math.max(60, Math.floor(options.windowSeconds ?? 900));
    this.clock = options.clock ?? Date.now;
    this.startedAt = this.clock();
    this.home = options.home;
    this.providerLabels = [...options.providers.map((provider) => provider.id), OTHER];
    options.providers.forEach((provider, index) => this.providerIndex.set(provider.id, index));
    const countries = new Set<string>([options.home, ...options.providers.map((provider) => provider.hostingCountry)]);
    this.jurisdictionLabels = [options.home, ...[...countries].filter((country) => country !== options.home).sort(), OTHER];
    this.jurisdictionLabels.forEach((country, index) => this.jurisdictionIndex.set(country, index));
    this.providerTier = new Int8Array(this.providerLabels.length).fill(-1);
    options.providers.forEach((provider, index) => (this.providerTier[index] = DEPLOYMENTS.indexOf(provider.deployment)));

    const providers = this.providerLabels.length;
    const jurisdictions = this.jurisdictionLabels.length;
    let column = FIXED_COLUMNS;
    this.colProviderCalls = column;
    this.colProviderTokens = column += providers;
    this.colProviderErrors = column += providers;
    this.colProviderLatency = column += providers;
    this.colJurisdictionCalls = column += providers;
    this.colJurisdictionTokens = column += jurisdictions;
    this.colTierCalls = column += jurisdictions;
    this.colTierTokens = column += DEPLOYMENTS.length;
    this.colGradeRequests = column += DEPLOYMENTS.length;
    this.colGradeTokens = column += GRADES.length;
    this.width = column += GRADES.length;
    this.rows = new Float64Array(this.windowSeconds * this.width);
    this.rowSecond = new Float64Array(this.windowSeconds).fill(-1);
    this.latency = new LatencyHistogram(providers, Math.ceil(this.windowSeconds / 60) + 1);
  }

  /** The meter's clock (epoch ms). */
  now(): number {
    return this.clock();
  }

  /** Audit observer: call with every record the gateway appends. */
  observe = (record: AuditRecordInput): void => {
    const kind = record.kind;
    if (kind !== 'dispatch' && kind !== 'complete' && kind !== 'deny') return;
    const now = this.clock();
    const base = this.rowBase(Math.floor(now / 1000));
    const rows = this.rows;
    const grade = record.grade === 'C' ? 0 : record.grade === 'S' ? 1 : record.grade === 'O' ? 2 : -1;
    if (kind === 'deny') {
      rows[base + COL_REQUESTS]! += 1;
      rows[base + COL_DENIALS]! += 1;
      if (grade >= 0) rows[base + this.colGradeRequests + grade]! += 1;
      this.totals.requests += 1;
      this.totals.denials += 1;
      return;
    }
    if (kind === 'dispatch') {
      // One client request may dispatch several attempts (retries, failover); it counts once.
      if ((record.detail as { attempt?: unknown } | null)?.attempt === 1) {
        rows[base + COL_REQUESTS]! += 1;
        if (grade >= 0) rows[base + this.colGradeRequests + grade]! += 1;
        this.totals.requests += 1;
      }
      if (grade >= 0 && grade <= 1 && record.hostingCountry !== null && record.hostingCountry !== this.home) {
        rows[base + COL_SENSITIVE_ABROAD]! += 1;
      }
      return;
    }
    const provider = this.providerIndex.get(record.provider ?? '') ?? this.providerLabels.length - 1;
    const jurisdiction = this.jurisdictionIndex.get(record.hostingCountry ?? '') ?? this.jurisdictionLabels.length - 1;
    const tier = this.providerTier[provider]!;
    const tokens = record.tokens?.total ?? 0;
    const latencyMs = record.latencyMs ?? 0;
    rows[base + COL_CALLS]! += 1;
    rows[base + COL_TOKENS]! += tokens;
    rows[base + this.colProviderCalls + provider]! += 1;
    rows[base + this.colProviderTokens + provider]! += tokens;
    rows[base + this.colProviderLatency + provider]! += latencyMs;
    rows[base + this.colJurisdictionCalls + jurisdiction]! += 1;
    rows[base + this.colJurisdictionTokens + jurisdiction]! += tokens;
    if (tier >= 0) {
      rows[base + this.colTierCalls + tier]! += 1;
      rows[base + this.colTierTokens + tier]! += tokens;
    }
    if (grade >= 0) rows[base + this.colGradeTokens + grade]! += tokens;
    if (record.outcome !== 'ok') {
      rows[base + COL_ERRORS]! += 1;
      rows[base + this.colProviderErrors + provider]! += 1;
    }
    this.latency.record(now, provider, latencyMs);
    this.totals.calls += 1;
    this.totals.tokens += tokens;
  };

  /**
   * Series over the last `seconds` (up to the window), summed per `stepSeconds`, plus last-minute totals
   * and per-provider latency over `latencyWindowSeconds`.
   */
  snapshot(options: { seconds?: number; stepSeconds?: number; latencyWindowSeconds?: number } = {}): TrafficSnapshot {
    const now = this.clock();
    const nowSecond = Math.floor(now / 1000);
    const step = Math.max(1, Math.floor(options.stepSeconds ?? 5));
    const seconds = Math.min(this.windowSeconds, Math.max(step, Math.floor(options.seconds ?? 300)));
    const steps = Math.ceil(seconds / step);
    // Step k covers seconds [first + k·step, first + (k+1)·step); the last step ends with the current second.
    const first = nowSecond - steps * step + 1;
    const sums = new Float64Array(steps * this.width);
    for (let second = first; second <= nowSecond; second += 1) {
      const slot = this.slotOf(second);
      if (this.rowSecond[slot] !== second) continue;
      const target = Math.floor((second - first) / step) * this.width;
      const source = slot * this.width;
      for (let column = 0; column < this.width; column += 1) sums[target + column]! += this.rows[source + column]!;
    }
    const column = (offset: number) => Array.from({ length: steps }, (_, k) => sums[k * this.width + offset]!);
    const byLabel = (start: number, labels: readonly string[], keepOther: boolean): SeriesByLabel => {
      const out: SeriesByLabel = {};
      labels.forEach((label, index) => {
        const series = column(start + index);
        if (label === OTHER && !keepOther && series.every((value) => value === 0)) return;
        out[label] = series;
      });
      return out;
    };
    const lastMinute = this.lastMinute(nowSecond, now, options.latencyWindowSeconds ?? 300);
    return {
      now: (nowSecond + 1) * 1000,
      seconds: steps * step,
      stepSeconds: step,
      times: Array.from({ length: steps }, (_, k) => (first + k * step) * 1000),
      requests: column(COL_REQUESTS),
      calls: column(COL_CALLS),
      tokens: column(COL_TOKENS),
      denials: column(COL_DENIALS),
      errors: column(COL_ERRORS),
      sensitiveAbroad: column(COL_SENSITIVE_ABROAD),
      callsByJurisdiction: byLabel(this.colJurisdictionCalls, this.jurisdictionLabels, false),
      tokensByJurisdiction: byLabel(this.colJurisdictionTokens, this.jurisdictionLabels, false),
      callsByTier: byLabel(this.colTierCalls, DEPLOYMENTS, true),
      tokensByTier: byLabel(this.colTierTokens, DEPLOYMENTS, true),
      callsByProvider: byLabel(this.colProviderCalls, this.providerLabels, false),
      tokensByProvider: byLabel(this.colProviderTokens, this.providerLabels, false),
      requestsByGrade: byLabel(this.colGradeRequests, GRADES, true),
      tokensByGrade: byLabel(this.colGradeTokens, GRADES, true),
      lastMinute,
      sinceStart: { ...this.totals, startedAt: this.startedAt },
    };
  }

  /** Sum of one fixed column over the last `seconds` seconds (alarms). */
  sum(metric: 'requests' | 'calls' | 'tokens' | 'denials' | 'errors' | 'sensitiveAbroad', seconds: number, endSecondsAgo = 0): number {
    const offset = FIXED[metric];
    const nowSecond = Math.floor(this.clock() / 1000) - endSecondsAgo;
    let total = 0;
    for (let second = nowSecond - Math.min(seconds, this.windowSeconds) + 1; second <= nowSecond; second += 1) {
      const slot = this.slotOf(second);
      if (this.rowSecond[slot] === second) total += this.rows[slot * this.width + offset]!;
    }
    return total;
  }

  private lastMinute(nowSecond: number, now: number, latencyWindowSeconds: number): TrafficSnapshot['lastMinute'] {
    const totals = new Float64Array(this.width);
    const latencyTotals = new Float64Array(this.providerLabels.length * 2);
    const latencySeconds = Math.min(this.windowSeconds, Math.max(60, latencyWindowSeconds));
    for (let second = nowSecond - latencySeconds + 1; second <= nowSecond; second += 1) {
      const slot = this.slotOf(second);
      if (this.rowSecond[slot] !== second) continue;
      const source = slot * this.width;
      if (second > nowSecond - 60) for (let column = 0; column < this.width; column += 1) totals[column]! += this.rows[source + column]!;
      for (let provider = 0; provider < this.providerLabels.length; provider += 1) {
        latencyTotals[provider * 2]! += this.rows[source + this.colProviderLatency + provider]!;
        latencyTotals[provider * 2 + 1]! += this.rows[source + this.colProviderCalls + provider]!;
      }
    }
    const byProvider: Record<string, ProviderTraffic> = {};
    this.providerLabels.forEach((label, index) => {
      const latencyCalls = latencyTotals[index * 2 + 1]!;
      if (label === OTHER && latencyCalls === 0) return;
      byProvider[label] = {
        calls: totals[this.colProviderCalls + index]!,
        tokens: totals[this.colProviderTokens + index]!,
        errors: totals[this.colProviderErrors + index]!,
        latencyMeanMs: latencyCalls > 0 ? latencyTotals[index * 2]! / latencyCalls : null,
        latencyP50Ms: this.latency.percentile(now, index, 0.5, latencySeconds),
        latencyP95Ms: this.latency.percentile(now, index, 0.95, latencySeconds),
      };
    });
    return {
      requests: totals[COL_REQUESTS]!,
      calls: totals[COL_CALLS]!,
      tokens: totals[COL_TOKENS]!,
      denials: totals[COL_DENIALS]!,
      errors: totals[COL_ERRORS]!,
      sensitiveAbroad: totals[COL_SENSITIVE_ABROAD]!,
      byProvider,
    };
  }

  private slotOf(second: number): number {
    return ((second % this.windowSeconds) + this.windowSeconds) % this.windowSeconds;
  }

  /** Offset of the row for `second`, clearing rows that the clock moved past since the last record. */
  private rowBase(second: number): number {
    if (second > this.newestSecond) {
      const from = Math.max(this.newestSecond + 1, second - this.windowSeconds + 1);
      for (let stale = from; stale <= second; stale += 1) {
        const slot = this.slotOf(stale);
        this.rows.fill(0, slot * this.width, (slot + 1) * this.width);
        this.rowSecond[slot] = stale;
      }
      this.newestSecond = second;
    } else if (second <= this.newestSecond - this.windowSeconds) {
      // The clock went back further than the window: count it in the newest row rather than lose it.
      second = this.newestSecond;
    }
    const slot = this.slotOf(second);
    if (this.rowSecond[slot] !== second) {
      // The clock went back a little: a row we cleared earlier for another second; reuse the newest one.
      return this.slotOf(this.newestSecond) * this.width;
    }
    return slot * this.width;
  }
}

const COL_REQUESTS = 0;
const COL_CALLS = 1;
const COL_TOKENS = 2;
const COL_DENIALS = 3;
const COL_ERRORS = 4;
const COL_SENSITIVE_ABROAD = 5;
const FIXED_COLUMNS = 6;
const FIXED = {
  requests: COL_REQUESTS,
  calls: COL_CALLS,
  tokens: COL_TOKENS,
  denials: COL_DENIALS,
  errors: COL_ERRORS,
  sensitiveAbroad: COL_SENSITIVE_ABROAD,
} as const;
