import { NO_CALL, type AuditOutcome, type AuditRecordInput, type Decision, type DecisionSummary, type FindingCounts, type Grade, type SendMode } from '../../domain/index.js';
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


function base(facts: RequestFacts, summary: DecisionSummary) {
  return {
    requestId: facts.requestId,
    app: facts.caller.app.id,
    alias: facts.alias,
    grade: facts.grade,
    purpose: facts.caller.app.purpose,
    highImpact: facts.caller.app.highImpact,
    findings: facts.findings,
    decision: summary,
  };
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
