/**
 * The dashboard API's wire types: what /api/* answers. Type declarations only (no runtime code, no
 * node imports), so that the web app (src/web) can `import type` them and both sides stay in step.
 */
import type { Assessment } from '../control/assess/model.js';
import type { Comparison } from '../control/assess/compare.js';
import type { VerifyReport } from '../audit/index.js';
import type { AllocationReport } from '../control/compute/report/allocation-report.js';
import type { ContinuityResult } from '../control/drill/continuity-result.js';
import type { LatestModelResult, SavedRunSummary } from '../control/evaluate/saved-runs.js';
import type { DrillReport } from '../control/drill/drill-report.js';
import type { SovereigntyIndicators } from '../control/indicators/types.js';
import type { AuditKind, AuditOutcome, AuditRecord, Candidate, CutScope, Decision, Deployment, Finding, Grade, SovereigntyProfile } from '../domain/index.js';

export type { AllocationReport, ContinuityResult, DrillReport, SovereigntyIndicators, VerifyReport };

/** POST /api/login body. */
export interface LoginRequest {
  key: string;
}

/** GET /api/session answer. */
export interface SessionResponse {
  authenticated: true;
}


/** One series per label; values are sums per step (divide by stepSeconds for a per-second rate). */
export type SeriesByLabel = Record<string, number[]>;

export interface ProviderTraffic {
  calls: number;
  tokens: number;
  errors: number;
  /** Over the meter's latency window (the last minutes); null without completed calls. */
  latencyMeanMs: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

/** The live traffic meter's view of the last `seconds` seconds (docs/design.md §2: fed from every ledger record). */
export interface TrafficSnapshot {
  /** Epoch ms of the end of the newest (current, partial) step. */
  now: number;
  seconds: number;
  stepSeconds: number;
  /** Epoch ms of the start of each step, oldest first. */
  times: number[];
  /** Client requests decided (allowed or denied) per step. */
  requests: number[];
  /** Upstream calls completed per step (a failed-over request makes several). */
  calls: number[];
  tokens: number[];
  denials: number[];
  errors: number[];
  /** Calls of grade S or C dispatched to a target hosted outside the home country (should always be 0). */
  sensitiveAbroad: number[];
  callsByJurisdiction: SeriesByLabel;
  tokensByJurisdiction: SeriesByLabel;
  callsByTier: SeriesByLabel;
  tokensByTier: SeriesByLabel;
  callsByProvider: SeriesByLabel;
  tokensByProvider: SeriesByLabel;
  requestsByGrade: SeriesByLabel;
  tokensByGrade: SeriesByLabel;
  /** Totals over the last 60 seconds. */
  lastMinute: {
    requests: number;
    calls: number;
    tokens: number;
    denials: number;
    errors: number;
    sensitiveAbroad: number;
    byProvider: Record<string, ProviderTraffic>;
  };
  /** Since the gateway started. */
  sinceStart: { requests: number; calls: number; tokens: number; denials: number; startedAt: number };
}

export type AlarmSeverity = 'critical' | 'warning' | 'info';
export type AlarmKind =
  | 'sensitive-abroad'
  | 'denial-spike'
  | 'circuit-open'
  | 'circuit-half-open'
  | 'cut-in-force'
  | 'alias-unserved'
  | 'crisis'
  | 'operator-concentration'
  | 'jurisdiction-concentration';

/** A cut scope as sent to the page ({provider}, {jurisdiction} or {deployment}); the page words it. */
export type ScopeView = { provider: string } | { jurisdiction: string } | { deployment: Deployment };

export interface Alarm {
  kind: AlarmKind;
  severity: AlarmSeverity;
  /** The subject (provider id, cut description, alias), for display next to the translated title. */
  subject: string;
  /** Numbers the page shows with the alarm (e.g. denials in the last minute). */
  values?: Record<string, number>;
  /** For cut-in-force: the scope, so the page can word it in its language. */
  scope?: ScopeView;
}

export interface ProviderView {
  id: string;
  type: string;
  sovereignty: SovereigntyProfile;
  /** Aliases that route to this provider, with the model each uses. */
  aliases: { alias: string; model: string }[];
  cut: boolean;
  /** The cuts in force that remove this provider. */
  cutBy: ScopeView[];
  circuit: { state: 'closed' | 'open' | 'half-open'; consecutiveFailures: number; openedAt: number | null };
  traffic: ProviderTraffic;
  capacityRps: number | null;
}

export interface ProvidersResponse {
  home: string;
  /** False when no admin key is configured: cut and restore are then impossible. */
  adminEnabled: boolean;
  crisis: boolean;
  cuts: { description: string; scope: ScopeView }[];
  providers: ProviderView[];
}

export interface ModuleState {
  /** False when the module is not part of this build (its page then says so). */
  available: boolean;
  message?: string;
}

/** A flat view of the sovereignty indicators: a value in [0,1] for shares, a number for HHI. */
export interface IndicatorValue {
  key: string;
  value: number | null;
  /** 'share' values are fractions shown as %, 'hhi' is 0–10,000, 'count' is a plain number. */
  unit: 'share' | 'hhi' | 'count';
  /** True when higher is better (drives the colour of the trend arrow). */
  higherIsBetter: boolean;
  /** One value per trend bucket, oldest first (null where the bucket had no traffic). */
  trend: (number | null)[];
  /** An alarm threshold crossed (e.g. S/C in-country share below 100%). */
  alarm?: boolean;
}

export interface IndicatorsView extends ModuleState {
  from?: string;
  to?: string;
  /** Records the figures were computed from. */
  records?: number;
  /** Start of each trend bucket (ISO 8601), oldest first. */
  bucketStarts?: string[];
  /** Length of a trend bucket. */
  bucketSeconds?: number;
  values?: IndicatorValue[];
  /** The module's own report over the whole window, unchanged, for the details view. */
  report?: SovereigntyIndicators;
  computedAt?: string;
}

export interface OverviewResponse {
  home: string;
  crisis: boolean;
  providers: number;
  aliases: number;
  apps: number;
  cuts: { description: string; scope: ScopeView }[];
  circuits: { provider: string; state: string }[];
  /** One line per provider for the overview's status list. */
  providerStatus: { id: string; deployment: Deployment; hostingCountry: string; circuit: 'closed' | 'open' | 'half-open'; cut: boolean }[];
  alarms: Alarm[];
  traffic: TrafficSnapshot;
  /** Hosting country and deployment tier of each provider (chart colours, legends). */
  providerProfiles: Record<string, { hostingCountry: string; operatorCountry: string; deployment: Deployment }>;
  ledgerHead: { seq: number; hash: string } | null;
}

export interface AuditListResponse {
  records: AuditRecord[];
  nextCursor: string | null;
  total?: number;
  /** Distinct values for the filter menus. */
  choices: { apps: string[]; providers: string[]; grades: Grade[]; outcomes: AuditOutcome[]; kinds: AuditKind[] };
}

/** POST /api/audit/verify answer: the ledger's verify report, how long it took, and when. */
export type AuditVerifyResponse = VerifyReport & { durationMs: number; verifiedAt: string };

export interface AuditRecordResponse {
  record: AuditRecord;
  previous: AuditRecord | null;
  next: AuditRecord | null;
  head: { seq: number; hash: string } | null;
  /** sha256(prevHash + canonical(record without hash)) recomputed by the server now (null: not computable here). */
  hashMatches: boolean | null;
  /** The previous record's hash equals this record's prevHash (null for the first record or a pruned neighbour). */
  linkMatches: boolean | null;
}

export interface PolicyContextResponse {
  home: string;
  apps: { id: string; grade: Grade; purpose: string; highImpact: boolean; aliases: string[] }[];
  aliases: { alias: string; targets: { provider: string; model: string; deployment: Deployment; hostingCountry: string; operatorCountry: string }[] }[];
  grades: Grade[];
  findingsAvailable: boolean;
}

export interface PolicyPreviewRequest {
  app: string;
  /** Raises the app's grade (never lowers it), like the x-jaju-grade header. */
  grade?: Grade;
  /** Compose mode: alias + text (+ optional system prompt). */
  alias?: string;
  text?: string;
  system?: string;
  /** Paste mode: a whole OpenAI chat-completions body (its `model` is the alias). */
  body?: unknown;
}

export interface PreviewMessage {
  index: number;
  role: string;
  text: string;
  /** Spans in `text` (JS string indices, end exclusive). */
  findings: Finding[];
}

export interface PreviewCandidate {
  candidate: Candidate;
  deployment: Deployment;
  hostingCountry: string;
  operatorCountry: string;
  cut: boolean;
  circuit: 'closed' | 'open' | 'half-open';
  /** Position in the failover plan (1 = first choice); null when not in the plan. */
  planPosition: number | null;
}

export interface PolicyPreviewResponse {
  decision: Decision;
  /** 403 policy / 503 unavailable, as the real call would answer; null when allowed. */
  denialKind: 'policy' | 'unavailable' | null;
  messages: PreviewMessage[];
  findingsAvailable: boolean;
  /** The chat body the first planned target would receive (pseudonymized when mode is pseudonymized). */
  sentBody: unknown | null;
  sentMode: 'raw' | 'pseudonymized' | null;
  candidates: PreviewCandidate[];
}

export interface DrillScenarioInfo {
  id: string;
  file: string;
  /** The scenario's identifier (its saved continuity result's key). */
  scenario: string;
  /** Its title. */
  name: string;
  description?: string;
}

export interface DrillsResponse extends ModuleState {
  scenarios: DrillScenarioInfo[];
  /** The latest saved continuity result of each scenario. */
  latest: ContinuityResult[];
}

/** POST /api/drills/run body. */
export interface DrillRunRequest {
  /** A scenario id from GET /api/drills. */
  scenario: string;
  /** How much recorded workload to replay (default 7d). */
  since?: '1h' | '24h' | '7d' | '30d' | 'all';
  /** Keep the continuity score for the indicators (default true). */
  save?: boolean;
}

export interface DrillRunResponse {
  scenario: DrillScenarioInfo;
  since: string | null;
  records: number;
  report: DrillReport;
}

export interface ComputeExamplesResponse extends ModuleState {
  examples: { id: string; file: string; name: string }[];
}

export interface ComputeReportResponse {
  example: { id: string; file: string; name: string };
  report: AllocationReport;
}

export interface AboutResponse {
  version: string;
  home: string;
  node: string;
  configSource: string | null;
  modules: Record<string, ModuleState>;
}

/** POST /api/cuts and /api/cuts/restore body: one scope, and why (kept in the ledger). */
export type CutRequest = CutScope & { reason?: string };

/** POST /api/cuts and /api/cuts/restore answer. */
export interface CutResponse {
  action: 'cut' | 'restore';
  scope: ScopeView;
  /** false when the cut was already in force (or the restore found none). */
  changed: boolean;
  cuts: { description: string; scope: ScopeView }[];
}

/** An inventory the console can assess (data/assess or examples/assess). */
export interface AssessInventory {
  id: string;
  name: string;
  file: string;
  source: 'data' | 'examples';
  answers: string | null;
}

export interface AssessInventoriesResponse {
  inventories: AssessInventory[];
}

/** GET /api/assess/report: the assessment without its component list (the page never shows it). */
export interface AssessReportResponse {
  inventory: AssessInventory;
  weights: 'document' | 'annex';
  assessment: Omit<Assessment, 'components'>;
}

export interface AssessCompareResponse {
  a: AssessInventory;
  b: AssessInventory;
  comparison: Comparison;
}

/** GET /api/evaluations (docs/eval.md, "Saved runs"). */
export interface EvaluationsResponse extends ModuleState {
  /** Saved runs, newest first; `id` is the file name under <data>/eval/runs without .json. */
  runs: (Omit<SavedRunSummary, 'file'> & { id: string })[];
  /** Each model's result in the newest run that evaluated it; `run` is that run's id. */
  latest: (Omit<LatestModelResult, 'file'> & { run: string })[];
  /** Saved files that could not be read, with why. */
  problems: string[];
}
