import Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChainHead } from './chain-hash.js';
import { buildPageQuery } from './query-sql.js';
import { FAST_VERIFY_SELECT, RECORD_SELECT, VERIFY_SELECT, type RecordText, type StoredRow } from './record-row.js';
import { BUSY_TIMEOUT_MS } from './sqlite-schema.js';
import type { PrunedRange, ScanFilter, SnapshotReader, StoreQuery, StoredAnchor } from './store.js';

type RangeRow = [number, number, string, string, number];

function toRange([fromSeq, toSeq, prevHash, lastHash, pruneSeq]: RangeRow): PrunedRange {
  return { fromSeq, toSeq, prevHash, lastHash, pruneSeq };
}

/** Opens a connection that only reads (query_only), on a database the writer has created. */
export function openReadConnection(path: string): Database.Database {
  const db = new Database(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  db.pragma('query_only = ON');
  return db;
}

/**
 * Reads of the SQLite ledger on the caller's thread (better-sqlite3 is synchronous; each call is one
 * indexed statement or one bounded page, so the event loop is held for milliseconds at most).
 */
export class SqliteReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private statement(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (statement === undefined) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Rows as arrays (cached statements are shared, so the mode is set on every use). */
  private rows<T>(text: string, ...params: unknown[]): T[] {
    return this.statement(text).raw(true).all(...params) as T[];
  }

  private object<T>(text: string, ...params: unknown[]): T | undefined {
    return this.statement(text).raw(false).get(...params) as T | undefined;
  }

  head(): ChainHead | null {
    return this.object<ChainHead>('SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1') ?? null;
  }

  get(seq: number): RecordText | null {
    return this.rows<RecordText>(`SELECT ${RECORD_SELECT} FROM audit_records WHERE seq = ?`, seq)[0] ?? null;
  }

  query(query: StoreQuery): { rows: RecordText[]; total?: number } {
    const built = buildPageQuery(query, () => '?');
    const rows = this.rows<RecordText>(built.text, ...built.params);
    if (built.countText === null) return { rows };
    return { rows, total: this.object<{ total: number }>(built.countText, ...built.countParams)!.total };
  }

  firstSeqAtOrAfter(time: string): number | null {
    return this.object<{ seq: number | null }>('SELECT min(seq) AS seq FROM audit_records WHERE time >= ?', time)!.seq;
  }

  scanPage(afterSeq: number, limit: number, filter: ScanFilter): RecordText[] {
    const conditions = ['seq > ?'];
    const params: unknown[] = [afterSeq];
    if (filter.sinceTime !== undefined) {
      conditions.push('time >= ?');
      params.push(filter.sinceTime);
    }
    if (filter.kinds !== undefined && filter.kinds.length > 0) {
      conditions.push(`kind IN (${filter.kinds.map(() => '?').join(', ')})`);
      params.push(...filter.kinds);
    }
    params.push(limit);
    return this.rows<RecordText>(`SELECT ${RECORD_SELECT} FROM audit_records WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT ?`, ...params);
  }

  /** The verify view of this connection; the caller holds a read transaction around it. */
  snapshotReader(): SnapshotReader {
    // Each page returns to the event loop first, so a long verify does not starve the gateway.
    const page = async <T>(read: () => T): Promise<T> => {
      await nextTurn();
      return read();
    };
    const RANGE = 'SELECT from_seq, to_seq, prev_hash, last_hash, prune_seq FROM audit_pruned_ranges';
    return {
      records: (afterSeq, limit) => page(() => this.rows<StoredRow>(`SELECT ${FAST_VERIFY_SELECT} FROM audit_records WHERE seq > ? ORDER BY seq LIMIT ?`, afterSeq, limit)),
      fullRecords: async (afterSeq, limit) => this.rows<StoredRow>(`SELECT ${VERIFY_SELECT} FROM audit_records WHERE seq > ? ORDER BY seq LIMIT ?`, afterSeq, limit),
      ranges: (afterFromSeq, limit) => page(() => this.rows<RangeRow>(`${RANGE} WHERE from_seq > ? ORDER BY from_seq LIMIT ?`, afterFromSeq, limit).map(toRange)),
      rangesByPrune: (after, limit) =>
        page(() => this.rows<RangeRow>(`${RANGE} WHERE (prune_seq, from_seq) > (?, ?) ORDER BY prune_seq, from_seq LIMIT ?`, after.pruneSeq, after.fromSeq, limit).map(toRange)),
      anchors: (after, limit) =>
        page(() => this.statement('SELECT id, seq, hash, time, instance FROM audit_anchors WHERE (seq, id) > (?, ?) ORDER BY seq, id LIMIT ?').raw(false).all(after.seq, after.id, limit) as StoredAnchor[]),
      chainHead: async () => this.object<ChainHead>('SELECT seq, hash FROM audit_chain WHERE id = 1') ?? { seq: 0, hash: '' },
      pruneRecords: async () => this.rows<StoredRow>(`SELECT ${VERIFY_SELECT} FROM audit_records WHERE kind = 'prune' ORDER BY seq`),
      seqsWithHash: async (hash) => this.rows<[number]>('SELECT seq FROM audit_records WHERE hash = ?', hash).map(([seq]) => seq),
      rowsWithPrevHash: async (prevHash) => this.rows<StoredRow>(`SELECT ${VERIFY_SELECT} FROM audit_records WHERE prev_hash = ?`, prevHash),
    };
  }
}
