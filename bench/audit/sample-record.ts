import type { AuditRecordInput } from '../../src/domain/index.js';

/** A realistic dispatch/complete record (the size and shape the gateway writes). */
export function sampleRecord(index: number): AuditRecordInput {
  const complete = index % 2 === 1;
  return {
    kind: complete ? 'complete' : 'dispatch',
    requestId: `req-${(index >> 1).toString(36).padStart(8, '0')}`,
    app: `app-${index % 7}`,
    alias: 'ko-chat',
    grade: index % 3 === 0 ? 'O' : 'S',
    purpose: 'public-service',
    highImpact: index % 11 === 0,
    findings: index % 4 === 0 ? { KR_RRN: 1, KR_PHONE: 2 } : {},
    decision: { permitted: ['onprem-llm/exaone-4.0-32b'], denied: ['openai/gpt-4o'], rules: ['n2sf.s-domestic-only', 'pipa.unique-id'] },
    provider: 'onprem-llm',
    model: 'exaone-4.0-32b',
    operatorCountry: 'KR',
    hostingCountry: 'KR',
    mode: 'raw',
    outcome: complete ? 'ok' : null,
    status: complete ? 200 : null,
    latencyMs: complete ? 123.4 + (index % 100) : null,
    tokens: complete ? { prompt: 120, completion: 80, total: 200 } : null,
    energyWh: complete ? 0.0123 : null,
    co2g: complete ? 0.0051 : null,
    detail: { endpoint: 'chat', stream: index % 2 === 0, attempt: 1 },
  };
}
