import type { AuditKind, AuditOutcome, AuditRecord, AuditRecordInput, Grade } from '../domain/index.js';

/** Dashboard paging: newest first by default; every filter is optional and they combine with AND. */
export interface AuditQuery {
  app?: string;
  grade?: Grade;
  provider?: string;
  outcome?: AuditOutcome;
  kind?: AuditKind | AuditKind[];
  requestId?: string;
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, exclusive. */
  to?: string;
  /** The nextCursor of the previous page. */
  cursor?: string | null;
  /** Page size, 1–1000 (default 50). */
  limit?: number;
  order?: 'desc' | 'asc';
  /** Also count every matching record (costs a count over the filter; leave off for plain paging). */
  withTotal?: boolean;
}

export interface AuditPage {
  records: AuditRecord[];
  nextCursor: string | null;
  total?: number;
}

export type Damage = 'edited' | 'deleted' | 'reordered' | 'inserted' | 'truncated';

export interface VerifyReport {
  /** The chain is intact, every complete record has its dispatch, and no refusal conflicts with a dispatch. Incomplete pairs alone do not clear it. */
  ok: boolean;
  /** Records checked (all of them when ok). */
  records: number;
  head: { seq: number; hash: string } | null;
  /** First problem in the chain, if any. */
  firstBad?: { seq: number; damage: Damage; message: string };
  /** dispatch records with no complete (calls in flight, or cut short, e.g. by a crash); not a chain failure. */
  incomplete: { seq: number; requestId: string }[];
  /** complete records with no dispatch before them: a failure. */
  orphans: { seq: number; requestId: string }[];
  /** deny/refuse records written while a dispatch of the same request was open (sent and refused at once): a failure. */
  conflicts: { seq: number; requestId: string; kind: string }[];
  /** Records removed by retention, bridged by their prune records. */
  pruned: number;
}

export interface ScanOptions {
  /** Only records whose time is at or after this ISO 8601 instant. */
  sinceTime?: string;
  /** Only records with seq ≥ this. */
  fromSeq?: number;
  kinds?: AuditKind[];
}

export interface OpenLedgerOptions {
  /** Names this process in anchors (default host:pid). */
  instanceId?: string;
  /** Time source for records without a time, retention and anchors (tests). */
  clock?: () => Date;
  /** Never create or write: for `jaju audit verify/export`. Fails when there is no ledger. */
  readOnly?: boolean;
  /** Write the anchor every config.audit.anchorIntervalMs (default true unless readOnly). */
  anchorTimer?: boolean;
  /** Apply retention this often when config.audit.retentionDays is set (default 1 hour; null = only on prune()). */
  pruneIntervalMs?: number | null;
  /** Most records one retention transaction removes (default 50,000); each chunk appends its own prune record. */
  pruneChunkSize?: number;
  /** Background anchor/prune failures (default: a process warning). */
  onBackgroundError?: (error: Error) => void;
}

export interface AuditLedger {
  /**
   * Resolves when the record is durable (committed; SQLite WAL with synchronous=FULL, PostgreSQL
   * synchronous_commit). Concurrent appends share one transaction (group commit). Rejects — never
   * half-writes — when the store fails (AuditStoreError, HTTP 503) or the record is malformed (AuditRecordError).
   */
  append(record: AuditRecordInput): Promise<AuditRecord>;
  /** Newest first by default; cursor paging; filters: app, grade, provider, outcome, kind, requestId, time from/to. */
  query(filter: AuditQuery): Promise<AuditPage>;
  get(seq: number): Promise<AuditRecord | null>;
  head(): Promise<{ seq: number; hash: string } | null>;
  verify(options?: { onProgress?(checked: number): void }): Promise<VerifyReport>;
  /** Streams records in seq order, a page at a time (never the whole ledger in memory). */
  scan(options?: ScanOptions): AsyncIterable<AuditRecord>;
  /** Applies retention now; records of highImpact apps are kept; the prune itself is appended as a `prune` record. */
  prune(now?: Date): Promise<{ removed: number }>;
  /** Writes the anchor (head seq + hash) now; also done every config.audit.anchorIntervalMs. */
  anchor(): Promise<void>;
  close(): Promise<void>;
}
