// Benchmark: the `jaju eval` runner against a fast fake model (loopback, its own process).
// Targets (issue 19): runner overhead ≤ 1 ms per item; a 10,000-item run at concurrency 32 ≤ 60 s.
//   npx tsx bench/eval/eval-bench.ts [--items 10000] [--concurrency 32] [--runs 3]
// "Overhead" is the runner process's own CPU time per item (prompt, hash, HTTP client, extraction,
// cache append, scoring), measured apart from the model's process: wall time on a shared machine
// moves with everything else, CPU time per item much less.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AnswerCache, cacheDirectory, ChatEndpoint, runEvaluation, scoreEvaluation, type EvalSettings } from '../../src/control/evaluate/index.js';
import { suiteJsonl, syntheticSuite } from '../../test/control/evaluate/suite-fixtures.js';
import { reapedChildrenCpuSeconds, treeCpuSeconds } from '../gateway/process-cpu.js';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const { values } = parseArgs({ options: { items: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '32' }, runs: { type: 'string', default: '3' } } });
const items = Number(values.items);
const concurrency = Number(values.concurrency);
const runs = Number(values.runs);
const suite = syntheticSuite(items, 'bench');
const work = mkdtempSync(join(tmpdir(), 'jaju-eval-bench-'));
writeFileSync(join(work, 'bench.jsonl'), suiteJsonl(suite));
const settings: EvalSettings = { shots: 0, maxTokens: 32, target: 0.95, reference: null, seed: 19, resamples: 10_000, via: { mode: 'url', url: 'bench' } };

const model = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'eval', 'fast-model.ts'), '--items', String(items)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve) => createInterface({ input: model.stdout! }).once('line', resolve));

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

async function once(dataDir: string, readCache: boolean) {
  const endpoint = new ChatEndpoint({ url, apiKey: 'bench', connections: concurrency, timeoutMs: 30_000, retries: 3, backoffMs: 100, maxBackoffMs: 5000 });
  const cache = new AnswerCache(cacheDirectory(dataDir), readCache, 'bench');
  cache.load([suite.name], ['fast']);
  const modelCpu = treeCpuSeconds(model.pid!);
  const cpuStart = cpu();
  const start = performance.now();
  const run = await runEvaluation({ suites: [suite], models: ['fast'], prompt: { shots: 0, maxTokens: 32 }, source: endpoint, cache, concurrency });
  const report = scoreEvaluation(run, { suites: [suite], settings, requests: endpoint.requests });
  const wallMs = performance.now() - start;
  const runnerCpu = cpu() - cpuStart;
  cache.close();
  await endpoint.close();
  if (report.runs[0]!.correct !== items) throw new Error(`expected ${items} correct, got ${report.runs[0]!.correct}`);
  return { wallMs, runnerCpuMsPerItem: (runnerCpu * 1000) / items, modelCpuMsPerItem: ((treeCpuSeconds(model.pid!) - modelCpu) * 1000) / items, requests: endpoint.requests };
}

console.log(`command: npx tsx bench/eval/eval-bench.ts --items ${items} --concurrency ${concurrency} --runs ${runs}`);
console.log(`suite: ${items.toLocaleString('en-US')} synthetic four-option items; model: loopback fake in its own process, answers at once`);
const fresh: Awaited<ReturnType<typeof once>>[] = [];
const cached: Awaited<ReturnType<typeof once>>[] = [];
for (let index = 0; index < runs; index++) {
  const dataDir = join(work, `run-${index}`);
  fresh.push(await once(dataDir, true));
  cached.push(await once(dataDir, true));
}
for (const [label, list] of [
  ['asked (HTTP)', fresh],
  ['from cache  ', cached],
] as const) {
  console.log(
    `module API, ${label}: wall ${list.map((entry) => (entry.wallMs / 1000).toFixed(2)).join(', ')} s (median ${(median(list.map((entry) => entry.wallMs)) / 1000).toFixed(2)} s); ` +
      `runner CPU per item ${list.map((entry) => entry.runnerCpuMsPerItem.toFixed(3)).join(', ')} ms (median ${median(list.map((entry) => entry.runnerCpuMsPerItem)).toFixed(3)} ms); ` +
      `model CPU per item ${median(list.map((entry) => entry.modelCpuMsPerItem)).toFixed(3)} ms; requests ${list[0]!.requests}`,
  );
}

// The whole command, as a user runs it: start-up, reading the 10,000-line suite, the run, scoring, saving the run.
const cliWall: number[] = [];
const cliCpu: number[] = [];
for (let index = 0; index < runs; index++) {
  const dataDir = join(work, `cli-${index}`);
  const before = reapedChildrenCpuSeconds();
  const start = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'bin', 'jaju.js'), 'eval', 'run', '--suite', join(work, 'bench.jsonl'), '--models', 'fast', '--url', url, '--key-env', 'BENCH_KEY', '--concurrency', String(concurrency), '--data', dataDir, '--format', 'json', '--quiet'], {
    cwd: root,
    env: { ...process.env, BENCH_KEY: 'bench' },
    maxBuffer: 64 * 1024 * 1024,
  });
  cliWall.push(performance.now() - start);
  cliCpu.push(reapedChildrenCpuSeconds() - before);
  if (result.status !== 0) throw new Error(`jaju eval run failed: ${String(result.stderr)}`);
  const correct = (JSON.parse(String(result.stdout)) as { runs: { correct: number }[] }).runs[0]!.correct;
  if (correct !== items) throw new Error(`CLI: expected ${items} correct, got ${correct}`);
}
console.log(
  `jaju eval run (CLI, fresh cache): wall ${cliWall.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s (median ${(median(cliWall) / 1000).toFixed(2)} s); ` +
    `process CPU ${cliCpu.map((seconds) => seconds.toFixed(2)).join(', ')} s`,
);
const overhead = median(fresh.map((entry) => entry.runnerCpuMsPerItem));
console.log(`target runner overhead ≤ 1 ms per item: ${overhead <= 1 ? 'met' : 'MISSED'} (${overhead.toFixed(3)} ms)`);
console.log(`target ${items.toLocaleString('en-US')} items at concurrency ${concurrency} ≤ 60 s: ${median(cliWall) <= 60_000 ? 'met' : 'MISSED'} (${(median(cliWall) / 1000).toFixed(2)} s)`);
model.kill('SIGTERM');
rmSync(work, { recursive: true, force: true });
