/**
 * Detector throughput on realistic mixed Korean text (single core), and linear time on pathological
 * input.
 *
 *   npx tsx bench/detect/throughput.ts [--runs 7]
 *
 * MB = 10^6 bytes of UTF-8. "cpu" divides by the process's CPU time, which stays meaningful when
 * other processes share the machine; "wall" divides by elapsed time.
 */
import { parseArgs } from 'node:util';
import { detect, scanChatRequest } from '../../src/detect/index.js';
import { machineLine, measure, median } from './machine.js';
import { realisticText } from './realistic-text.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);

console.log(machineLine());

// ---- realistic text ---------------------------------------------------------------------------
const text = realisticText(4 * 1024 * 1024);
const bytes = Buffer.byteLength(text);
const messages: string[] = [];
let current = '';
for (const paragraph of text.split('\n\n')) {
  current = current === '' ? paragraph : `${current}\n\n${paragraph}`;
  if (Buffer.byteLength(current) >= 4096) {
    messages.push(current);
    current = '';
  }
}
if (current !== '') messages.push(current);

function throughput(label: string, work: () => void): void {
  work(); // warm-up
  work();
  const samples = Array.from({ length: runs }, () => measure(work));
  const wall = median(samples.map((sample) => sample.wallMs));
  const cpu = median(samples.map((sample) => sample.cpuMs));
  // The best run is the least disturbed by other processes on a shared machine.
  const best = Math.min(...samples.map((sample) => sample.cpuMs));
  const rate = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6);
  console.log(`${label.padEnd(40)} median wall ${rate(wall)} MB/s   median cpu ${rate(cpu)} MB/s   best cpu ${rate(best)} MB/s   (${runs} runs)`);
}

console.log(`\nrealistic mixed Korean text: ${(bytes / 1e6).toFixed(2)} MB UTF-8, ${text.length} UTF-16 units, ~20% of paragraphs with personal data, ${detect(text).length} findings`);
throughput('detect(), one 4 MB text', () => detect(text));
throughput(`detect(), ${messages.length} messages of ~4 KB`, () => {
  for (const message of messages) detect(message);
});
const requests = messages.map((message) => ({ model: 'ko-chat', messages: [{ role: 'user', content: message }] }));
throughput(`scanChatRequest(), ${requests.length} requests of ~4 KB`, () => {
  for (const request of requests) scanChatRequest(request);
});

// ---- pathological input: time at n and 2n (linear ⇒ ratio ≈ 2) --------------------------------
console.log('\npathological input: milliseconds at n and 2n characters (linear time ⇒ ratio ≈ 2)');
const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const cases: [string, (length: number) => string][] = [
  ['digits', (length) => repeat('1', length)],
  ['digits and spaces', (length) => repeat('1 ', length)],
  ['phone-like groups', (length) => repeat('010-1234-', length)],
  ['one Latin letter', (length) => repeat('a', length)],
  ['one Hangul syllable', (length) => repeat('가', length)],
  ['surname syllable', (length) => repeat('김', length)],
  ['at signs', (length) => repeat('@', length)],
  ['a@ pairs', (length) => repeat('a@', length)],
  ['colons', (length) => repeat(':', length)],
  ['hex and colons', (length) => repeat('ab:', length)],
  ['spaces', (length) => repeat(' ', length)],
  ['label words', (length) => repeat('성명 ', length)],
  ['road words', (length) => repeat('로 1', length)],
  ['nested JSON text', (length) => `${'{"a":'.repeat(length / 10)}"x"${'}'.repeat(length / 10)}`],
];
function timeOf(work: () => void): number {
  return median(Array.from({ length: 3 }, () => measure(work).cpuMs));
}
const base = 500_000;
for (const [name, make] of cases) {
  const small = make(base);
  const large = make(base * 2);
  detect(small);
  const smallMs = timeOf(() => detect(small));
  const largeMs = timeOf(() => detect(large));
  console.log(`${name.padEnd(22)} ${String(base).padStart(9)}: ${smallMs.toFixed(1).padStart(7)} ms   ${String(base * 2).padStart(9)}: ${largeMs.toFixed(1).padStart(7)} ms   ratio ${(largeMs / smallMs).toFixed(2)}`);
}
const hundredThousandDigits = '7'.repeat(100_000);
console.log(`100,000 digits: ${timeOf(() => detect(hundredThousandDigits)).toFixed(2)} ms`);
const oneMegabyte = 'ㅋ'.repeat(1_000_000);
console.log(`1 MB of one repeated character (ㅋ ×1,000,000): ${timeOf(() => detect(oneMegabyte)).toFixed(2)} ms`);
for (const depth of [25_000, 50_000]) {
  const nested = `${'['.repeat(depth)}"010-1234-5678"${']'.repeat(depth)}`;
  let escaped = JSON.stringify({ phone: '010-1234-5678' });
  for (let level = 0; level < 12; level++) escaped = JSON.stringify({ inner: escaped });
  const body = {
    model: 'm',
    messages: [
      { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: nested } }] },
      { role: 'tool', tool_call_id: 'a', content: escaped },
    ],
  };
  console.log(`scanChatRequest with JSON nested ${depth} deep + a string escaped 12 times (${escaped.length} chars): ${timeOf(() => scanChatRequest(body)).toFixed(1)} ms`);
}
console.log('\ncommand: npx tsx bench/detect/throughput.ts --runs ' + runs);
