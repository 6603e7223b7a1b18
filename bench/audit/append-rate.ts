// Append throughput with group commit: N appends from C concurrent appenders, each awaiting
// durability before its next append (as the gateway's requests do).
//   npx tsx bench/audit/append-rate.ts [sqlite] [postgres] [--records=100000] [--runs=3]
import { openLedger } from '../../src/audit/index.js';
import { parseConfig } from '../../src/config/index.js';
import { benchStore, median, numberArg, storesFromArgs } from './bench-stores.js';
import { sampleRecord } from './sample-record.js';

const records = numberArg('records', 100_000);
const runs = numberArg('runs', 3);

async function once(name: 'sqlite' | 'postgres', inFlight: number): Promise<number> {
  const target = benchStore(name);
  const ledger = await openLedger(parseConfig({ store: target.store }), { anchorTimer: false, pruneIntervalMs: null });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < records) await ledger.append(sampleRecord(next++));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const report = await ledger.verify();
  if (!report.ok || report.records !== records) throw new Error(`bench ledger did not verify: ${JSON.stringify(report.firstBad)}`);
  await ledger.close();
  await target.drop();
  return records / seconds;
}

console.log(`# audit append rate: ${records} records per run, median of ${runs} runs`);
console.log(`# command: npx tsx bench/audit/append-rate.ts ${process.argv.slice(2).join(' ')}`);
for (const name of storesFromArgs()) {
  for (const inFlight of [1, 64, 256]) {
    const count = inFlight === 1 ? Math.min(records, 5_000) : records;
    const rates: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      if (inFlight === 1) {
        // One appender: every record is its own commit (the latency floor, not a throughput figure).
        const target = benchStore(name);
        const ledger = await openLedger(parseConfig({ store: target.store }), { anchorTimer: false, pruneIntervalMs: null });
        const started = performance.now();
        for (let index = 0; index < count; index += 1) await ledger.append(sampleRecord(index));
        rates.push(count / ((performance.now() - started) / 1000));
        await ledger.close();
        await target.drop();
      } else {
        rates.push(await once(name, inFlight));
      }
    }
    console.log(`${name.padEnd(8)} in-flight ${String(inFlight).padStart(3)}: ${Math.round(median(rates)).toLocaleString('en-US').padStart(7)} records/s  (runs: ${rates.map((rate) => Math.round(rate)).join(', ')})`);
  }
}
