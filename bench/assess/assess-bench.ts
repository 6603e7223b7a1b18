// Benchmark: `jaju assess` of a 10,000-component estate with the evidence of a 1,000,000-record ledger
// (issue 18 target: ≤ 3 s).
//   npx tsx bench/assess/assess-bench.ts [--components 10000] [--records 1000000] [--dir /tmp/jaju-assess-bench] [--runs 3] [--rebuild]
// 1. Builds the ledger through the ledger's own API (bench/drill's synthetic workload), unless a fresh
//    one is already in --dir; writes the synthetic inventory next to it as JSON (what an asset-database
//    export gives; the CLI run reads it) and as YAML (timed as a phase, for comparison).
// 2. Runs the real CLI (bin/jaju.js) --runs times and reports the median wall time (start-up included).
// 3. Times the phases in-process once: inventory load + validation, ledger evidence (indicators over
//    the window and saved drills), the pure assessment, JSON and HTML rendering.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { openLedger } from '../../src/audit/index.js';
import { loadConfigFile, packageRoot } from '../../src/config/index.js';
import { assess, gatewayEvidenceSource, inventoryComponents, loadAnswersFile, loadInventoryFile, renderAssessmentHtml, resolveWeights } from '../../src/control/assess/index.js';
import { syntheticRecords } from '../drill/synthetic-workload.js';
import { syntheticInventory } from './synthetic-estate.js';

const { values } = parseArgs({
  options: {
    components: { type: 'string', default: '10000' },
    records: { type: 'string', default: '1000000' },
    dir: { type: 'string', default: join(tmpdir(), 'jaju-assess-bench') },
    runs: { type: 'string', default: '3' },
    rebuild: { type: 'boolean', default: false },
  },
});
const componentCount = Number(values.components);
const recordCount = Number(values.records);
const runs = Number(values.runs);
const dir = values.dir!;
const root = packageRoot();
const configFile = join(dir, 'jaju.json');
const inventoryFile = join(dir, 'inventory.json');
const inventoryYaml = join(dir, 'inventory.yaml');
const answersFile = join(root, 'examples', 'assess', 'answers.yaml');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;

function writeInputs(): void {
  mkdirSync(dir, { recursive: true });
  const example = parse(readFileSync(join(root, 'examples', 'jaju.yaml'), 'utf8')) as Record<string, unknown> & { apps: unknown[] };
  const config = { ...example, store: { sqlite: join(dir, 'jaju.db') }, apps: [...example.apps, { id: 'defence-analyst', keySha256: 'a'.repeat(64), grade: 'C', purpose: 'defence', criticality: 5 }] };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const inventory = syntheticInventory(componentCount);
  writeFileSync(inventoryFile, JSON.stringify(inventory));
  writeFileSync(inventoryYaml, stringify(inventory));
}

async function ledgerIsReady(): Promise<boolean> {
  if (values.rebuild || !existsSync(join(dir, 'jaju.db'))) return false;
  const ledger = await openLedger(loadConfigFile(configFile), { readOnly: true });
  try {
    const head = await ledger.head();
    const first = await ledger.get(1);
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
  for (const record of syntheticRecords(recordCount, Date.now())) {
    pending.push(ledger.append(record));
    if (pending.length === 20_000) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  await ledger.close();
  console.log(`built ledger: ${recordCount.toLocaleString('en-US')} records in ${seconds(performance.now() - started)}`);
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
    const result = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    wall.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`jaju ${args.join(' ')} failed (exit ${result.status}): ${result.stderr}`);
    const measured = /cpu-seconds ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
    if (measured) cpu.push((Number(measured[1]) + Number(measured[2])) * 1000);
  }
  return { wall, cpu };
}

async function phases(): Promise<void> {
  let started = performance.now();
  const loaded = loadInventoryFile(inventoryFile);
  const components = inventoryComponents(loaded.inventory);
  console.log(`  phase: inventory read + validate      ${seconds(performance.now() - started)} (${components.length.toLocaleString('en-US')} components, JSON)`);
  started = performance.now();
  loadInventoryFile(inventoryYaml);
  console.log(`  (the same inventory as YAML           ${seconds(performance.now() - started)})`);
  const config = loadConfigFile(configFile);
  const since = new Date(Date.now() - 30 * 86_400_000);
  started = performance.now();
  const evidence = await gatewayEvidenceSource(config).collect({ bloc: { home: 'KR', allies: ['JP'] }, components, claims: loaded.inventory.claims, since });
  console.log(`  phase: ledger evidence (indicators)   ${seconds(performance.now() - started)} (${evidence.summary.records?.toLocaleString('en-US')} records)`);
  started = performance.now();
  const assessment = assess({ estate: loaded.inventory.estate, inventory: inventoryFile, components, answers: { file: answersFile, content: loadAnswersFile(answersFile) }, weights: resolveWeights('document', root), observed: [evidence], withEvidence: true });
  console.log(`  phase: assess (rules, scores, HHI)    ${seconds(performance.now() - started)} (overall SEAL ${assessment.overall.seal}, score ${assessment.overall.score.toFixed(1)})`);
  started = performance.now();
  const json = JSON.stringify(assessment);
  console.log(`  phase: JSON                           ${seconds(performance.now() - started)} (${(json.length / 1e6).toFixed(1)} MB)`);
  started = performance.now();
  const html = renderAssessmentHtml(assessment);
  console.log(`  phase: HTML                           ${seconds(performance.now() - started)} (${(html.length / 1e6).toFixed(1)} MB)`);
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`);
console.log(`command: npx tsx bench/assess/assess-bench.ts --components ${componentCount} --records ${recordCount} --dir ${dir} --runs ${runs}${values.rebuild ? ' --rebuild' : ''}`);
writeInputs();
if (await ledgerIsReady()) console.log(`reusing the ledger in ${dir} (--rebuild to build it again)`);
else await buildLedger();
const args = ['assess', '--inventory', inventoryFile, '--answers', answersFile, '--config', configFile, '--since', '30d', '--format', 'json', '--out', join(dir, 'assessment.json')];
// The CLI runs the built code (dist/) when it is fresh; otherwise it would compile src/ through tsx on every run.
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-needed'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
const times = timeCli(args);
console.log(`jaju ${args.join(' ')}`);
console.log(`  wall time per run: ${times.wall.map(seconds).join(', ')}; median ${seconds(median(times.wall))} (target ≤ 3 s)`);
if (times.cpu.length > 0) console.log(`  CPU time (user+sys) per run: ${times.cpu.map(seconds).join(', ')}; median ${seconds(median(times.cpu))}`);
await phases();
