// Benchmark: a five-year plan on 10,000 applications over 50 sites (target ≤ 5 s).
//   npx tsx bench/compute/plan.ts [--runs 3]
import { parseArgs } from 'node:util';
import { runPlan, scenarioFromFile } from '../../src/control/compute/plan/run-plan.js';
import { scenarioSchema } from '../../src/control/compute/plan/scenario-schema.js';
import { syntheticProgramme } from './synthetic.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const base = syntheticProgramme(50, 10_000);
const scenario = scenarioFromFile(
  scenarioSchema.parse({
    startYear: 2026,
    years: 5,
    sites: '-',
    applications: '-',
    policy: '-',
    utilisation: 0.7,
    defaultDemandGrowth: 0.3,
    demandGrowth: { 'sovereign-foundation': 0.5 },
    arrivals: [
      { year: 2027, site: 'site-00', gpus: [{ type: 'B200', count: 4096, watts: 1000 }], powerMW: 6 },
      { year: 2028, newSite: { id: 'national-centre', region: 'Jeonnam', operator: 'spc', ownership: 'public', powerBudgetMW: 40, pue: 1.25, accreditedGrades: ['S'], gpus: [{ type: 'B200', count: 15000, watts: 1000 }, { type: 'RNGD', count: 8192, watts: 150 }] } },
      { year: 2030, site: 'site-01', gpus: [{ type: 'H200', count: 2048, watts: 700 }], powerMW: 2 },
    ],
    retirements: [{ year: 2030, site: 'site-02', type: 'H100', count: 512 }],
  }),
  base,
);
const times: number[] = [];
let lastYear = '';
for (let run = 0; run < Number(values.runs); run++) {
  const start = performance.now();
  const report = runPlan(scenario);
  times.push(performance.now() - start);
  const last = report.years.at(-1)!;
  lastYear = `${last.year}: ${last.usableGpus.toLocaleString('en-US')} usable, ${last.requestedGpus.toLocaleString('en-US')} requested, ${last.grantedGpus.toLocaleString('en-US')} granted`;
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
console.log(`command: npx tsx bench/compute/plan.ts --runs ${values.runs}`);
console.log(`input: 50 sites (+1 in 2028), ${base.applications.length.toLocaleString('en-US')} applications, 5 years; ${lastYear}`);
console.log(`five-year plan: median ${median.toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
console.log(`target ≤ 5,000 ms: ${median <= 5000 ? 'met' : 'MISSED'}`);
