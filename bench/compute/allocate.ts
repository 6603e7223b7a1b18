// Benchmark: allocate 10,000 applications over 50 sites, then export the Kueue objects (validated against
// the vendored CRDs, as `jaju allocate --kueue` does, and serialised to YAML) and the Slurm script.
// Target: allocation plus both exports ≤ 3 s and ≤ 300 MB RSS.
//   npx tsx bench/compute/allocate.ts [--sites 50] [--applications 10000] [--runs 7]
import { parseArgs } from 'node:util';
import { allocate } from '../../src/control/compute/engine/allocate.js';
import { allManifests, exportKueue } from '../../src/control/compute/export/kueue-export.js';
import { kueueFiles } from '../../src/control/compute/export/kueue-files.js';
import { exportSlurm } from '../../src/control/compute/export/slurm-export.js';
import { manifestsValid, validateKueueManifests } from '../../src/control/compute/kueue/validate-manifests.js';
import { reportFromAllocation } from '../../src/control/compute/report/allocation-report.js';
import { syntheticProgramme } from './synthetic.js';

const { values } = parseArgs({ options: { sites: { type: 'string', default: '50' }, applications: { type: 'string', default: '10000' }, runs: { type: 'string', default: '7' } } });
const input = syntheticProgramme(Number(values.sites), Number(values.applications));
const installed = input.sites.flatMap((site) => site.gpus).reduce((sum, pool) => sum + pool.count, 0);

const phases = { allocate: [] as number[], report: [] as number[], kueue: [] as number[], validate: [] as number[], yaml: [] as number[], slurm: [] as number[], total: [] as number[] };
let granted = 0;
let objects = 0;
let slurmLines = 0;
// RSS is sampled after every phase. One pass is what a `jaju allocate --kueue DIR --slurm FILE` process
// uses; later runs in the same process also carry the garbage of earlier ones until the collector runs.
let firstRunRss = 0;
let peakRss = process.memoryUsage().rss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
for (let run = 0; run < Number(values.runs); run++) {
  const marks = [performance.now()];
  const allocation = allocate(input);
  marks.push(performance.now());
  sample();
  const report = reportFromAllocation(allocation);
  marks.push(performance.now());
  sample();
  const manifests = exportKueue(allocation);
  marks.push(performance.now());
  sample();
  if (!manifestsValid(validateKueueManifests(allManifests(manifests)))) throw new Error('the exported Kueue objects do not validate');
  marks.push(performance.now());
  sample();
  const bytes = kueueFiles(manifests, input.policy).reduce((sum, file) => sum + file.text.length, 0);
  marks.push(performance.now());
  sample();
  const script = exportSlurm(allocation);
  marks.push(performance.now());
  sample();
  (['allocate', 'report', 'kueue', 'validate', 'yaml', 'slurm'] as const).forEach((phase, index) => phases[phase].push(marks[index + 1]! - marks[index]!));
  phases.total.push(marks.at(-1)! - marks[0]!);
  granted = report.totals.grantedGpus;
  objects = allManifests(manifests).length;
  slurmLines = script.split('\n').length;
  if (run === 0) firstRunRss = peakRss;
  if (bytes === 0) throw new Error('no Kueue files');
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const ms = (list: number[]) => `${median(list).toFixed(0)} ms`;
console.log(`command: npx tsx bench/compute/allocate.ts --sites ${values.sites} --applications ${values.applications} --runs ${values.runs}`);
console.log(`input: ${input.sites.length} sites, ${installed.toLocaleString('en-US')} accelerators installed, ${input.applications.length.toLocaleString('en-US')} applications; granted ${granted.toLocaleString('en-US')}`);
console.log(`output: ${objects.toLocaleString('en-US')} Kueue objects, a ${slurmLines.toLocaleString('en-US')}-line Slurm script`);
console.log(`median of ${values.runs} runs: allocate (incl. explanations) ${ms(phases.allocate)} · report ${ms(phases.report)} · Kueue objects ${ms(phases.kueue)} · CRD validation ${ms(phases.validate)} · YAML ${ms(phases.yaml)} · Slurm ${ms(phases.slurm)}`);
console.log(`total: median ${ms(phases.total)}, first (cold) run ${phases.total[0]!.toFixed(0)} ms, max ${Math.max(...phases.total).toFixed(0)} ms`);
console.log(`RSS: peak ${(firstRunRss / 2 ** 20).toFixed(0)} MB in the first pass (one CLI run); ${(peakRss / 2 ** 20).toFixed(0)} MB over all ${values.runs} runs`);
console.log(`target ≤ 3,000 ms and ≤ 300 MB: ${median(phases.total) <= 3000 && firstRunRss <= 300 * 2 ** 20 ? 'met' : 'MISSED'}`);
