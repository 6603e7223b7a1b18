import type { AuditKind, AuditRecordInput } from '../../../src/domain/index.js';

/** A complete, valid record; tests override what they care about. */
export function record(overrides: Partial<AuditRecordInput> & { kind?: AuditKind } = {}): AuditRecordInput {
  return {
    kind: 'dispatch',
    requestId: 'req-1',
    app: 'minwon-bot',
    alias: 'ko-chat',
    grade: 'S',
    purpose: 'public-service',
    highImpact: false,
    findings: { KR_RRN: 1 },
    decision: { permitted: ['onprem-llm/exaone'], denied: ['openai/gpt-4o'], rules: ['n2sf.s-domestic'] },
    provider: 'onprem-llm',
    model: 'exaone',
    operatorCountry: 'KR',
    hostingCountry: 'KR',
    mode: 'raw',
    outcome: null,
    status: null,
    latencyMs: null,
    tokens: null,
    energyWh: null,
    co2g: null,
    detail: { endpoint: 'chat', attempt: 1 },
    ...overrides,
  };
}

/** The complete record that closes a dispatch of the same request. */
export function completion(requestId: string, overrides: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return record({ kind: 'complete', requestId, outcome: 'ok', status: 200, latencyMs: 12.5, tokens: { prompt: 10, completion: 5, total: 15 }, energyWh: 0.01, co2g: 0.004, ...overrides });
}

/** `count` records alternating dispatch/complete of requests r0, r1, … (apps a0–a2, grades cycling). */
export function pairs(count: number, prefix = 'r'): AuditRecordInput[] {
  const grades = ['C', 'S', 'O'] as const;
  return Array.from({ length: count }, (_, index) => {
    const requestId = `${prefix}${index >> 1}`;
    const shared = { app: `a${(index >> 1) % 3}`, grade: grades[(index >> 1) % 3]!, provider: (index >> 1) % 2 === 0 ? 'onprem-llm' : 'cloud' };
    return index % 2 === 0 ? record({ requestId, ...shared }) : completion(requestId, shared);
  });
}
