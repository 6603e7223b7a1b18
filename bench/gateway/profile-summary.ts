// Summarises a V8 .cpuprofile (from `overhead.ts --profile DIR`, or `node --cpu-prof`): where the busy time
// goes, by function and by area of the code.
//   npx tsx bench/gateway/profile-summary.ts FILE.cpuprofile [--top 30]
// "by area" charges each sample to the nearest jaju frame on its stack (src/<module>), so time spent inside
// node:http, undici or V8 builtins is attributed to the jaju code that called them.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: npx tsx bench/gateway/profile-summary.ts FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
const top = Number(values.top);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(src|bench|node_modules)\//, '$1/');
}

function functionKey(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'}  ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
}

function area(frame: CallFrame): string {
  const { url } = frame;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : `native ${frame.functionName || '?'}`;
  const source = /\/src\/([a-z-]+)\/(?:([a-z-]+)\/)?/.exec(url);
  if (source) return source[1] === 'gateway' && source[2] ? `src/gateway/${source[2]}` : `src/${source[1]}`;
  const bench = /\/bench\/([a-z-]+)\//.exec(url);
  if (bench) return `bench/${bench[1]}`;
  const npm = /node_modules\/(@[^/]+\/[^/]+|[^/]+)\//.exec(url);
  if (npm) return `npm ${npm[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  if (url.startsWith('wasm:')) return 'wasm';
  return shortUrl(url);
}

const selfByFunction = new Map<string, number>();
const selfByArea = new Map<string, number>();
const chargedToJaju = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const node = nodes.get(id);
  if (!node) return;
  total += delta;
  if (node.callFrame.functionName === '(idle)') {
    idle += delta;
    return;
  }
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + delta);
  add(selfByFunction, functionKey(node.callFrame));
  add(selfByArea, area(node.callFrame));
  let owner: string | undefined;
  for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
    const name = area(nodes.get(current)!.callFrame);
    if (name.startsWith('src/') || name.startsWith('bench/')) {
      owner = name;
      break;
    }
  }
  const own = area(node.callFrame);
  add(chargedToJaju, owner ?? (own.startsWith('(') ? own : `outside jaju frames: ${own.startsWith('npm') ? own : own.split(' ')[0]}`));
});

const busy = total - idle;
const print = (title: string, map: Map<string, number>, limit: number) => {
  console.log(`\n${title}`);
  for (const [key, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`${((100 * time) / busy).toFixed(1).padStart(6)}%  ${(time / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / Math.max(1, total)).toFixed(0)}%); percentages are of busy time`);
print('self time by area', selfByArea, top);
print('charged to the nearest jaju frame on the stack', chargedToJaju, top);
print('self time by function', selfByFunction, top);
