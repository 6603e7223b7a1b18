// Benchmark: `jaju drill run` and `jaju indicators` over a 1,000,000-record SQLite ledger
// (issue 6 targets: drill run ≤ 30 s, indicators ≤ 10 s).
//   npx tsx bench/drill/drill-bench.ts [--records 1000000] [--dir /tmp/jaju-drill-bench] [--runs 3] [--rebuild]
// 1. Builds the ledger through the ledger's own API (openLedger().append, many appends in flight so
//    that group commit packs up to 1,000 records per transaction), unless a fresh one is already there.
// 2. Runs the real CLI (bin/jaju.js) as a child process, --runs times each, and reports the median
//    wall time (process start-up included).
// 3. Times the phases in-process once: ledger scan alone, runDrill, computeIndicators.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { openLedger } from '../../src/audit/index.js';
import { loadConfigFile, packageRoot } from '../../src/config/index.js';
import { loadScenario, runDrill } from '../../src/control/drill/index.js';
import { computeIndicators } from '../../src/control/indicators/index.js';
import { loadPolicyEngine } from '../../src/policy/index.js';
import { syntheticRecords } from './synthetic-workload.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    dir: { type: 'string', default: join(tmpdir(), 'jaju-drill-bench') },
    runs: { type: 'string', default: '3' },
    rebuild: { type: 'boolean', default: false },
  },
});
const recordCount = Number(values.records);
const runs = Number(values.runs);
const dir = values.dir!;
const root = packageRoot();
const scenarioFile = join(root, 'examples', 'drills', 'onprem-down.yaml');
const configFile = join(dir, 'jaju.json');

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** examples/jaju.yaml with the ledger in the bench folder and one C app added. */
function writeConfig(): void {
  mkdirSync(dir, { recursive: true });
  const example = parse(readFileSync(join(root, 'examples', 'jaju.yaml'), 'utf8')) as Record<string, unknown> & { apps: unknown[] };
  const config = {
    ...example,
    store: { sqlite: join(dir, 'jaju.db') },
    apps: [...example.apps, { id: 'defence-analyst', keySha256: 'a'.repeat(64), grade: 'C', purpose: 'defence', criticality: 5 }],
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
}

async function ledgerIsReady(): Promise<boolean> {
  if (values.rebuild || !existsSync(join(dir, 'jaju.db'))) return false;
  const ledger = await openLedger(loadConfigFile(configFile), { readOnly: true });
  try {
    const head = await ledger.head();
    const first = await ledger.get(1);
    // The drill below replays --since 30d: a ledger older than that would replay nothing.
    return head !== null && head.seq >= recordCount && first !== null && Date.parse(first.time) > Date.now() - 29 * 86_400_000;
  } finally {
    await ledger.close();
  }
}

async function buildLedger(): Promise<void> {
  for (const name of ['jaju.db', 'jaju.db-wal', 'jaju.db-shm', 'jaju.db.anchor']) rmSync(join(dir, name), { force: true });
  const ledger = await openLedger(loadConfigFile(configFile), { anchorTimer: false });
  const started = performance.now();
  let pending: Promise<unknown>[] = [];
  let written = 0;
  for (const record of syntheticRecords(recordCount, Date.now())) {
    pending.push(ledger.append(record));
    written += 1;
    // Enough appends in flight for full group-commit batches, without holding a million promises.
    if (pending.length === 20_000) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  await ledger.close();
  const elapsed = performance.now() - started;
  console.log(`built ledger: ${written.toLocaleString('en-US')} records in ${seconds(elapsed)} (${Math.round(written / (elapsed / 1000)).toLocaleString('en-US')} records/s through openLedger().append)`);
}

/** GNU time, when installed, adds the child's CPU time: on a shared, busy machine it varies far less than wall time. */
const GNU_TIME = '/usr/bin/time';

function timeCli(args: string[]): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  const withTime = existsSync(GNU_TIME);
  for (let run = 0; run < runs; run += 1) {
    const command = withTime ? GNU_TIME : process.execPath;
    const commandArgs = withTime ? ['-f', 'cpu-seconds %U %S', process.execPath, join(root, 'bin', 'jaju.js'), ...args] : [join(root, 'bin', 'jaju.js'), ...args];
    const started = performance.now();
    const result = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    wall.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`jaju ${args.join(' ')} failed (exit ${result.status}): ${result.stderr}`);
    const measured = /cpu-seconds ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
    if (measured) cpu.push((Number(measured[1]) + Number(measured[2])) * 1000);
  }
  return { wall, cpu };
}

function report(args: string[], times: { wall: number[]; cpu: number[] }, target: string): void {
  console.log(`jaju ${args.join(' ')}`);
  console.log(`  wall time per run: ${times.wall.map(seconds).join(', ')}; median ${seconds(median(times.wall))} (target ${target})`);
  if (times.cpu.length > 0) console.log(`  CPU time (user+sys) per run: ${times.cpu.map(seconds).join(', ')}; median ${seconds(median(times.cpu))}`);
}

async function phases(): Promise<void> {
  const config = loadConfigFile(configFile);
  const since = new Date(Date.now() - 30 * 86_400_000);
  const ledger = await openLedger(config, { readOnly: true });
  try {
    let started = performance.now();
    let count = 0;
    for await (const _ of ledger.scan({ sinceTime: since.toISOString() })) count += 1;
    console.log(`  phase: ledger.scan alone             ${seconds(performance.now() - started)} (${count.toLocaleString('en-US')} records)`);
    const engine = await loadPolicyEngine(config);
    started = performance.now();
    const report = await runDrill({ config, engine, scenario: loadScenario(scenarioFile), from: since, records: ledger.scan({ sinceTime: since.toISOString() }) });
    console.log(`  phase: runDrill (scan + replay)      ${seconds(performance.now() - started)} (${report.totals.recorded.toLocaleString('en-US')} requests, score ${report.continuity.score?.toFixed(4)})`);
    started = performance.now();
    const indicators = await computeIndicators(ledger.scan({ sinceTime: since.toISOString() }), { config, from: since });
    console.log(`  phase: computeIndicators (scan + sum) ${seconds(performance.now() - started)} (${indicators.records.toLocaleString('en-US')} records, HHI ${indicators.concentration.byOperator.hhi?.toFixed(0)})`);
  } finally {
    await ledger.close();
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`);
console.log(`command: npx tsx bench/drill/drill-bench.ts --records ${recordCount} --dir ${dir} --runs ${runs}${values.rebuild ? ' --rebuild' : ''}`);
writeConfig();
if (await ledgerIsReady()) console.log(`reusing the ledger in ${dir} (--rebuild to build it again)`);
else await buildLedger();

const drillArgs = ['drill', 'run', '--config', configFile, '--scenario', scenarioFile, '--since', '30d', '--format', 'json', '--out', join(dir, 'drill.json')];
report(drillArgs, timeCli(drillArgs), '≤ 30 s');
const indicatorArgs = ['indicators', '--config', configFile, '--since', '30d', '--json'];
report(indicatorArgs, timeCli(indicatorArgs), '≤ 10 s');
await phases();
