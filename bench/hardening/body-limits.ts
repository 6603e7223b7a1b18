// What the body shape limits (server.bodyLimits) cost per request, in CPU time of this process.
//   npx tsx bench/hardening/body-limits.ts [--iterations 200000]
// Bodies: the gateway benchmark's 532-byte Korean chat request; a 50-message conversation with two
// tools carrying JSON Schemas; and a hostile body nested 10,000 levels deep (refused at level 65).
// CPU time (process.cpuUsage), not wall time, so a busy shared machine skews it less.
import { parseArgs } from 'node:util';
import { JajuError } from '../../src/domain/index.js';
import { checkBodyLimits, DEFAULT_BODY_LIMITS } from '../../src/gateway/validate/body-limits.js';
import { chatRequestBody } from '../gateway/bench-workload.js';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '200000' } } });
const iterations = Number(values.iterations);

const tool = (name: string) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', properties: { city: { type: 'string' }, when: { type: 'object', properties: { date: { type: 'string' } } } }, required: ['city'] } },
});
const bodies: [string, unknown][] = [
  ['bench chat request (532 bytes)', JSON.parse(chatRequestBody('clean'))],
  [
    '50 messages + 2 tools',
    {
      model: 'ko-chat',
      messages: Array.from({ length: 50 }, (_, index) => ({ role: index % 2 === 0 ? 'user' : 'assistant', content: `민원 안내 ${index} `.repeat(20) })),
      tools: [tool('weather'), tool('office_hours')],
    },
  ],
  ['10,000 levels deep (refused)', { model: 'ko-chat', messages: [{ role: 'user', content: 'x' }], metadata: JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) }],
];

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

console.log(`command: npx tsx bench/hardening/body-limits.ts --iterations ${iterations}`);
console.log(`node ${process.version}, ${new Date().toISOString()}`);
for (const [name, body] of bodies) {
  const run = () => {
    try {
      checkBodyLimits(body, DEFAULT_BODY_LIMITS);
    } catch (error) {
      if (!(error instanceof JajuError)) throw error;
    }
  };
  const rounds = name.includes('deep') ? Math.max(1, Math.floor(iterations / 100)) : iterations;
  for (let index = 0; index < Math.min(rounds, 10_000); index += 1) run();
  const samples: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const started = cpuMicros();
    for (let index = 0; index < rounds; index += 1) run();
    samples.push((cpuMicros() - started) / rounds);
  }
  samples.sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} ${samples[2]!.toFixed(3).padStart(8)} µs CPU per check (median of 5 × ${rounds})`);
}
