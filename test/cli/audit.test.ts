import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run-cli.js';
import { openLedger } from '../../src/audit/index.js';
import { recordHash } from '../../src/audit/chain-hash.js';
import { parseConfig } from '../../src/config/index.js';
import type { AuditRecord } from '../../src/domain/index.js';
import { runJaju } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { completion, record } from '../audit/helpers/records.js';
import { sqliteTamper } from '../audit/helpers/tamper.js';

const QUIET = { anchorTimer: false, pruneIntervalMs: null } as const;

/** A folder with a config file whose ledger holds two complete calls, one cut-short call and a denial. */
async function ledgerFolder(): Promise<{ dir: string; configFile: string; database: string }> {
  const dir = tempDir();
  const configFile = join(dir, 'jaju.yaml');
  writeFileSync(configFile, 'store:\n  sqlite: ./ledger/audit.db\n');
  const ledger = await openLedger(parseConfig({ store: { sqlite: './ledger/audit.db' } }, null, dir), QUIET);
  const times = ['2026-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z', '2026-01-10T00:00:00.000Z'];
  await ledger.append(record({ requestId: 'one', time: times[0] }));
  await ledger.append(completion('one', { time: times[0] }));
  await ledger.append(record({ requestId: 'two', time: times[1], findings: { KR_RRN: 1, KR_PHONE: 2 } }));
  await ledger.append(record({ requestId: 'cut-short', time: times[1] }));
  await ledger.append(completion('two', { time: times[1] }));
  await ledger.append(record({ kind: 'deny', requestId: 'three', outcome: 'denied', status: 403, time: times[2], detail: { reason: 'S data, "foreign" cloud, no' } }));
  await ledger.close();
  return { dir, configFile, database: join(dir, 'ledger', 'audit.db') };
}

describe('jaju audit verify', () => {
  let folder: Awaited<ReturnType<typeof ledgerFolder>>;
  before(async () => {
    folder = await ledgerFolder();
  });

  it('prints a one-line summary, lists incomplete pairs honestly, and exits 0', async () => {
    const { code, stdout, stderr } = await runJaju(['audit', 'verify', '--config', folder.configFile]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'ok: 6 records, head seq 6, 1 incomplete pair');
    assert.equal(lines[1], '  incomplete: seq 4 request cut-short');
    assert.match(lines[2]!, /^note: 1 dispatch record has no complete record: .*does not fail verification\.$/);
  });

  it('gives the full report as JSON with --json', async () => {
    const { code, stdout } = await runJaju(['audit', 'verify', '--json', '--config', folder.configFile]);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as { ok: boolean; records: number; incomplete: unknown[] };
    assert.equal(report.ok, true);
    assert.equal(report.records, 6);
    assert.deepEqual(report.incomplete, [{ seq: 4, requestId: 'cut-short' }]);
  });

  it('names the first broken record and exits 1', async () => {
    const broken = await ledgerFolder();
    const tamper = sqliteTamper(broken.database);
    await tamper.exec(`UPDATE audit_records SET body = replace(body, '"KR_PHONE":2', '"KR_PHONE":0') WHERE seq = 3`);
    await tamper.close();
    const { code, stdout } = await runJaju(['audit', 'verify', '--config', broken.configFile]);
    assert.equal(code, 1);
    assert.match(stdout.split('\n')[0]!, /^BROKEN at seq 3: edited — record 3's content no longer matches its hash/);
    const json = await runJaju(['audit', 'verify', '--json', '--config', broken.configFile]);
    assert.equal(json.code, 1);
    assert.deepEqual((JSON.parse(json.stdout) as { firstBad: { seq: number; damage: string } }).firstBad.seq, 3);
  });

  it('uses ./data/jaju.db without --config, and says so when there is no ledger', async () => {
    const empty = tempDir();
    const missing = await runJaju(['audit', 'verify'], { cwd: empty });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^jaju audit: no audit ledger at .*data\/jaju\.db\n$/);
    const ledger = await openLedger(parseConfig({}, null, empty), QUIET);
    await ledger.append(record({ kind: 'cut', requestId: null, detail: { scope: { provider: 'x' } } }));
    await ledger.close();
    const found = await runJaju(['audit', 'verify'], { cwd: empty });
    assert.equal(found.code, 0);
    assert.equal(found.stdout, 'ok: 1 record, head seq 1, 0 incomplete pairs\n');
  });

  it('rejects bad flags with a one-line error and exit 2', async () => {
    for (const args of [['audit', 'verify', '--frobnicate'], ['audit'], ['audit', 'shred'], ['audit', 'export', '--format', 'xml'], ['audit', 'export', '--since', 'last tuesday']]) {
      const { code, stderr } = await runJaju(args, { cwd: folder.dir });
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^jaju audit: .+\n$/, args.join(' '));
    }
  });
});

describe('jaju audit export', () => {
  let folder: Awaited<ReturnType<typeof ledgerFolder>>;
  before(async () => {
    folder = await ledgerFolder();
  });

  it('streams canonical JSONL that can be re-checked line by line', async () => {
    const { code, stdout } = await runJaju(['audit', 'export', '--config', folder.configFile]);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 6);
    let previous = '0'.repeat(64);
    for (const [index, line] of lines.entries()) {
      const parsed = JSON.parse(line) as AuditRecord;
      assert.equal(parsed.seq, index + 1);
      assert.equal(parsed.prevHash, previous);
      // The line without its "hash" member is the hashed body (hash sorts between findings and highImpact).
      const body = line.replace(/,"hash":"[0-9a-f]{64}"/, '');
      assert.equal(recordHash(parsed.prevHash, body), parsed.hash);
      previous = parsed.hash;
    }
  });

  it('exports from a time with --since (ISO or relative)', async () => {
    const since = await runJaju(['audit', 'export', '--since', '2026-01-05', '--config', folder.configFile]);
    assert.deepEqual(since.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as AuditRecord).seq), [3, 4, 5, 6]);
    const recent = await runJaju(['audit', 'export', '--since', '7d', '--config', folder.configFile]);
    assert.equal(recent.code, 0);
    assert.equal(recent.stdout, '', 'nothing in the ledger is from the last 7 days');
  });

  it('stops quietly when the reader closes the pipe (jaju audit export | head)', async () => {
    let lines = 0;
    const stdout = new Writable({
      highWaterMark: 1,
      write(_chunk: Buffer, _encoding, callback) {
        lines += 1;
        callback(lines > 2 ? Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }) : null);
      },
    });
    const stderr = new PassThrough();
    let errors = '';
    stderr.on('data', (chunk) => (errors += String(chunk)));
    const code = await runCli(['audit', 'export', '--config', folder.configFile], { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: folder.dir });
    assert.equal(code, 0);
    assert.equal(errors, '');
    assert.ok(lines < 6, 'the export stopped at the closed pipe');
  });

  it('writes CSV with a header and flattened nested fields', async () => {
    const { code, stdout } = await runJaju(['audit', 'export', '--format', 'csv', '--config', folder.configFile]);
    assert.equal(code, 0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    const columns = header!.split(',');
    assert.deepEqual(columns.slice(0, 4), ['seq', 'time', 'kind', 'requestId']);
    assert.equal(rows.length, 6);
    const cell = (row: string, name: string) => {
      // Cells here contain no quoted commas except detail, which is last but two.
      const values = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((value) => value.replace(/,$/, ''));
      return values[columns.indexOf(name)];
    };
    assert.equal(cell(rows[2]!, 'findings'), 'KR_PHONE:2;KR_RRN:1');
    assert.equal(cell(rows[2]!, 'rules'), 'n2sf.s-domestic');
    assert.equal(cell(rows[1]!, 'totalTokens'), '15');
    assert.equal(cell(rows[5]!, 'detail'), '"{""reason"":""S data, \\""foreign\\"" cloud, no""}"');
    assert.equal(cell(rows[0]!, 'outcome'), '');
  });
});
