import type { AuditKind } from '../domain/index.js';
import type { ChainHead } from './chain-hash.js';
import type { PendingRow, RecordText, StoredRow } from './record-row.js';

/** seq, prevHash and hash given to one appended row. */
export type ChainedMeta = [seq: number, prevHash: string, hash: string];

/** A run of consecutive seqs removed by retention, with the hashes that let verify bridge it. */
export interface PrunedRange {
  fromSeq: number;
  toSeq: number;
  /** prevHash of the first removed record (= hash of the record before the range). */
  prevHash: string;
  /** hash of the last removed record (= prevHash of the record after the range). */
  lastHash: string;
  /** seq of the prune record that removed it and whose detail holds the digest of its ranges. */
  pruneSeq: number;
}

/** The head as it was at some moment, written apart from the records so that tail truncation shows. */
export interface Anchor {
  seq: number;
  hash: string;
  time: string;
  instance: string;
}

export interface StoredAnchor extends Anchor {
  id: number;
}

export interface PruneRequest {
  /** Records strictly older than this ISO time are removed (high-impact apps' excepted). */
  cutoffTime: string;
  /** Time of the prune record. */
  time: string;
  retentionDays: number;
  /** Most records removed per transaction, so that appends are not held up for long. */
  chunkSize: number;
}

/** Filters of a dashboard page, validated (times canonical, cursor numeric). */
export interface StoreQuery {
  app?: string;
  grade?: string;
  provider?: string;
  outcome?: string;
  kinds?: string[];
  requestId?: string;
  from?: string;
  to?: string;
  /** Exclusive seq bound in the paging direction. */
  cursor?: number;
  limit: number;
  descending: boolean;
  withTotal: boolean;
}

export interface ScanFilter {
  sinceTime?: string;
  kinds?: AuditKind[];
}

/** Reads inside one consistent snapshot (verify): nothing written after it started is visible. */
export interface SnapshotReader {
  /** Records with seq > afterSeq, in seq order, as FAST_VERIFY_SELECT rows. */
  records(afterSeq: number, limit: number): Promise<StoredRow[]>;
  /** The same, as full VERIFY_SELECT rows (to diagnose a failure). */
  fullRecords(afterSeq: number, limit: number): Promise<StoredRow[]>;
  /** Pruned ranges with fromSeq > afterFromSeq, in fromSeq order. */
  ranges(afterFromSeq: number, limit: number): Promise<PrunedRange[]>;
  /** Pruned ranges ordered by (pruneSeq, fromSeq), after the given key. */
  rangesByPrune(after: { pruneSeq: number; fromSeq: number }, limit: number): Promise<PrunedRange[]>;
  /** Anchors after the given (seq, id) key, in (seq, id) order. */
  anchors(after: { seq: number; id: number }, limit: number): Promise<StoredAnchor[]>;
  /** The writer's head row (seq 0 when empty). */
  chainHead(): Promise<ChainHead>;
  /** Every prune record (few: one per retention run and chunk). */
  pruneRecords(): Promise<StoredRow[]>;
  /** For diagnosis only (unindexed): seqs of the records with this hash. */
  seqsWithHash(hash: string): Promise<number[]>;
  /** For diagnosis only (unindexed): records whose prevHash is this. */
  rowsWithPrevHash(prevHash: string): Promise<StoredRow[]>;
}

/**
 * One ledger store (SQLite or PostgreSQL). The store owns transactions and the writer lock; chain
 * arithmetic (chainRows) runs inside its write transaction so that the chain stays single and
 * gap-free whatever the number of writers.
 */
export interface LedgerStore {
  /** Human-readable location, never containing a password. */
  readonly location: string;
  /** Group commits that may be handed to the store at once (it orders them on its writer lock). */
  readonly commitsInFlight: number;
  /** Batch size to hand over without waiting for more, when the store merges waiting batches itself. */
  readonly flushAt?: number;
  /** Appends the rows as one durable transaction; returns each row's [seq, prevHash, hash]. */
  appendRows(pending: PendingRow[]): Promise<ChainedMeta[]>;
  prune(request: PruneRequest): Promise<{ removed: number }>;
  /** Writes the current head as an anchor unless it is already the newest anchor. */
  anchor(instance: string, time: string): Promise<void>;
  /** An anchor kept outside the database (SQLite side file), read before a verify snapshot starts. */
  externalAnchor(): Promise<Anchor | null>;
  head(): Promise<ChainHead | null>;
  get(seq: number): Promise<RecordText | null>;
  query(query: StoreQuery): Promise<{ rows: RecordText[]; total?: number }>;
  /** Smallest seq whose time is at or after `time` (time index), or null. */
  firstSeqAtOrAfter(time: string): Promise<number | null>;
  /** Records with seq > afterSeq in seq order, filtered. */
  scanPage(afterSeq: number, limit: number, filter: ScanFilter): Promise<RecordText[]>;
  snapshot<T>(read: (reader: SnapshotReader) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
