// verify, scan and dashboard paging over a large ledger (default 1,000,000 records).
// The ledger is filled through the stores' own append path in large batches (the same chaining,
// hashing and insert code as group commit, just bigger transactions) so that filling is quick.
//   npx tsx bench/audit/verify-scan.ts [sqlite] [postgres] [--records=1000000] [--runs=3]
import { openLedger } from '../../src/audit/index.js';
import { prepareRow } from '../../src/audit/prepare-row.js';
import { openPostgresStore } from '../../src/audit/postgres-store.js';
import { openSqliteStore } from '../../src/audit/sqlite-store.js';
import { parseConfig } from '../../src/config/index.js';
import postgres from 'postgres';
import { benchStore, median, numberArg, storesFromArgs } from './bench-stores.js';
import { sampleRecord } from './sample-record.js';

const records = numberArg('records', 1_000_000);
const runs = numberArg('runs', 3);
const FILL_BATCH = 5_000;

console.log(`# audit verify/scan/query over ${records.toLocaleString('en-US')} records, median of ${runs} runs`);
console.log(`# command: npx tsx bench/audit/verify-scan.ts ${process.argv.slice(2).join(' ')}`);
for (const name of storesFromArgs()) {
  const target = benchStore(name);
  const store = 'sqlite' in target.store ? await openSqliteStore(target.store.sqlite, { readOnly: false }) : await openPostgresStore(target.store.postgres, { readOnly: false });
  const start = Date.UTC(2026, 0, 1);
  let filled = performance.now();
  for (let from = 0; from < records; from += FILL_BATCH) {
    const batch = [];
    for (let index = from; index < Math.min(records, from + FILL_BATCH); index += 1) {
      batch.push(prepareRow({ ...sampleRecord(index), time: new Date(start + index * 1000).toISOString() }, () => new Date()).pending);
    }
    await store.appendRows(batch);
  }
  filled = (performance.now() - filled) / 1000;
  await store.close();
  if ('postgres' in target.store) {
    // A bulk fill outruns autovacuum: give the planner the statistics and visibility map a running ledger has.
    const sql = postgres(target.store.postgres, { onnotice: () => undefined, max: 1 });
    await sql`VACUUM ANALYZE audit_records`;
    await sql.end();
  }
  console.log(`${name}: filled ${records.toLocaleString('en-US')} records in ${filled.toFixed(1)} s (${Math.round(records / filled).toLocaleString('en-US')} records/s in ${FILL_BATCH}-record transactions)`);

  const ledger = await openLedger(parseConfig({ store: target.store }), { readOnly: true });
  const verifyTimes: number[] = [];
  const scanTimes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    let started = performance.now();
    const report = await ledger.verify();
    verifyTimes.push((performance.now() - started) / 1000);
    if (!report.ok || report.records !== records) throw new Error(`did not verify: ${JSON.stringify(report.firstBad)}`);
    started = performance.now();
    let seen = 0;
    let tokens = 0;
    for await (const entry of ledger.scan()) {
      seen += 1;
      tokens += entry.tokens?.total ?? 0;
    }
    scanTimes.push((performance.now() - started) / 1000);
    if (seen !== records || tokens <= 0) throw new Error('scan lost records');
  }
  const memory = process.memoryUsage().rss / 1024 / 1024;
  console.log(`${name}: verify ${median(verifyTimes).toFixed(2)} s (runs: ${verifyTimes.map((time) => time.toFixed(2)).join(', ')}) = ${Math.round(records / median(verifyTimes)).toLocaleString('en-US')} records/s`);
  console.log(`${name}: scan   ${median(scanTimes).toFixed(2)} s (runs: ${scanTimes.map((time) => time.toFixed(2)).join(', ')}) = ${Math.round(records / median(scanTimes)).toLocaleString('en-US')} records/s; rss after ${Math.round(memory)} MiB`);

  // Dashboard paging: first page and a page deep in the ledger, with a selective filter.
  const pageTimes: Record<string, number[]> = { newest: [], 'app filter': [], 'app+grade+time, deep cursor': [], 'count app': [] };
  for (let run = 0; run < 20; run += 1) {
    let started = performance.now();
    await ledger.query({ limit: 50 });
    pageTimes['newest']!.push(performance.now() - started);
    started = performance.now();
    await ledger.query({ limit: 50, app: 'app-3' });
    pageTimes['app filter']!.push(performance.now() - started);
    started = performance.now();
    await ledger.query({ limit: 50, app: 'app-3', grade: 'S', from: '2026-01-02T00:00:00Z', to: '2026-01-05T00:00:00Z', cursor: String(Math.floor(records / 3)) });
    pageTimes['app+grade+time, deep cursor']!.push(performance.now() - started);
    if (run < 3) {
      started = performance.now();
      await ledger.query({ limit: 50, app: 'app-3', withTotal: true });
      pageTimes['count app']!.push(performance.now() - started);
    }
  }
  console.log(`${name}: query pages (median ms): ${Object.entries(pageTimes).map(([label, times]) => `${label} ${median(times).toFixed(2)}`).join('; ')}`);
  await ledger.close();
  await target.drop();
}
