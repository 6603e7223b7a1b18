import type { AuditRecordInput, FindingCounts, FindingType, Grade } from '../../src/domain/index.js';

/**
 * A synthetic but realistic ledger for the drill and indicator benchmarks, against the estate of
 * examples/jaju.yaml plus one C app: a mix of apps and aliases, finding types and counts, failovers
 * and denials, spread over the last `spanMs` so that `--since 7d` covers it.
 */

interface Target {
  provider: string;
  model: string;
  operatorCountry: string;
  hostingCountry: string;
}

const T = {
  onprem: { provider: 'onprem-llm', model: 'exaone-4.0-32b', operatorCountry: 'KR', hostingCountry: 'KR' },
  onpremEmbed: { provider: 'onprem-llm', model: 'bge-m3', operatorCountry: 'KR', hostingCountry: 'KR' },
  enclave: { provider: 'gov-enclave', model: 'exaone-4.0-32b', operatorCountry: 'KR', hostingCountry: 'KR' },
  krcloud: { provider: 'kr-cloud', model: 'solar-pro2', operatorCountry: 'KR', hostingCountry: 'KR' },
  openai: { provider: 'openai', model: 'gpt-4.1', operatorCountry: 'US', hostingCountry: 'US' },
  anthropic: { provider: 'anthropic', model: 'claude-sonnet-4-5', operatorCountry: 'US', hostingCountry: 'US' },
} satisfies Record<string, Target>;

/** app, alias, grade, weight, the targets it is served by (first, then failover). */
const MIX: { app: string; alias: string; grade: Grade; purpose: string; weight: number; plan: Target[] }[] = [
  { app: 'minwon-bot', alias: 'ko-chat', grade: 'S', purpose: 'public-service', weight: 40, plan: [T.onprem, T.krcloud] },
  { app: 'minwon-bot', alias: 'embed', grade: 'S', purpose: 'public-service', weight: 10, plan: [T.onpremEmbed] },
  { app: 'research-assistant', alias: 'frontier', grade: 'O', purpose: 'research', weight: 20, plan: [T.krcloud, T.anthropic, T.openai] },
  { app: 'research-assistant', alias: 'ko-chat', grade: 'O', purpose: 'research', weight: 15, plan: [T.onprem, T.krcloud, T.openai] },
  { app: 'research-assistant', alias: 'embed', grade: 'O', purpose: 'research', weight: 5, plan: [T.onpremEmbed] },
  { app: 'defence-analyst', alias: 'secure-chat', grade: 'C', purpose: 'defence', weight: 10, plan: [T.onprem, T.enclave] },
];
const TOTAL_WEIGHT = MIX.reduce((sum, item) => sum + item.weight, 0);
const TYPES: FindingType[] = ['KR_RRN', 'KR_PHONE', 'EMAIL', 'PERSON_NAME', 'KR_ADDRESS', 'KR_BANK_ACCOUNT'];

/** Deterministic PRNG (mulberry32), so every run builds the same ledger. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Yields at least `records` ledger records (request by request), oldest first, ending at `end`. */
export function* syntheticRecords(records: number, end: number, spanMs = 6.5 * 86_400_000, seed = 42): Generator<AuditRecordInput> {
  const next = random(seed);
  // About 2.1 records per request on average.
  const requests = Math.ceil(records / 2.1);
  const step = spanMs / requests;
  let emitted = 0;
  for (let index = 0; emitted < records; index += 1) {
    const time = end - spanMs + index * step;
    const iso = (offset: number) => new Date(time + offset).toISOString();
    let pick = next() * TOTAL_WEIGHT;
    const item = MIX.find((candidate) => (pick -= candidate.weight) < 0) ?? MIX[0]!;
    const findings: FindingCounts = {};
    if (next() < 0.3) findings[TYPES[Math.floor(next() * TYPES.length)]!] = 1 + Math.floor(next() * 3);
    if (next() < 0.1) findings[TYPES[Math.floor(next() * TYPES.length)]!] = 1;
    const requestId = `bench-${index}`;
    const base = {
      requestId,
      app: item.app,
      alias: item.alias,
      grade: item.grade,
      purpose: item.purpose,
      highImpact: false,
      findings,
      decision: { permitted: item.plan.map((target) => `${target.provider}/${target.model}`), denied: [], rules: ['n2sf.bench'] },
      energyWh: null,
      co2g: null,
    };
    const roll = next();
    if (roll < 0.04) {
      yield { ...base, kind: 'deny', time: iso(0), provider: null, model: null, operatorCountry: null, hostingCountry: null, mode: null, outcome: 'denied', status: 403, latencyMs: null, tokens: null, detail: { endpoint: 'chat', reason: 'bench' } };
      emitted += 1;
      continue;
    }
    const attempts = roll < 0.09 && item.plan.length > 1 ? 2 : 1;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const target = item.plan[attempt - 1]!;
      const mode = item.grade === 'O' && target.operatorCountry !== 'KR' && Object.keys(findings).length > 0 ? 'pseudonymized' : 'raw';
      const call = { ...base, ...target, mode } as const;
      yield { ...call, kind: 'dispatch', time: iso(attempt), outcome: null, status: null, latencyMs: null, tokens: null, detail: { endpoint: 'chat', stream: false, attempt } };
      const ok = attempt === attempts;
      const completion = 50 + Math.floor(next() * 400);
      yield {
        ...call,
        kind: 'complete',
        time: iso(attempt + 300),
        outcome: ok ? 'ok' : 'error',
        status: ok ? 200 : 502,
        latencyMs: 300,
        tokens: ok ? { prompt: 200, completion, total: 200 + completion } : null,
        detail: { endpoint: 'chat', stream: false, attempt },
      };
      emitted += 2;
    }
  }
}
