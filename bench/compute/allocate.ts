// Benchmark: allocate 10,000 applications over 50 sites (target ≤ 2 s), and the report on top.
//   npx tsx bench/compute/allocate.ts [--sites 50] [--applications 10000] [--runs 7]
import { parseArgs } from 'node:util';
import { allocate } from '../../src/control/compute/engine/allocate.js';
import { reportFromAllocation } from '../../src/control/compute/report/allocation-report.js';
import { syntheticProgramme } from './synthetic.js';

const { values } = parseArgs({ options: { sites: { type: 'string', default: '50' }, applications: { type: 'string', default: '10000' }, runs: { type: 'string', default: '7' } } });
const input = syntheticProgramme(Number(values.sites), Number(values.applications));
const installed = input.sites.flatMap((site) => site.gpus).reduce((sum, pool) => sum + pool.count, 0);

const allocateMs: number[] = [];
const reportMs: number[] = [];
let granted = 0;
for (let run = 0; run < Number(values.runs); run++) {
  const start = performance.now();
  const allocation = allocate(input);
  const allocated = performance.now();
  const report = reportFromAllocation(allocation);
  reportMs.push(performance.now() - allocated);
  allocateMs.push(allocated - start);
  granted = report.totals.grantedGpus;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`command: npx tsx bench/compute/allocate.ts --sites ${values.sites} --applications ${values.applications} --runs ${values.runs}`);
console.log(`input: ${input.sites.length} sites, ${installed.toLocaleString('en-US')} accelerators installed, ${input.applications.length.toLocaleString('en-US')} applications; granted ${granted.toLocaleString('en-US')}`);
console.log(`allocate (incl. explanations): median ${median(allocateMs).toFixed(0)} ms, min ${Math.min(...allocateMs).toFixed(0)} ms, max ${Math.max(...allocateMs).toFixed(0)} ms (first run ${allocateMs[0]!.toFixed(0)} ms)`);
console.log(`report on top:                 median ${median(reportMs).toFixed(0)} ms`);
console.log(`target ≤ 2,000 ms: ${median(allocateMs) + median(reportMs) <= 2000 ? 'met' : 'MISSED'}`);
