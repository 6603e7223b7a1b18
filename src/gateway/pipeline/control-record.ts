import type { AuditKind, AuditRecordInput } from '../../domain/index.js';

/** A ledger record for a control event (cut, restore, crisis): no app, no call, the event in `detail`. */
export function controlRecord(kind: AuditKind, requestId: string, detail: Record<string, unknown>): AuditRecordInput {
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
    detail,
  };
}
