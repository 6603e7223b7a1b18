import { NO_CALL, type AuditOutcome, type AuditRecordInput, type Decision, type DecisionSummary, type FindingCounts, type Grade, type JajuError, type SendMode } from '../../domain/index.js';
import type { PlanEntry } from '../../route/plan.js';
import { estimateCallEnergy } from '../../domain/index.js';
import type { ProviderConfig } from '../../config/index.js';
import type { Caller } from './classify-request.js';

/** Who was permitted, who was not, and by which rules: the decision without anything from the prompt. */
export function decisionSummaryOf(decision: Decision): DecisionSummary {
  const permitted: string[] = [];
  const denied: string[] = [];
  const rules = new Set<string>();
  for (const candidate of decision.candidates) {
    const name = `${candidate.provider}/${candidate.model}`;
    if (candidate.permitted) {
      permitted.push(name);
      for (const rule of candidate.policies) rules.add(rule);
    } else {
      denied.push(name);
      for (const rule of candidate.reasons) rules.add(rule);
    }
  }
  return { permitted, denied, rules: [...rules].sort() };
}

export interface RequestFacts {
  requestId: string;
  caller: Caller;
  alias: string;
  grade: Grade;
  findings: FindingCounts;
  decision: Decision;
  endpoint: 'chat' | 'embeddings';
  stream: boolean;
}

/** The fields every request record carries: who asked, for which alias, at which grade, what was found and decided. */
function requestFields(
  who: { requestId: string; caller: Caller; alias: string | null; grade: Grade },
  findings: FindingCounts,
  decision: DecisionSummary | null,
) {
  return {
    requestId: who.requestId,
    app: who.caller.app.id,
    alias: who.alias,
    grade: who.grade,
    purpose: who.caller.app.purpose,
    highImpact: who.caller.app.highImpact,
    findings,
    decision,
  };
}

function base(facts: RequestFacts, summary: DecisionSummary) {
  return requestFields(facts, facts.findings, summary);
}

export function denyRecord(facts: RequestFacts, summary: DecisionSummary, status: number): AuditRecordInput {
  return {
    kind: 'deny',
    ...base(facts, summary),
    ...NO_CALL,
    outcome: 'denied',
    status,
    detail: { endpoint: facts.endpoint, reason: facts.decision.reason },
  };
}

/**
 * A routing decision that permitted targets, none of which could be used when it came to sending:
 * all cut since planning, behind an open circuit, or unable to take the request before anything was
 * sent. `rules` names why (core.cut-target, core.circuit-open, core.target-unusable).
 */
export function unavailableRecord(facts: RequestFacts, summary: DecisionSummary, rules: readonly string[], reason: string): AuditRecordInput {
  return {
    kind: 'deny',
    ...base(facts, { ...summary, rules: [...new Set([...summary.rules, ...rules])].sort() }),
    ...NO_CALL,
    outcome: 'unavailable',
    status: 503,
    detail: { endpoint: facts.endpoint, stream: facts.stream, reason },
  };
}

/** What is known of a request refused before (or without) a routing decision. */
export interface RefusalFacts {
  requestId: string;
  caller: Caller;
  endpoint: 'chat' | 'embeddings';
  /** The alias, when the body named one this app may use; never a client-chosen string otherwise. */
  alias: string | null;
  grade: Grade;
  /** Present when the refusal came after the decision (nothing was sent all the same). */
  decided?: { findings: FindingCounts; summary: DecisionSummary };
}

/** Errors whose message may repeat what the client sent (a JSON parser's excerpt, an unknown alias): the ledger gets a fixed text. */
const FIXED_REASONS: Partial<Record<JajuError['code'], string>> = {
  invalid_json: 'request body is not valid JSON',
  model_not_found: 'model is not an alias this app may use',
};

/**
 * A request of a known app turned away without a call (kind `refuse`): a bad or oversized body, a
 * broken shape limit, an unknown alias, a body that stalled, a client that left before anything was
 * sent. `detail` says which (`code`, the config key in `limit`, the field in `param`); it never holds
 * message text: the reason is the error's own message, written without the client's values.
 */
export function refuseRecord(facts: RefusalFacts, error: JajuError): AuditRecordInput {
  const param = error.details?.['param'];
  const limit = error.details?.['limit'];
  return {
    kind: 'refuse',
    ...requestFields(facts, facts.decided?.findings ?? {}, facts.decided?.summary ?? null),
    ...NO_CALL,
    outcome: error.code === 'client_closed_request' || error.code === 'upstream_timeout' ? 'aborted' : error.status >= 500 ? 'error' : 'denied',
    status: error.status,
    detail: {
      endpoint: facts.endpoint,
      code: error.code,
      reason: FIXED_REASONS[error.code] ?? error.message,
      ...(typeof param === 'string' ? { param } : {}),
      ...(typeof limit === 'string' ? { limit } : {}),
    },
  };
}

function target(entry: PlanEntry) {
  return {
    provider: entry.target.provider,
    model: entry.target.model,
    operatorCountry: entry.target.profile.operatorCountry,
    hostingCountry: entry.target.profile.hostingCountry,
    mode: entry.mode as SendMode,
  };
}

export function dispatchRecord(facts: RequestFacts, summary: DecisionSummary, entry: PlanEntry, attempt: number): AuditRecordInput {
  return {
    kind: 'dispatch',
    ...base(facts, summary),
    ...NO_CALL,
    ...target(entry),
    detail: { endpoint: facts.endpoint, stream: facts.stream, attempt },
  };
}

export interface CallResult {
  outcome: AuditOutcome;
  status: number;
  latencyMs: number;
  tokens: { prompt: number; completion: number; total: number } | null;
  error?: string;
}

export function completeRecord(
  facts: RequestFacts,
  summary: DecisionSummary,
  entry: PlanEntry,
  attempt: number,
  result: CallResult,
  provider: ProviderConfig,
): AuditRecordInput {
  const energy = estimateCallEnergy(
    {
      joulesPerToken: provider.joulesPerToken,
      powerWatts: provider.powerWatts,
      pue: provider.pue,
      gridKgCo2PerKwh: provider.gridKgCo2PerKwh,
      hostingCountry: provider.sovereignty.hostingCountry,
    },
    result.tokens?.total ?? null,
    result.latencyMs,
  );
  return {
    kind: 'complete',
    ...base(facts, summary),
    ...NO_CALL,
    ...target(entry),
    outcome: result.outcome,
    status: result.status,
    latencyMs: result.latencyMs,
    tokens: result.tokens,
    energyWh: energy?.energyWh ?? null,
    co2g: energy?.co2g ?? null,
    detail: { endpoint: facts.endpoint, stream: facts.stream, attempt, ...(result.error ? { error: result.error } : {}) },
  };
}
