import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditRecordError, AuditStoreError, openLedger, type AuditLedger } from '../../../src/audit/index.js';
import { recordHash } from '../../../src/audit/chain-hash.js';
import { GENESIS_HASH } from '../../../src/audit/record-row.js';
import { isJajuError, type AuditRecord } from '../../../src/domain/index.js';
import { editAndRehash, forge, renumber, rowAt, swap } from './forge.js';
import { completion, pairs, record } from './records.js';
import { POPULATED_RECORDS, type StoreHarness, type TestStore } from './store-harness.js';

const QUIET = { anchorTimer: false, pruneIntervalMs: null } as const;

async function verifyOf(store: TestStore) {
  const ledger = await openLedger(store.config, { readOnly: true });
  try {
    return await ledger.verify();
  } finally {
    await ledger.close();
  }
}

async function withTamper<T>(store: TestStore, act: (tamper: ReturnType<TestStore['tamper']>) => Promise<T>): Promise<T> {
  const tamper = store.tamper();
  try {
    return await act(tamper);
  } finally {
    await tamper.close();
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/**
 * The behaviour both stores must share (docs/design.md §4.6, issue 5): run once per store by
 * ledger-sqlite.test.ts and ledger-postgres.test.ts.
 */
export function ledgerContract(harness: StoreHarness): void {
  after(() => harness.dispose());

  describe('append', () => {
    let store: TestStore;
    let ledger: AuditLedger;
    before(async () => {
      store = await harness.fresh();
      ledger = await openLedger(store.config, QUIET);
    });
    after(async () => {
      await ledger.close();
      await store.cleanup();
    });

    it('chains the first record from the genesis hash and reads it back unchanged', async () => {
      const appended = await ledger.append(record({ requestId: 'first', time: '2026-03-01T09:00:00+09:00' }));
      assert.equal(appended.seq, 1);
      assert.equal(appended.prevHash, GENESIS_HASH);
      assert.equal(appended.time, '2026-03-01T00:00:00.000Z', 'times are stored as UTC ISO with milliseconds');
      assert.match(appended.hash, /^[0-9a-f]{64}$/);
      assert.deepEqual(await ledger.get(1), appended);
      assert.deepEqual(await ledger.head(), { seq: 1, hash: appended.hash });
      assert.equal(await ledger.get(999), null);
    });

    it('gives concurrent appends distinct consecutive seqs in one valid chain', async () => {
      const before = (await ledger.head())?.seq ?? 0;
      const appended = await Promise.all(pairs(300, 'c').map((input) => ledger.append(input)));
      const seqs = appended.map((entry) => entry.seq).sort((a, b) => a - b);
      assert.deepEqual(seqs, Array.from({ length: 300 }, (_, index) => before + index + 1));
      const bySeq = new Map(appended.map((entry) => [entry.seq, entry]));
      for (const entry of appended) {
        const previous = bySeq.get(entry.seq - 1);
        if (previous !== undefined) assert.equal(entry.prevHash, previous.hash, `record ${entry.seq} links to ${entry.seq - 1}`);
      }
      const report = await ledger.verify();
      assert.equal(report.ok, true, JSON.stringify(report.firstBad));
      assert.equal(report.records, before + 300);
    });

    it('keeps numbers, Unicode and nested detail exactly as written', async () => {
      await ledger.append(record({ requestId: 'exact' }));
      const appended = await ledger.append(
        completion('exact', {
          app: '민원-봇 😀',
          purpose: 'tab\there "quoted" \\ back\u0001slash\u2028',
          latencyMs: 0.1 + 0.2,
          energyWh: 1e-7,
          co2g: 123456789.125,
          status: 503,
          tokens: { prompt: 0, completion: 2 ** 40, total: 2 ** 40 },
          findings: { PERSON_NAME: 3, KR_RRN: 1, EMAIL: 2 },
          detail: { z: [1, 'two', { '€': null, é: true }], a: -0.5, nested: { deep: ['😀', ''] } },
        }),
      );
      const read = await ledger.get(appended.seq);
      assert.deepEqual(read, appended);
      assert.equal(read?.latencyMs, 0.30000000000000004);
      assert.deepEqual(Object.keys(read!.findings), ['EMAIL', 'KR_RRN', 'PERSON_NAME']);
      assert.equal((await ledger.verify()).ok, true);
    });

    it('rejects a malformed record alone while the batch it would have joined commits', async () => {
      const results = await Promise.allSettled([
        ledger.append(record({ requestId: 'good-1' })),
        ledger.append(record({ requestId: 'bad', latencyMs: Number.NaN })),
        ledger.append(record({ requestId: 'bad-kind', kind: 'telepathy' as never })),
        ledger.append(record({ requestId: 'bad-text', app: 'lone \ud800 surrogate' })),
        ledger.append(record({ requestId: 'good-2' })),
      ]);
      assert.deepEqual(
        results.map((result) => result.status),
        ['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled'],
      );
      for (const result of results) {
        if (result.status === 'rejected') assert.ok(result.reason instanceof AuditRecordError, String(result.reason));
      }
      const page = await ledger.query({ requestId: 'bad' });
      assert.equal(page.records.length, 0);
    });

    it('rejects appends with audit_unavailable when the store fails, writes nothing, and recovers', async () => {
      const before = await ledger.head();
      await withTamper(store, (tamper) => tamper.exec('DELETE FROM audit_chain'));
      const failed = await ledger.append(record({ requestId: 'during-failure' })).then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(failed instanceof AuditStoreError, `expected AuditStoreError, got ${String(failed)}`);
      assert.ok(isJajuError(failed) && failed.code === 'audit_unavailable' && failed.status === 503);
      assert.deepEqual(await ledger.head(), before, 'nothing was written');
      await withTamper(store, (tamper) => tamper.exec('INSERT INTO audit_chain (id, seq, hash) VALUES (1, ?, ?)', before!.seq, before!.hash));
      const after = await ledger.append(record({ requestId: 'after-failure' }));
      assert.equal(after.seq, before!.seq + 1);
      assert.equal((await ledger.verify()).ok, true);
    });

    it('refuses appends after close', async () => {
      const other = await openLedger(store.config, QUIET);
      await other.close();
      await assert.rejects(other.append(record()), AuditStoreError);
    });
  });

  describe('query and scan', () => {
    let store: TestStore;
    let ledger: AuditLedger;
    let written: AuditRecord[];
    before(async () => {
      store = await harness.fresh();
      ledger = await openLedger(store.config, QUIET);
      written = [];
      const inputs = pairs(60).map((input, index) => ({ ...input, time: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString() }));
      for (const input of inputs) written.push(await ledger.append(input));
      written.push(await ledger.append(record({ kind: 'deny', requestId: 'denied-1', outcome: 'denied', status: 403, time: '2026-01-01T02:00:00.000Z' })));
    });
    after(async () => {
      await ledger.close();
      await store.cleanup();
    });

    it('pages newest first with a cursor until every record was seen once', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<AuditLedger['query']>> = await ledger.query({ limit: 7, cursor });
        seen.push(...page.records.map((entry) => entry.seq));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(seen, written.map((entry) => entry.seq).reverse());
    });

    it('pages oldest first on request and reports the total', async () => {
      const first = await ledger.query({ order: 'asc', limit: 5, withTotal: true });
      assert.deepEqual(first.records.map((entry) => entry.seq), [1, 2, 3, 4, 5]);
      assert.equal(first.total, written.length);
      const second = await ledger.query({ order: 'asc', limit: 5, cursor: first.nextCursor });
      assert.deepEqual(second.records.map((entry) => entry.seq), [6, 7, 8, 9, 10]);
      assert.deepEqual(second.records, written.slice(5, 10));
    });

    it('filters by app, grade, provider, outcome, kind, requestId and time, combined', async () => {
      const matches = (predicate: (entry: AuditRecord) => boolean) => written.filter(predicate).map((entry) => entry.seq).reverse();
      const seqs = async (filter: Parameters<AuditLedger['query']>[0]) => (await ledger.query({ limit: 1000, ...filter })).records.map((entry) => entry.seq);
      assert.deepEqual(await seqs({ app: 'a1' }), matches((entry) => entry.app === 'a1'));
      assert.deepEqual(await seqs({ grade: 'C' }), matches((entry) => entry.grade === 'C'));
      assert.deepEqual(await seqs({ provider: 'cloud', kind: 'complete' }), matches((entry) => entry.provider === 'cloud' && entry.kind === 'complete'));
      assert.deepEqual(await seqs({ outcome: 'denied' }), [61]);
      assert.deepEqual(await seqs({ kind: ['deny', 'dispatch'], app: 'a0' }), matches((entry) => (entry.kind === 'deny' || entry.kind === 'dispatch') && entry.app === 'a0'));
      assert.deepEqual(await seqs({ requestId: 'r7' }), [16, 15]);
      assert.deepEqual(await seqs({ from: '2026-01-01T00:10:00Z', to: '2026-01-01T00:13:00.000Z' }), [13, 12, 11]);
      const counted = await ledger.query({ app: 'a2', withTotal: true, limit: 3 });
      assert.equal(counted.total, written.filter((entry) => entry.app === 'a2').length);
      assert.equal(counted.records.length, 3);
      assert.notEqual(counted.nextCursor, null);
    });

    it('rejects bad paging input as invalid_request', async () => {
      for (const filter of [{ limit: 0 }, { limit: 1001 }, { cursor: 'abc' }, { from: 'yesterday' }, { kind: 'nope' as never }]) {
        await assert.rejects(ledger.query(filter), (error: unknown) => isJajuError(error) && error.code === 'invalid_request', JSON.stringify(filter));
      }
    });

    it('scans in seq order from a time, a seq, or for some kinds only', async () => {
      assert.deepEqual(await collect(ledger.scan()), written);
      assert.deepEqual(
        (await collect(ledger.scan({ sinceTime: '2026-01-01T00:55:00.000Z' }))).map((entry) => entry.seq),
        written.filter((entry) => entry.time >= '2026-01-01T00:55:00.000Z').map((entry) => entry.seq),
      );
      assert.deepEqual((await collect(ledger.scan({ fromSeq: 58 }))).map((entry) => entry.seq), [58, 59, 60, 61]);
      assert.deepEqual(
        (await collect(ledger.scan({ kinds: ['deny', 'dispatch'], fromSeq: 55 }))).map((entry) => entry.kind),
        ['dispatch', 'dispatch', 'dispatch', 'deny'],
      );
      assert.deepEqual(await collect(ledger.scan({ sinceTime: '2030-01-01T00:00:00.000Z' })), []);
    });

    it('streams past one page (2,000 records) without losing or repeating any', async () => {
      const big = await harness.fresh();
      const bigLedger = await openLedger(big.config, QUIET);
      try {
        await Promise.all(pairs(2_101, 'big').map((input) => bigLedger.append(input)));
        let expected = 1;
        for await (const entry of bigLedger.scan()) {
          assert.equal(entry.seq, expected);
          expected += 1;
        }
        assert.equal(expected, 2_102);
      } finally {
        await bigLedger.close();
        await big.cleanup();
      }
    });
  });

  describe('verify names the damage and the seq', () => {
    const broken = async (damage: (tamper: ReturnType<TestStore['tamper']>) => Promise<void>) => {
      const store = await harness.populated();
      try {
        await withTamper(store, damage);
        return await verifyOf(store);
      } finally {
        await store.cleanup();
      }
    };

    it('passes an intact chain', async () => {
      const store = await harness.populated();
      try {
        const report = await verifyOf(store);
        assert.equal(report.ok, true);
        assert.equal(report.records, POPULATED_RECORDS);
        assert.equal(report.head?.seq, POPULATED_RECORDS);
        assert.equal(report.firstBad, undefined);
        assert.deepEqual(report.incomplete, []);
        assert.deepEqual(report.orphans, []);
      } finally {
        await store.cleanup();
      }
    });

    it('edited: a field changed in place', async () => {
      const report = await broken((tamper) => tamper.exec(`UPDATE audit_records SET body = replace(body, '"app":"a2"', '"app":"a9"') WHERE seq = 5`));
      assert.equal(report.ok, false);
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['edited', 5]);
      assert.equal(report.records, 4, 'records before the damage were checked');
    });

    it('edited: a field changed and the record re-hashed', async () => {
      const report = await broken((tamper) => editAndRehash(tamper, 5, (body) => body.replace('"kind":"dispatch"', '"kind":"deny"')).then(() => undefined));
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['edited', 5]);
      assert.match(report.firstBad!.message, /re-hashed/);
    });

    it('a filter column cannot be set apart from the hashed record', async () => {
      const store = await harness.populated();
      try {
        await withTamper(store, async (tamper) => {
          // SQLite refuses the write (generated column); PostgreSQL's trigger re-derives the value.
          await tamper.exec("UPDATE audit_records SET app = 'hidden', kind = 'deny' WHERE seq = 5").catch(() => undefined);
          assert.deepEqual(await tamper.rows('SELECT app, kind FROM audit_records WHERE seq = 5'), [{ app: 'a2', kind: 'dispatch' }]);
        });
        assert.equal((await verifyOf(store)).ok, true);
      } finally {
        await store.cleanup();
      }
    });

    it('deleted: a record removed', async () => {
      const report = await broken((tamper) => tamper.exec('DELETE FROM audit_records WHERE seq = 5'));
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['deleted', 5]);
    });

    it('deleted: records removed and the rest renumbered to close the gap', async () => {
      const report = await broken(async (tamper) => {
        await tamper.exec('DELETE FROM audit_records WHERE seq IN (5, 6)');
        await renumber(tamper, 7, -2);
      });
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['deleted', 5]);
    });

    it('reordered: two neighbours swapped', async () => {
      const report = await broken((tamper) => swap(tamper, 5, 6));
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['reordered', 5]);
    });

    it('reordered: two distant records swapped', async () => {
      const report = await broken((tamper) => swap(tamper, 4, 11));
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['reordered', 4]);
      assert.match(report.firstBad!.message, /written as seq 11/);
    });

    it('inserted: a forged record with a correct hash and link, the rest pushed along', async () => {
      const report = await broken(async (tamper) => {
        const previous = await rowAt(tamper, 4);
        await renumber(tamper, 5, 1);
        const forged = forge(previous.hash, 5);
        await tamper.exec('INSERT INTO audit_records (seq, hash, body) VALUES (?, ?, ?)', 5, forged.hash, forged.body);
      });
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['inserted', 5]);
    });

    it('inserted: a crude forgery with a made-up hash', async () => {
      const report = await broken(async (tamper) => {
        const previous = await rowAt(tamper, 4);
        await renumber(tamper, 5, 1);
        await tamper.exec('INSERT INTO audit_records (seq, hash, body) VALUES (?, ?, ?)', 5, 'f'.repeat(64), forge(previous.hash, 5).body);
      });
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['inserted', 5]);
    });

    it('inserted: a record appended behind the ledger’s back', async () => {
      const report = await broken(async (tamper) => {
        const head = await rowAt(tamper, POPULATED_RECORDS);
        const forged = forge(head.hash, POPULATED_RECORDS + 1);
        await tamper.exec('INSERT INTO audit_records (seq, hash, body) VALUES (?, ?, ?)', POPULATED_RECORDS + 1, forged.hash, forged.body);
      });
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['inserted', POPULATED_RECORDS + 1]);
    });

    it('truncated: the tail removed', async () => {
      const report = await broken((tamper) => tamper.exec('DELETE FROM audit_records WHERE seq > 15'));
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['truncated', 16]);
      assert.equal(report.head?.seq, 15);
    });

    it('truncated: the tail removed and the head row moved back — the anchor remembers', async () => {
      const report = await broken(async (tamper) => {
        const last = await rowAt(tamper, 15);
        await tamper.exec('DELETE FROM audit_records WHERE seq > 15');
        await tamper.exec('UPDATE audit_chain SET seq = ?, hash = ? WHERE id = 1', 15, last.hash);
      });
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['truncated', 16]);
      assert.match(report.firstBad!.message, /anchor/);
    });

    it('edited: the chain rewritten and re-hashed from seq 5 on — the anchor remembers', async () => {
      const report = await broken(async (tamper) => {
        let previous = await editAndRehash(tamper, 5, (body) => body.replace('"app":"a2"', '"app":"a9"'));
        for (let seq = 6; seq <= POPULATED_RECORDS; seq += 1) {
          const row = await rowAt(tamper, seq);
          const body = row.body.replace(row.prev_hash, previous);
          previous = recordHash(previous, body);
          await tamper.exec('UPDATE audit_records SET body = ?, hash = ? WHERE seq = ?', body, previous, seq);
        }
        await tamper.exec('UPDATE audit_chain SET hash = ? WHERE id = 1', previous);
      });
      assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['edited', POPULATED_RECORDS]);
      assert.match(report.firstBad!.message, /rewritten/);
    });

    it('reports dispatches without completes honestly, without failing the chain', async () => {
      const store = await harness.fresh();
      try {
        const ledger = await openLedger(store.config, QUIET);
        await ledger.append(record({ requestId: 'done' }));
        const open = await ledger.append(record({ requestId: 'cut-short' }));
        await ledger.append(completion('done'));
        const retried = await ledger.append(record({ requestId: 'failover', detail: { attempt: 1 } }));
        await ledger.append(completion('failover', { outcome: 'error', status: 502 }));
        await ledger.append(record({ requestId: 'failover', detail: { attempt: 2 } }));
        await ledger.append(completion('failover'));
        const report = await ledger.verify();
        await ledger.close();
        assert.equal(report.ok, true);
        assert.deepEqual(report.incomplete, [{ seq: open.seq, requestId: 'cut-short' }]);
        assert.deepEqual(report.orphans, []);
        assert.ok(retried.seq > 0);
      } finally {
        await store.cleanup();
      }
    });

    it('fails on a complete record with no dispatch (an orphan)', async () => {
      const store = await harness.fresh();
      try {
        const ledger = await openLedger(store.config, QUIET);
        await ledger.append(record({ requestId: 'ok' }));
        await ledger.append(completion('ok'));
        const orphan = await ledger.append(completion('never-dispatched'));
        const report = await ledger.verify();
        await ledger.close();
        assert.equal(report.ok, false);
        assert.equal(report.firstBad, undefined, 'the chain itself is intact');
        assert.deepEqual(report.orphans, [{ seq: orphan.seq, requestId: 'never-dispatched' }]);
      } finally {
        await store.cleanup();
      }
    });
  });

  describe('retention', () => {
    const DAY = 86_400_000;
    const now = new Date('2026-06-30T00:00:00.000Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

    /** Old pairs, an old high-impact pair, a pair that straddles the cutoff, and recent records. */
    async function filled(store: TestStore): Promise<AuditLedger> {
      const ledger = await openLedger(store.config, { ...QUIET, clock: () => now });
      for (let index = 0; index < 5; index += 1) {
        await ledger.append(record({ requestId: `old-${index}`, time: daysAgo(40) }));
        await ledger.append(completion(`old-${index}`, { time: daysAgo(40) }));
      }
      await ledger.append(record({ requestId: 'old-high', highImpact: true, time: daysAgo(40) }));
      await ledger.append(completion('old-high', { highImpact: true, time: daysAgo(40) }));
      await ledger.append(record({ requestId: 'straddle', time: daysAgo(31) }));
      await ledger.append(record({ requestId: 'old-6', time: daysAgo(35) }));
      await ledger.append(completion('old-6', { time: daysAgo(35) }));
      await ledger.append(completion('straddle', { time: daysAgo(29) }));
      await ledger.append(record({ requestId: 'new', time: daysAgo(1) }));
      await ledger.append(completion('new', { time: daysAgo(1) }));
      return ledger;
    }

    it('removes expired records, keeps high-impact apps and unsplit pairs, and stays verifiable', async () => {
      const store = await harness.fresh({ retentionDays: 30 });
      try {
        const ledger = await filled(store);
        const { removed } = await ledger.prune(now);
        assert.equal(removed, 12, 'five old pairs and the old-6 pair');
        const left = await collect(ledger.scan());
        assert.deepEqual(
          left.map((entry) => `${entry.kind}:${entry.requestId ?? ''}`),
          ['dispatch:old-high', 'complete:old-high', 'dispatch:straddle', 'complete:straddle', 'dispatch:new', 'complete:new', 'prune:'],
        );
        const pruneRecord = left[left.length - 1]!;
        assert.equal(pruneRecord.detail?.['removed'], 12);
        assert.equal(pruneRecord.detail?.['ranges'], 2);
        const report = await ledger.verify();
        assert.equal(report.ok, true, JSON.stringify(report.firstBad));
        assert.equal(report.pruned, 12);
        assert.equal(report.records, 7);
        // Pruning again later removes what expired since, bridged by a second prune record.
        const later = new Date(now.getTime() + 20 * DAY);
        assert.equal((await ledger.prune(later)).removed, 2);
        const again = await ledger.verify();
        assert.equal(again.ok, true, JSON.stringify(again.firstBad));
        assert.equal(again.pruned, 14);
        await ledger.close();
      } finally {
        await store.cleanup();
      }
    });

    it('prunes around interleaved high-impact records in chunks, each with its own prune record', async () => {
      const store = await harness.fresh({ retentionDays: 30 });
      try {
        const ledger = await openLedger(store.config, { ...QUIET, clock: () => now, pruneChunkSize: 40 });
        for (let index = 0; index < 100; index += 1) {
          await ledger.append(record({ kind: 'deny', requestId: `d${index}`, outcome: 'denied', highImpact: index % 2 === 0, time: daysAgo(60) }));
        }
        assert.equal((await ledger.prune(now)).removed, 50);
        const left = await collect(ledger.scan());
        assert.deepEqual(
          left.filter((entry) => entry.kind === 'prune').map((entry) => [entry.detail?.['removed'], entry.detail?.['ranges']]),
          [[40, 40], [10, 10]],
        );
        assert.ok(left.filter((entry) => entry.kind === 'deny').every((entry) => entry.highImpact));
        const report = await ledger.verify();
        assert.equal(report.ok, true, JSON.stringify(report.firstBad));
        assert.equal(report.pruned, 50);
        await ledger.close();
      } finally {
        await store.cleanup();
      }
    });

    it('does nothing, and records nothing, without a retention period', async () => {
      const store = await harness.fresh();
      try {
        const ledger = await filled(store);
        const head = await ledger.head();
        assert.deepEqual(await ledger.prune(now), { removed: 0 });
        assert.deepEqual(await ledger.head(), head);
        await ledger.close();
      } finally {
        await store.cleanup();
      }
    });

    it('does not let an edited range list excuse a deletion', async () => {
      const store = await harness.fresh({ retentionDays: 30 });
      try {
        const ledger = await filled(store);
        await ledger.prune(now);
        await ledger.close();
        await withTamper(store, async (tamper) => {
          const [range] = await tamper.rows<{ from_seq: number; to_seq: number }>('SELECT from_seq, to_seq FROM audit_pruned_ranges ORDER BY from_seq DESC');
          // Widen the last range over a record that is then deleted.
          await tamper.exec('UPDATE audit_pruned_ranges SET to_seq = to_seq + 1 WHERE from_seq = ?', range!.from_seq);
          await tamper.exec('DELETE FROM audit_records WHERE seq = ?', range!.to_seq + 1);
        });
        const report = await verifyOf(store);
        assert.equal(report.ok, false);
        assert.equal(report.firstBad?.damage, 'deleted');
        assert.match(report.firstBad!.message, /range list of prune record \d+ was altered/);
      } finally {
        await store.cleanup();
      }
    });
  });

  describe('anchors', () => {
    it('anchors the head on demand and on a timer', async () => {
      const store = await harness.fresh({ anchorIntervalMs: 100 });
      try {
        const ledger = await openLedger(store.config, { pruneIntervalMs: null });
        const first = await ledger.append(record());
        await ledger.anchor();
        const second = await ledger.append(completion('req-1'));
        const anchored = async () => withTamper(store, (tamper) => tamper.rows<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_anchors ORDER BY seq'));
        assert.deepEqual((await anchored())[0], { seq: first.seq, hash: first.hash });
        const deadline = Date.now() + 10_000;
        while ((await anchored()).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.deepEqual(await anchored(), [
          { seq: first.seq, hash: first.hash },
          { seq: second.seq, hash: second.hash },
        ]);
        await ledger.anchor();
        assert.equal((await anchored()).length, 2, 'an unchanged head is not anchored twice');
        await ledger.close();
      } finally {
        await store.cleanup();
      }
    });
  });
}
