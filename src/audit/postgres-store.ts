import postgres from 'postgres';
import { chainRows, type ChainHead } from './chain-hash.js';
import { AuditStoreError } from './errors.js';
import { maskConnectionUrl, maskSecrets } from './mask-url.js';
import { POSTGRES_SCHEMA, quoteIdentifier, SCHEMA_LOCK_KEY, schemaFromUrl } from './postgres-schema.js';
import { planRanges, pruneRecordRow, rangesDigest } from './prune-ranges.js';
import { buildPageQuery } from './query-sql.js';
import { FAST_VERIFY_SELECT, RECORD_SELECT, SEQ, VERIFY_SELECT, WRITTEN_SEQ, type ChainedRow, type RecordText, type StoredRow } from './record-row.js';
import { LEDGER_FORMAT } from './sqlite-schema.js';
import type { ChainedMeta, LedgerStore, PrunedRange, ScanFilter, SnapshotReader, StoreQuery, StoredAnchor } from './store.js';

type Sql = postgres.Sql | postgres.TransactionSql;
type SqlParameters = postgres.ParameterOrJSON<never>[];

/** One statement inserts a whole batch (one JSON array of [seq, hash, body]) and moves the head row. */
const INSERT_BATCH = `WITH inserted AS (
  INSERT INTO audit_records (seq, hash, body)
  SELECT (e->>0)::bigint, e->>1, e->>2 FROM json_array_elements($1::text::json) AS e
) UPDATE audit_chain SET seq = $2, hash = $3 WHERE id = 1`;

const PRUNE_CANDIDATES = `SELECT r.seq, r.prev_hash, r.hash FROM audit_records r
  WHERE r.seq <= $1 AND r.time < $2 AND NOT r.high_impact AND r.kind <> 'prune'
    AND (r.request_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM audit_records k WHERE k.request_id = r.request_id AND (k.time >= $2 OR k.high_impact)))
  ORDER BY r.seq LIMIT $3`;

/** PostgreSQL returns bigint as text; the chain works in JS numbers (seq stays far below 2^53). */
function verifyRows(rows: unknown[][]): StoredRow[] {
  for (const row of rows) {
    row[SEQ] = Number(row[SEQ]);
    if (row[WRITTEN_SEQ] !== null) row[WRITTEN_SEQ] = Number(row[WRITTEN_SEQ]);
  }
  return rows;
}

function recordRows(rows: unknown[][]): RecordText[] {
  for (const row of rows) row[2] = Number(row[2]);
  return rows as RecordText[];
}

async function lockedHead(tx: postgres.TransactionSql): Promise<ChainHead> {
  // The row lock is the writer lock: appenders in every gateway instance queue on it, and after the
  // wait READ COMMITTED re-reads the row, so each transaction chains from the latest committed head.
  const [head] = await tx`SELECT seq, hash FROM audit_chain WHERE id = 1 FOR UPDATE`;
  if (head === undefined) throw new Error('audit_chain has no head row');
  return { seq: Number(head['seq']), hash: String(head['hash']) };
}

async function insertChained(tx: postgres.TransactionSql, rows: ChainedRow[], end: ChainHead): Promise<void> {
  await tx.unsafe(INSERT_BATCH, [JSON.stringify(rows), end.seq, end.hash], { prepare: true });
}

function snapshotReader(tx: Sql): SnapshotReader {
  const rangeOf = (row: postgres.Row): PrunedRange => ({
    fromSeq: Number(row['from_seq']),
    toSeq: Number(row['to_seq']),
    prevHash: String(row['prev_hash']),
    lastHash: String(row['last_hash']),
    pruneSeq: Number(row['prune_seq']),
  });
  const verifySelect = async (where: string, parameters: unknown[], columns = VERIFY_SELECT) =>
    verifyRows(await tx.unsafe(`SELECT ${columns} FROM audit_records ${where}`, parameters as SqlParameters, { prepare: true }).values());
  return {
    records: (afterSeq, limit) => verifySelect('WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit], FAST_VERIFY_SELECT),
    fullRecords: (afterSeq, limit) => verifySelect('WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]),
    ranges: async (afterFromSeq, limit) =>
      (await tx`SELECT from_seq, to_seq, prev_hash, last_hash, prune_seq FROM audit_pruned_ranges WHERE from_seq > ${afterFromSeq} ORDER BY from_seq LIMIT ${limit}`).map(rangeOf),
    rangesByPrune: async (after, limit) =>
      (
        await tx`SELECT from_seq, to_seq, prev_hash, last_hash, prune_seq FROM audit_pruned_ranges
                 WHERE (prune_seq, from_seq) > (${after.pruneSeq}, ${after.fromSeq}) ORDER BY prune_seq, from_seq LIMIT ${limit}`
      ).map(rangeOf),
    anchors: async (after, limit) =>
      (await tx`SELECT id, seq, hash, time, instance FROM audit_anchors WHERE (seq, id) > (${after.seq}, ${after.id}) ORDER BY seq, id LIMIT ${limit}`).map(
        (row): StoredAnchor => ({ id: Number(row['id']), seq: Number(row['seq']), hash: String(row['hash']), time: String(row['time']), instance: String(row['instance']) }),
      ),
    chainHead: async () => {
      const [head] = await tx`SELECT seq, hash FROM audit_chain WHERE id = 1`;
      return head === undefined ? { seq: 0, hash: '' } : { seq: Number(head['seq']), hash: String(head['hash']) };
    },
    pruneRecords: () => verifySelect("WHERE kind = 'prune' ORDER BY seq", []),
    seqsWithHash: async (hash) => (await tx`SELECT seq FROM audit_records WHERE hash = ${hash}`).map((row) => Number(row['seq'])),
    rowsWithPrevHash: (prevHash) => verifySelect('WHERE prev_hash = $1', [prevHash]),
  };
}

/**
 * The PostgreSQL store: any number of gateway instances append to one chain. Each group commit is
 * one transaction that takes the row lock on audit_chain (the single head row), chains its batch from
 * the head it reads under that lock, inserts the batch with one statement and moves the head. seq is
 * computed, never drawn from a sequence, so a rolled-back transaction leaves no gap. Durable at
 * COMMIT (synchronous_commit on, the server default).
 */
export async function openPostgresStore(url: string, options: { readOnly: boolean }): Promise<LedgerStore> {
  const location = maskConnectionUrl(url);
  const fail = (action: string, error: unknown) =>
    error instanceof AuditStoreError
      ? error
      : new AuditStoreError(maskSecrets(`audit ledger ${location}: ${action} failed: ${(error as Error)?.message ?? String(error)}`, url));
  const sql = postgres(url, {
    max: 8,
    onnotice: () => undefined,
    connect_timeout: 10,
    idle_timeout: 60,
    connection: { application_name: 'jaju-audit' },
  });
  try {
    if (options.readOnly) {
      const [found] = await sql`SELECT to_regclass('audit_records') IS NOT NULL AS present`;
      if (found?.['present'] !== true) throw new AuditStoreError(`no audit ledger in ${location}`);
    } else {
      const schema = schemaFromUrl(url);
      await sql.begin(async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(hashtext(${SCHEMA_LOCK_KEY}))`;
        if (schema !== null) await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
        for (const statement of POSTGRES_SCHEMA) await tx.unsafe(statement);
      });
    }
    const [format] = await sql`SELECT value FROM audit_meta WHERE key = 'format'`;
    if (format !== undefined && format['value'] !== LEDGER_FORMAT) {
      throw new AuditStoreError(`audit ledger ${location}: format ${String(format['value'])} is not supported (expected ${LEDGER_FORMAT})`);
    }
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    throw fail('open', error);
  }

  const guard = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw fail(action, error);
    }
  };
  const needWriter = () => {
    if (options.readOnly) throw new AuditStoreError(`audit ledger ${location} is open read-only`);
  };
  const records = async (where: string, parameters: unknown[]) =>
    recordRows(await sql.unsafe(`SELECT ${RECORD_SELECT} FROM audit_records ${where}`, parameters as SqlParameters, { prepare: true }).values());

  const pruneChunk = (request: Parameters<LedgerStore['prune']>[0]) =>
    sql.begin(async (tx): Promise<number> => {
      const head = await lockedHead(tx);
      const [limit] = await tx`SELECT max(seq) AS seq FROM audit_records WHERE time < ${request.cutoffTime}`;
      if (limit === undefined || limit['seq'] === null) return 0;
      const candidates = (await tx.unsafe(PRUNE_CANDIDATES, [limit['seq'], request.cutoffTime, request.chunkSize], { prepare: true }).values()).map(
        ([seq, prevHash, hash]) => [Number(seq), String(prevHash), String(hash)] as const,
      );
      if (candidates.length === 0) return 0;
      const ranges = planRanges(candidates);
      // Ranges travel as one JSON parameter ([from, to, prevHash, lastHash] each): a chunk can hold tens of thousands.
      const rangesJson = JSON.stringify(ranges.map((range) => [range.fromSeq, range.toSeq, range.prevHash, range.lastHash]));
      await tx.unsafe(
        'DELETE FROM audit_records r USING json_array_elements($1::text::json) AS e WHERE r.seq BETWEEN (e->>0)::bigint AND (e->>1)::bigint',
        [rangesJson],
        { prepare: true },
      );
      const pruneRow = pruneRecordRow(request.time, {
        cutoff: request.cutoffTime,
        retentionDays: request.retentionDays,
        removed: candidates.length,
        ranges: ranges.length,
        firstSeq: candidates[0]![0],
        lastSeq: candidates[candidates.length - 1]![0],
        rangesDigest: rangesDigest(ranges),
      });
      const { rows, end } = chainRows(head, [pruneRow]);
      await insertChained(tx, rows, end);
      await tx.unsafe(
        `INSERT INTO audit_pruned_ranges (from_seq, to_seq, prev_hash, last_hash, prune_seq)
         SELECT (e->>0)::bigint, (e->>1)::bigint, e->>2, e->>3, $2 FROM json_array_elements($1::text::json) AS e`,
        [rangesJson, end.seq],
        { prepare: true },
      );
      await tx`DELETE FROM audit_anchors WHERE time < ${request.cutoffTime} AND id < (SELECT max(id) FROM audit_anchors)`;
      return candidates.length;
    });

  return {
    location,
    // Two transactions overlap: one holds the head lock while the next is already on its way.
    commitsInFlight: 2,
    appendRows: (pending) =>
      guard('append', async () => {
        needWriter();
        return sql.begin(async (tx): Promise<ChainedMeta[]> => {
          const { rows, meta, end } = chainRows(await lockedHead(tx), pending);
          await insertChained(tx, rows, end);
          return meta;
        });
      }),
    prune: (request) =>
      guard('prune', async () => {
        needWriter();
        let total = 0;
        for (;;) {
          const removed = await pruneChunk(request);
          total += removed;
          if (removed < request.chunkSize) return { removed: total };
        }
      }),
    anchor: (instance, time) =>
      guard('anchor', async () => {
        needWriter();
        await sql`INSERT INTO audit_anchors (seq, hash, time, instance)
                  SELECT c.seq, c.hash, ${time}, ${instance} FROM audit_chain c
                  WHERE c.id = 1 AND c.seq > 0 AND NOT EXISTS (SELECT 1 FROM audit_anchors a WHERE a.seq = c.seq AND a.hash = c.hash)`;
      }),
    externalAnchor: async () => null,
    head: () =>
      guard('head', async () => {
        const [row] = await sql`SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1`;
        return row === undefined ? null : { seq: Number(row['seq']), hash: String(row['hash']) };
      }),
    get: (seq) => guard('get', async () => (await records('WHERE seq = $1', [seq]))[0] ?? null),
    query: (query: StoreQuery) =>
      guard('query', async () => {
        const built = buildPageQuery(query, (index) => `$${index}`);
        const rows = recordRows(await sql.unsafe(built.text, built.params as SqlParameters, { prepare: true }).values());
        if (built.countText === null) return { rows };
        const [count] = await sql.unsafe(built.countText, built.countParams as SqlParameters, { prepare: true });
        return { rows, total: Number(count?.['total'] ?? 0) };
      }),
    firstSeqAtOrAfter: (time) =>
      guard('scan', async () => {
        const [row] = await sql`SELECT min(seq) AS seq FROM audit_records WHERE time >= ${time}`;
        return row === undefined || row['seq'] === null ? null : Number(row['seq']);
      }),
    scanPage: (afterSeq: number, limit: number, filter: ScanFilter) =>
      guard('scan', async () => {
        const conditions = ['seq > $1'];
        const parameters: unknown[] = [afterSeq];
        if (filter.sinceTime !== undefined) {
          parameters.push(filter.sinceTime);
          conditions.push(`time >= $${parameters.length}`);
        }
        if (filter.kinds !== undefined && filter.kinds.length > 0) {
          const slots = filter.kinds.map((kind) => {
            parameters.push(kind);
            return `$${parameters.length}`;
          });
          conditions.push(`kind IN (${slots.join(', ')})`);
        }
        parameters.push(limit);
        return records(`WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT $${parameters.length}`, parameters);
      }),
    snapshot: <T>(read: (reader: SnapshotReader) => Promise<T>) =>
      guard('verify', async () => (await sql.begin('isolation level repeatable read read only', (tx) => read(snapshotReader(tx)))) as T),
    close: async () => {
      await sql.end({ timeout: 5 });
    },
  };
}
