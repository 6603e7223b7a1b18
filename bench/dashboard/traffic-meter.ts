// The dashboard's live traffic meter sits on the request path (every appended ledger record is
// observed). This measures what it costs there: time per observed record, garbage per record, and
// what a dashboard poll (snapshot) costs.
//   npx tsx --expose-gc bench/dashboard/traffic-meter.ts
import { performance } from 'node:perf_hooks';
import type { AuditRecordInput } from '../../src/domain/index.js';
import { TrafficMeter } from '../../src/console/traffic-meter.js';

const providers = Array.from({ length: 12 }, (_, index) => ({
  id: `provider-${index}`,
  hostingCountry: index < 6 ? 'KR' : index < 9 ? 'US' : 'JP',
  deployment: (['on-premises', 'national-network', 'domestic-cloud', 'foreign-cloud'] as const)[index % 4]!,
}));

function base(kind: AuditRecordInput['kind'], index: number): AuditRecordInput {
  const provider = providers[index % providers.length]!;
  return {
    kind,
    requestId: `r${index}`,
    app: 'app',
    alias: 'chat',
    grade: (['C', 'S', 'O'] as const)[index % 3]!,
    purpose: 'general',
    highImpact: false,
    findings: {},
    decision: null,
    provider: kind === 'deny' ? null : provider.id,
    model: 'm',
    operatorCountry: provider.hostingCountry,
    hostingCountry: kind === 'deny' ? null : provider.hostingCountry,
    mode: 'raw',
    outcome: kind === 'complete' ? (index % 50 === 0 ? 'error' : 'ok') : kind === 'deny' ? 'denied' : null,
    status: 200,
    latencyMs: kind === 'complete' ? 20 + (index % 400) : null,
    tokens: kind === 'complete' ? { prompt: 100, completion: 50, total: 150 } : null,
    energyWh: null,
    co2g: null,
    detail: { attempt: 1 },
  };
}

// A realistic stream: per request a dispatch and a complete, one request in ten denied.
const RECORDS = 4096;
const stream: AuditRecordInput[] = [];
for (let index = 0; stream.length < RECORDS; index += 1) {
  if (index % 10 === 9) stream.push(base('deny', index));
  else stream.push(base('dispatch', index), base('complete', index));
}

const gc = (globalThis as { gc?: () => void }).gc;
const rounds = 5;
const perRound = 2_000_000;
const nsPerRecord: number[] = [];
const bytesPerRecord: number[] = [];
let fakeNow = Date.now();
const meter = new TrafficMeter({ home: 'KR', providers, windowSeconds: 900, clock: () => fakeNow });
for (let round = 0; round < rounds; round += 1) {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let index = 0; index < perRound; index += 1) {
    if ((index & 1023) === 0) fakeNow += 37; // time moves: rows rotate as in production
    meter.observe(stream[index & (RECORDS - 1)]!);
  }
  const elapsed = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed;
  nsPerRecord.push((elapsed * 1e6) / perRound);
  bytesPerRecord.push((heapAfter - heapBefore) / perRound);
}

const snapshotMs: Record<string, number[]> = { '300s/5s': [], '900s/15s': [] };
for (let round = 0; round < 50; round += 1) {
  for (const [label, options] of [['300s/5s', { seconds: 300, stepSeconds: 5 }], ['900s/15s', { seconds: 900, stepSeconds: 15 }]] as const) {
    const started = performance.now();
    meter.snapshot(options);
    snapshotMs[label]!.push(performance.now() - started);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log('command: npx tsx --expose-gc bench/dashboard/traffic-meter.ts');
console.log(`observe(): median ${median(nsPerRecord).toFixed(1)} ns per record over ${rounds} rounds of ${perRound.toLocaleString('en')} (all: ${nsPerRecord.map((value) => value.toFixed(1)).join(', ')})`);
console.log(
  gc
    ? `heap growth: median ${median(bytesPerRecord).toFixed(3)} bytes per record (all: ${bytesPerRecord.map((value) => value.toFixed(3)).join(', ')})`
    : 'heap growth: run with --expose-gc to measure',
);
for (const [label, values] of Object.entries(snapshotMs)) console.log(`snapshot(${label}): median ${median(values).toFixed(2)} ms, max ${Math.max(...values).toFixed(2)} ms (12 providers)`);
