import type { FindingCounts } from './finding.js';
import type { Grade } from './grade.js';
import type { SendMode } from './decision.js';

/**
 * dispatch/complete pair per upstream call, deny for a refusal; cut/restore/prune/anchor are
 * control events that live in the same chain so that they too cannot be silently removed.
 */
export const AUDIT_KINDS = ['dispatch', 'complete', 'deny', 'cut', 'restore', 'crisis', 'prune', 'anchor'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export type AuditOutcome = 'ok' | 'error' | 'denied' | 'aborted' | 'unavailable';

/** Who was permitted, who was not, and by which rules (no message text, ever). */
export interface DecisionSummary {
  permitted: string[];
  denied: string[];
  rules: string[];
}

/**
 * One ledger record (docs/design.md §4.6, contract). Fields that do not apply to a kind are null,
 * so every record has the same shape and the canonical JSON is unambiguous.
 */
export interface AuditRecord {
  seq: number;
  /** ISO 8601 UTC with milliseconds. */
  time: string;
  kind: AuditKind;
  requestId: string | null;
  app: string | null;
  /** The model alias the app asked for (drills replay workloads by alias). */
  alias: string | null;
  grade: Grade | null;
  purpose: string | null;
  highImpact: boolean;
  findings: FindingCounts;
  decision: DecisionSummary | null;
  provider: string | null;
  model: string | null;
  operatorCountry: string | null;
  hostingCountry: string | null;
  mode: SendMode | null;
  outcome: AuditOutcome | null;
  status: number | null;
  latencyMs: number | null;
  tokens: { prompt: number; completion: number; total: number } | null;
  energyWh: number | null;
  co2g: number | null;
  /** Kind-specific extras that are not personal data (e.g. cut scope, prune range, alias). */
  detail: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** What a writer supplies; the ledger assigns seq, time (if absent), prevHash and hash. */
export type AuditRecordInput = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash' | 'time'> & { time?: string };

/**
 * A record input with every field empty (no app, no call): the base of control records (cut,
 * restore, crisis, prune), whose event lives in `detail`.
 */
export function controlRecordInput(kind: AuditKind, detail: Record<string, unknown>, requestId: string | null = null): AuditRecordInput {
  return {
    kind,
    requestId,
    app: null,
    alias: null,
    grade: null,
    purpose: null,
    highImpact: false,
    findings: {},
    decision: null,
    ...NO_CALL,
    detail,
  };
}

/** The call fields of a record that made no upstream call. */
export const NO_CALL = {
  provider: null,
  model: null,
  operatorCountry: null,
  hostingCountry: null,
  mode: null,
  outcome: null,
  status: null,
  latencyMs: null,
  tokens: null,
  energyWh: null,
  co2g: null,
} as const;
