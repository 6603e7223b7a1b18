import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readAnchorFile, writeAnchorFile } from './anchor-file.js';
import { chainRows, type ChainHead } from './chain-hash.js';
import { planRanges, pruneRecordRow, rangesDigest } from './prune-ranges.js';
import type { PendingRow } from './record-row.js';
import { applyWriterPragmas, assertLedgerFormat, BUSY_TIMEOUT_MS, SQLITE_SCHEMA } from './sqlite-schema.js';
import type { Anchor, ChainedMeta, PruneRequest } from './store.js';

/**
 * The one SQLite connection that writes the ledger (it runs in a worker thread, see
 * sqlite-writer-thread.ts). Every write is a BEGIN IMMEDIATE transaction that reads the head under
 * the write lock, so several processes sharing one file still produce one gap-free chain.
 */
export class SqliteWriter {
  private readonly db: Database.Database;
  private readonly insertRecord: Database.Statement;
  private readonly readHead: Database.Statement;
  private readonly writeHead: Database.Statement;
  private readonly appendTransaction: Database.Transaction<(pending: PendingRow[]) => ChainedMeta[]>;

  constructor(
    private readonly path: string,
    private readonly anchorFile: string | null,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    applyWriterPragmas(this.db);
    this.db.transaction(() => this.db.exec(SQLITE_SCHEMA)).immediate();
    assertLedgerFormat(this.db, path);
    this.insertRecord = this.db.prepare('INSERT INTO audit_records (seq, hash, body) VALUES (?, ?, ?)');
    this.readHead = this.db.prepare('SELECT seq, hash FROM audit_chain WHERE id = 1');
    this.writeHead = this.db.prepare('UPDATE audit_chain SET seq = ?, hash = ? WHERE id = 1');
    this.appendTransaction = this.db.transaction((pending: PendingRow[]) => {
      const { rows, meta, end } = chainRows(this.head(), pending);
      for (const row of rows) this.insertRecord.run(row);
      this.writeHead.run(end.seq, end.hash);
      return meta;
    });
  }

  /** The head row, read inside the caller's write transaction. */
  private head(): ChainHead {
    const head = this.readHead.get() as ChainHead | undefined;
    if (head === undefined) throw new Error('audit_chain has no head row');
    return head;
  }

  append(pending: PendingRow[]): ChainedMeta[] {
    return this.appendTransaction.immediate(pending);
  }

  /** Removes expired records a chunk per transaction; each chunk appends its own prune record. */
  prune(request: PruneRequest): { removed: number } {
    const maxSeqBefore = this.db.prepare('SELECT max(seq) AS seq FROM audit_records WHERE time < ?');
    const candidates = this.db
      .prepare(
        `SELECT r.seq, r.prev_hash, r.hash FROM audit_records r
         WHERE r.seq <= ? AND r.time < ? AND r.high_impact = 0 AND r.kind <> 'prune'
           AND (r.request_id IS NULL OR NOT EXISTS (
             SELECT 1 FROM audit_records k WHERE k.request_id = r.request_id AND (k.time >= ? OR k.high_impact <> 0)))
         ORDER BY r.seq LIMIT ?`,
      )
      .raw();
    const deleteRange = this.db.prepare('DELETE FROM audit_records WHERE seq BETWEEN ? AND ?');
    const insertRange = this.db.prepare('INSERT INTO audit_pruned_ranges (from_seq, to_seq, prev_hash, last_hash, prune_seq) VALUES (?, ?, ?, ?, ?)');
    const dropOldAnchors = this.db.prepare('DELETE FROM audit_anchors WHERE time < ? AND id < (SELECT max(id) FROM audit_anchors)');
    const chunk = this.db.transaction((): number => {
      const limit = (maxSeqBefore.get(request.cutoffTime) as { seq: number | null }).seq;
      if (limit === null) return 0;
      const removed = candidates.all(limit, request.cutoffTime, request.cutoffTime, request.chunkSize) as [number, string, string][];
      if (removed.length === 0) return 0;
      const ranges = planRanges(removed);
      for (const range of ranges) deleteRange.run(range.fromSeq, range.toSeq);
      const pruneRow = pruneRecordRow(request.time, {
        cutoff: request.cutoffTime,
        retentionDays: request.retentionDays,
        removed: removed.length,
        ranges: ranges.length,
        firstSeq: removed[0]![0],
        lastSeq: removed[removed.length - 1]![0],
        rangesDigest: rangesDigest(ranges),
      });
      const { rows, end } = chainRows(this.head(), [pruneRow]);
      this.insertRecord.run(rows[0]);
      this.writeHead.run(end.seq, end.hash);
      for (const range of ranges) insertRange.run(range.fromSeq, range.toSeq, range.prevHash, range.lastHash, end.seq);
      dropOldAnchors.run(request.cutoffTime);
      return removed.length;
    });
    let total = 0;
    for (;;) {
      const removed = chunk.immediate();
      total += removed;
      if (removed < request.chunkSize) return { removed: total };
    }
  }

  /** Records the head in audit_anchors (and the side file) unless it is already anchored. */
  anchor(instance: string, time: string): void {
    const written = this.db
      .prepare(
        `INSERT INTO audit_anchors (seq, hash, time, instance)
         SELECT c.seq, c.hash, ?, ? FROM audit_chain c
         WHERE c.id = 1 AND c.seq > 0 AND NOT EXISTS (SELECT 1 FROM audit_anchors a WHERE a.seq = c.seq AND a.hash = c.hash)
         RETURNING seq, hash`,
      )
      .get(time, instance) as { seq: number; hash: string } | undefined;
    if (written === undefined || this.anchorFile === null) return;
    // Another process sharing the file may have written a newer anchor meanwhile: never move it back.
    let existing: Anchor | null = null;
    try {
      existing = readAnchorFile(this.anchorFile);
    } catch {
      existing = null;
    }
    if (existing !== null && existing.seq >= written.seq) return;
    writeAnchorFile(this.anchorFile, { seq: written.seq, hash: written.hash, time, instance });
  }

  close(): void {
    // Keeps the query planner's statistics current for the dashboard filters (cheap; SQLite's advice).
    this.db.pragma('optimize');
    this.db.close();
  }

  get location(): string {
    return this.path;
  }
}
