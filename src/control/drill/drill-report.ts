import type { CutScope, Grade, SendMode } from '../../domain/index.js';
import type { ContinuityWeighting } from './continuity-result.js';
import type { CapacityLimit } from './scenario-schema.js';

/** Why a request that is served today would not be served under the scenario. */
export type NotServedReason = 'no-permitted-target' | 'capacity';

/**
 * unaffected: every request keeps its target · degraded: all served, some by another target ·
 * partial: some not served · down: none served · out-of-scope: denied by policy even without cuts.
 */
export type RowStatus = 'unaffected' | 'degraded' | 'partial' | 'down' | 'out-of-scope';

/** One app calling one alias: what the scenario does to its recorded workload. */
export interface DrillRow {
  app: string;
  alias: string;
  /** The app's continuity weight (config.apps[].criticality; 1 for an app no longer in the config). */
  criticality: number;
  /** Replayed requests by effective grade. */
  grades: Partial<Record<Grade, number>>;
  /** What the ledger says happened to these requests: complete/ok records and deny records. */
  recorded: { served: number; denied: number };
  /** Replayed requests the planner serves without any cut (the row's share of the score's denominator). */
  requests: number;
  /** Replayed requests denied by policy even without cuts: not counted in the score. */
  outOfScope: number;
  /** Where these requests go without the scenario: first target of the uncut plan. */
  baseline: { target: string; requests: number }[];
  /** Served by the same target as in the baseline. */
  same: number;
  /** Served by another permitted target: from the baseline target, to which, how the data went. */
  failedOver: { from: string; to: string; mode: SendMode; requests: number }[];
  /** Not served, with the planner's own explanation (or the capacity that ran out). */
  notServed: { reason: NotServedReason; detail: string; requests: number }[];
  served: number;
  /** served / requests (unweighted), null when nothing was in scope. */
  continuity: number | null;
  status: RowStatus;
}

/** One provider's load: who is cut, who absorbs the failover, who runs out of capacity. */
export interface DrillProviderLoad {
  provider: string;
  cut: boolean;
  /** Requests per second it can take, and where that figure came from (null: unlimited). */
  capacityRps: number | null;
  capacitySource: 'scenario' | 'config' | null;
  baseline: { requests: number; peakRps: number };
  scenario: { requests: number; peakRps: number };
  /** Requests that wanted this provider but found it at capacity (each then tried the next target). */
  overflow: number;
}

export interface DrillTimelineBucket {
  /** Bucket start (ISO 8601). */
  start: string;
  same: number;
  failedOver: number;
  notServed: number;
  outOfScope: number;
}

/** Everything a drill found (JSON-serialisable; renderDrillTable / renderDrillHtml present it). */
export interface DrillReport {
  scenario: {
    name: string;
    title: string;
    description: string;
    file: string | null;
    cuts: (CutScope & { description: string })[];
    capacity: CapacityLimit[];
    crisis: boolean;
    weighting: ContinuityWeighting;
  };
  home: string;
  generatedAt: string;
  /** The replayed workload: the requested lower bound and the first/last request found (ISO 8601). */
  window: { since: string | null; firstRequest: string | null; lastRequest: string | null };
  totals: {
    /** Requests found in the ledger window (deny records + first dispatches). */
    recorded: number;
    /** Requests that could not be replayed (alias no longer in the config, record without app/alias/grade). */
    unreplayable: number;
    outOfScope: number;
    /** Replayed requests the planner serves without cuts: the score's denominator. */
    inScope: number;
    same: number;
    failedOver: number;
    notServed: number;
    notServedNoTarget: number;
    notServedCapacity: number;
  };
  continuity: {
    /** The scenario's score: weightedShare or requestShare, per `weighting`. */
    score: number | null;
    weighting: ContinuityWeighting;
    /** served / inScope. */
    requestShare: number | null;
    /** Σ criticality of served / Σ criticality of in scope. */
    weightedShare: number | null;
    served: number;
    inScope: number;
  };
  rows: DrillRow[];
  providers: DrillProviderLoad[];
  timeline: { bucketSeconds: number; buckets: DrillTimelineBucket[] };
  warnings: string[];
}
