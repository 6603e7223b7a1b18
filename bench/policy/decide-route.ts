// Benchmark: decideRoute for one alias with 8 targets (docs/design.md §5 packs, issue 4 target ≤ 50 µs p50 warm).
//   npx tsx bench/policy/decide-route.ts [--iterations N] [--rounds N]
// Warm: the same request shape repeated, every verdict served from the cache.
// Cold: the cache cleared before every request, so all 8 targets (×1–2 Cedar calls each) go to Cedar.
// Also reports one Cedar call (a single target, uncached) for reference.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../src/config/index.js';
import type { FindingType, Target } from '../../src/domain/index.js';
import { decideRoute, loadPolicyEngine, type PolicyRequest } from '../../src/policy/index.js';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } } });
const iterations = Number(values.iterations);
const rounds = Number(values.rounds);

const profile = (deployment: Target['profile']['deployment'], overrides: Partial<Target['profile']> = {}): Target['profile'] => ({
  operatorCountry: 'KR',
  hostingCountry: 'KR',
  deployment,
  accreditedGrades: [],
  certifications: [],
  weightsOrigin: 'KR',
  openWeights: true,
  retainsData: false,
  trainsOnData: false,
  ...overrides,
});

// Eight targets covering every tier, so both steps of the decision run for some of them.
const targets: Target[] = [
  { provider: 'openai', model: 'gpt-4.1', profile: profile('foreign-cloud', { operatorCountry: 'US', hostingCountry: 'US', retainsData: true }), order: 0 },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', profile: profile('foreign-cloud', { operatorCountry: 'US', hostingCountry: 'US', retainsData: true }), order: 1 },
  { provider: 'kr-cloud', model: 'solar-pro2', profile: profile('domestic-cloud', { certifications: ['CSAP-high'] }), order: 2 },
  { provider: 'kr-cloud-b', model: 'hyperclova-x', profile: profile('domestic-cloud', { certifications: ['CSAP-low'] }), order: 3 },
  { provider: 'us-in-kr', model: 'gpt-4.1', profile: profile('domestic-cloud', { operatorCountry: 'US', certifications: ['CSAP-medium'] }), order: 4 },
  { provider: 'gov-enclave', model: 'exaone-4.0-32b', profile: profile('national-network', { accreditedGrades: ['C'] }), order: 5 },
  { provider: 'gov-net', model: 'exaone-4.0-32b', profile: profile('national-network'), order: 6 },
  { provider: 'onprem-llm', model: 'exaone-4.0-32b', profile: profile('on-premises'), order: 7 },
];

const config = parseConfig({});
const engine = await loadPolicyEngine(config);
const pseudonymizedTypes: FindingType[] = ['KR_RRN', 'KR_FRN', 'KR_PASSPORT', 'KR_DRIVER_LICENSE', 'KR_PHONE', 'EMAIL', 'CREDIT_CARD', 'KR_BANK_ACCOUNT'];
const request: PolicyRequest = {
  app: { id: 'research-assistant', grade: 'O', purpose: 'research', highImpact: false },
  grade: 'O',
  findings: { KR_RRN: 1, KR_PHONE: 2 },
  home: 'KR',
  crisis: false,
  pseudonymizedTypes,
};
const options = { isCut: () => false, isHealthy: () => true };

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

function measure(label: string, count: number, before: () => void, body: () => void): { p50: number; p99: number; mean: number } {
  const samples = new Float64Array(count);
  for (let index = 0; index < count; index += 1) {
    before();
    const start = process.hrtime.bigint();
    body();
    samples[index] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  const mean = samples.reduce((sum, value) => sum + value, 0) / count;
  const result = { p50: percentile(samples, 50), p99: percentile(samples, 99), mean };
  console.log(`${label.padEnd(34)} p50 ${result.p50.toFixed(2).padStart(8)} µs   p99 ${result.p99.toFixed(2).padStart(8)} µs   mean ${mean.toFixed(2).padStart(8)} µs   (n=${count})`);
  return result;
}

console.log(`command: npx tsx bench/policy/decide-route.ts --iterations ${iterations} --rounds ${rounds}`);
console.log(`node ${process.version}, ${cpus().length} cpus (${cpus()[0]?.model ?? 'unknown'}), policy version ${engine.version}, ${engine.rules.length} policies`);
const check = decideRoute(engine, request, targets, options);
console.log(`decision: ${check.decision.reason}`);

const noop = () => {};
// Warm-up so that the JIT has compiled both paths before anything is recorded.
measure('warm-up (cold path)', 300, () => engine.clearCache(), () => decideRoute(engine, request, targets, options));
measure('warm-up (warm path)', 20000, noop, () => decideRoute(engine, request, targets, options));
const warm: number[] = [];
const cold: number[] = [];
for (let round = 1; round <= rounds; round += 1) {
  decideRoute(engine, request, targets, options);
  warm.push(measure(`round ${round}: warm (8 targets, cached)`, iterations, noop, () => decideRoute(engine, request, targets, options)).p50);
  cold.push(measure(`round ${round}: cold (8 targets, no cache)`, Math.max(100, Math.floor(iterations / 100)), () => engine.clearCache(), () => decideRoute(engine, request, targets, options)).p50);
}
const single = targets[0]!;
measure('one target, uncached (1–2 Cedar calls)', 500, () => engine.clearCache(), () => engine.evaluate(request, single, false));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`median p50 over ${rounds} rounds: warm ${median(warm).toFixed(2)} µs, cold ${median(cold).toFixed(2)} µs (target: warm ≤ 50 µs)`);
