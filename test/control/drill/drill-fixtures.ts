import { createHash } from 'node:crypto';
import type { ConfigInput } from '../../../src/config/index.js';
import type { AuditRecord, AuditRecordInput, FindingCounts, Grade } from '../../../src/domain/index.js';

/**
 * A small estate shared by the drill tests: an on-premises cluster, a national-network enclave
 * accredited for C, a CSAP-high domestic cloud and a US vendor. Base URLs are filled in by the tests
 * that call upstreams; offline drills never call them.
 */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const APP_KEYS = { minwon: 'minwon-key', research: 'research-key', defence: 'defence-key' } as const;

export function estateConfig(options: { baseUrls?: Partial<Record<'onprem' | 'enclave' | 'krcloud' | 'openai', string>>; sqlite?: string } = {}): ConfigInput {
  const url = (id: 'onprem' | 'enclave' | 'krcloud' | 'openai') => options.baseUrls?.[id] ?? 'http://127.0.0.1:9/v1';
  const fast = { maxRetries: 0, timeoutMs: 5_000 };
  return {
    home: 'KR',
    server: { logLevel: 'silent', adminKeyEnv: 'DRILL_TEST_ADMIN_KEY' },
    ...(options.sqlite ? { store: { sqlite: options.sqlite } } : {}),
    providers: [
      {
        id: 'onprem',
        type: 'openai-compatible',
        baseUrl: url('onprem'),
        ...fast,
        sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises', weightsOrigin: 'KR', openWeights: true, retainsData: false, trainsOnData: false },
      },
      {
        id: 'enclave',
        type: 'openai-compatible',
        baseUrl: url('enclave'),
        ...fast,
        sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'national-network', accreditedGrades: ['C'], weightsOrigin: 'KR', openWeights: true, retainsData: false, trainsOnData: false },
      },
      {
        id: 'krcloud',
        type: 'openai-compatible',
        baseUrl: url('krcloud'),
        ...fast,
        sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'domestic-cloud', certifications: ['CSAP-high'], weightsOrigin: 'KR', retainsData: false, trainsOnData: false },
      },
      {
        id: 'openai',
        type: 'openai-compatible',
        baseUrl: url('openai'),
        ...fast,
        sovereignty: { operatorCountry: 'US', hostingCountry: 'US', deployment: 'foreign-cloud', weightsOrigin: 'US', retainsData: true, trainsOnData: false },
      },
    ],
    models: [
      { alias: 'chat', targets: [{ provider: 'onprem', model: 'exaone' }, { provider: 'krcloud', model: 'solar' }, { provider: 'openai', model: 'gpt' }] },
      { alias: 'gpt', targets: [{ provider: 'openai', model: 'gpt' }] },
      { alias: 'embed', targets: [{ provider: 'onprem', model: 'bge-m3' }] },
      { alias: 'secure', targets: [{ provider: 'enclave', model: 'exaone' }, { provider: 'onprem', model: 'exaone' }] },
    ],
    apps: [
      { id: 'minwon', keySha256: sha256(APP_KEYS.minwon), grade: 'S', purpose: 'public-service', criticality: 3 },
      { id: 'research', keySha256: sha256(APP_KEYS.research), grade: 'O', purpose: 'research', criticality: 1 },
      { id: 'defence', keySha256: sha256(APP_KEYS.defence), grade: 'C', purpose: 'defence', criticality: 5 },
    ],
  };
}

/** Synthetic request records (the shape the gateway writes), for replay tests that need exact times. */
export function requestRecord(
  seq: number,
  time: string,
  fields: { app: string; alias: string; grade: Grade; findings?: FindingCounts; kind?: 'dispatch' | 'deny' | 'complete'; attempt?: number; provider?: string; outcome?: 'ok' | 'error' | 'denied' },
): AuditRecord {
  const kind = fields.kind ?? 'dispatch';
  return {
    seq,
    time,
    kind,
    requestId: `r${seq}`,
    app: fields.app,
    alias: fields.alias,
    grade: fields.grade,
    purpose: 'test',
    highImpact: false,
    findings: fields.findings ?? {},
    decision: { permitted: [], denied: [], rules: [] },
    provider: fields.provider ?? null,
    model: null,
    operatorCountry: null,
    hostingCountry: null,
    mode: kind === 'deny' ? null : 'raw',
    outcome: kind === 'deny' ? 'denied' : (fields.outcome ?? null),
    status: kind === 'deny' ? 403 : null,
    latencyMs: null,
    tokens: null,
    energyWh: null,
    co2g: null,
    detail: kind === 'deny' ? { endpoint: 'chat' } : { endpoint: 'chat', stream: false, attempt: fields.attempt ?? 1 },
    prevHash: '',
    hash: '',
  };
}

export async function* iterate<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

/** The record as a writer supplies it (the ledger assigns seq and the hashes). */
export function recordInput(record: AuditRecord): AuditRecordInput {
  const { seq: _seq, prevHash: _prevHash, hash: _hash, ...input } = record;
  return input;
}
