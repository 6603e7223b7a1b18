import { hostname } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { resolveConfigPath, type Config } from '../config/index.js';
import { AUDIT_KINDS, JajuError, type AuditKind, type AuditRecord, type AuditRecordInput } from '../domain/index.js';
import { AuditRecordError, AuditStoreError } from './errors.js';
import { GroupCommitter } from './group-commit.js';
import { openPostgresStore } from './postgres-store.js';
import { normalizeTime, prepareRow } from './prepare-row.js';
import type { PendingRow } from './record-row.js';
import { rowToRecord } from './row-to-record.js';
import { openSqliteStore } from './sqlite-store.js';
import type { ChainedMeta, LedgerStore, StoreQuery } from './store.js';
import type { AuditLedger, AuditPage, AuditQuery, OpenLedgerOptions, ScanOptions, VerifyReport } from './types.js';
import { verifyLedger } from './verify.js';

const MAX_BATCH = 1000;
const SCAN_PAGE = 2000;
const PRUNE_CHUNK = 50_000;
const DAY_MS = 86_400_000;
const DEFAULT_PRUNE_INTERVAL_MS = 3_600_000;
const KIND_SET = new Set<string>(AUDIT_KINDS);

function invalid(message: string): JajuError {
  return new JajuError('invalid_request', message);
}

function queryTime(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    return normalizeTime(value);
  } catch {
    throw invalid(`${name}: expected an ISO 8601 time, got ${JSON.stringify(value)}`);
  }
}

function queryKinds(kind: AuditQuery['kind']): string[] | undefined {
  if (kind === undefined) return undefined;
  const kinds = Array.isArray(kind) ? kind : [kind];
  for (const value of kinds) if (!KIND_SET.has(value)) throw invalid(`kind: expected one of ${AUDIT_KINDS.join(', ')}, got ${JSON.stringify(value)}`);
  return kinds;
}

/** Validates a dashboard page request (bad input is the client's: HTTP 400). */
export function normalizeQuery(filter: AuditQuery): StoreQuery {
  const limit = filter.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalid('limit: expected a whole number from 1 to 1000');
  let cursor: number | undefined;
  if (filter.cursor !== undefined && filter.cursor !== null) {
    if (!/^\d{1,15}$/.test(filter.cursor)) throw invalid('cursor: not a cursor returned by a previous page');
    cursor = Number(filter.cursor);
  }
  if (filter.order !== undefined && filter.order !== 'asc' && filter.order !== 'desc') throw invalid('order: expected asc or desc');
  const query: StoreQuery = { limit, descending: filter.order !== 'asc', withTotal: filter.withTotal === true };
  if (cursor !== undefined) query.cursor = cursor;
  const kinds = queryKinds(filter.kind);
  if (kinds !== undefined) query.kinds = kinds;
  const from = queryTime(filter.from, 'from');
  if (from !== undefined) query.from = from;
  const to = queryTime(filter.to, 'to');
  if (to !== undefined) query.to = to;
  for (const key of ['app', 'grade', 'provider', 'outcome', 'requestId'] as const) {
    const value = filter[key];
    if (value !== undefined) {
      if (typeof value !== 'string') throw invalid(`${key}: expected a string`);
      query[key] = value;
    }
  }
  return query;
}

class Ledger implements AuditLedger {
  private readonly committer: GroupCommitter<PendingRow, ChainedMeta>;
  private readonly clock: () => Date;
  private readonly instanceId: string;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly onBackgroundError: (error: Error) => void;
  private pruning: Promise<{ removed: number }> | null = null;
  private anchoring: Promise<void> | null = null;
  private readonly pruneChunkSize: number;
  private closed = false;

  constructor(
    private readonly store: LedgerStore,
    private readonly audit: Config['audit'],
    private readonly readOnly: boolean,
    options: OpenLedgerOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}`;
    this.pruneChunkSize = options.pruneChunkSize ?? PRUNE_CHUNK;
    this.onBackgroundError = options.onBackgroundError ?? ((error) => process.emitWarning(`jaju audit: ${error.message}`));
    this.committer = new GroupCommitter((rows) => store.appendRows(rows), { maxDelayMs: audit.groupCommitMaxDelayMs, maxBatch: MAX_BATCH, maxInFlight: store.commitsInFlight, ...(store.flushAt === undefined ? {} : { flushAt: store.flushAt }) });
    if (readOnly) return;
    if (options.anchorTimer ?? true) {
      this.timers.push(setInterval(() => this.background(() => this.anchor()), audit.anchorIntervalMs).unref());
    }
    const pruneInterval = options.pruneIntervalMs === undefined ? DEFAULT_PRUNE_INTERVAL_MS : options.pruneIntervalMs;
    if (audit.retentionDays !== null && pruneInterval !== null) {
      this.timers.push(setInterval(() => this.background(() => this.prune()), pruneInterval).unref());
    }
  }

  append(record: AuditRecordInput): Promise<AuditRecord> {
    if (this.closed) return Promise.reject(new AuditStoreError('the audit ledger is closed'));
    if (this.readOnly) return Promise.reject(new AuditStoreError(`audit ledger ${this.store.location} is open read-only`));
    let prepared: ReturnType<typeof prepareRow>;
    try {
      prepared = prepareRow(record, this.clock);
    } catch (error) {
      return Promise.reject(error);
    }
    // The record handed back is the validated input with its place in the chain (equal to what get(seq) returns).
    const entry = prepared.record;
    return this.committer.submit(prepared.pending).then(([seq, prevHash, hash]) => {
      entry.seq = seq;
      entry.prevHash = prevHash;
      entry.hash = hash;
      return entry;
    });
  }

  async query(filter: AuditQuery): Promise<AuditPage> {
    const query = normalizeQuery(filter);
    const { rows, total } = await this.store.query(query);
    const more = rows.length > query.limit;
    const page = more ? rows.slice(0, query.limit) : rows;
    const records = page.map(rowToRecord);
    const nextCursor = more ? String(page[page.length - 1]![2]) : null;
    return total === undefined ? { records, nextCursor } : { records, nextCursor, total };
  }

  async get(seq: number): Promise<AuditRecord | null> {
    if (!Number.isSafeInteger(seq) || seq < 1) return null;
    const row = await this.store.get(seq);
    return row === null ? null : rowToRecord(row);
  }

  head(): Promise<{ seq: number; hash: string } | null> {
    return this.store.head();
  }

  verify(options?: { onProgress?(checked: number): void }): Promise<VerifyReport> {
    return verifyLedger(this.store, options?.onProgress);
  }

  async *scan(options: ScanOptions = {}): AsyncIterable<AuditRecord> {
    const sinceTime = options.sinceTime === undefined ? undefined : normalizeTime(options.sinceTime);
    const kinds: AuditKind[] | undefined = options.kinds;
    let after = Math.max(0, (options.fromSeq ?? 1) - 1);
    if (sinceTime !== undefined) {
      const first = await this.store.firstSeqAtOrAfter(sinceTime);
      if (first === null) return;
      after = Math.max(after, first - 1);
    }
    const filter = { ...(sinceTime === undefined ? {} : { sinceTime }), ...(kinds === undefined ? {} : { kinds }) };
    for (;;) {
      const rows = await this.store.scanPage(after, SCAN_PAGE, filter);
      for (const row of rows) yield rowToRecord(row);
      if (rows.length < SCAN_PAGE) return;
      after = rows[rows.length - 1]![2];
      // Let the event loop breathe between pages (SQLite reads are synchronous).
      await nextTurn();
    }
  }

  prune(now?: Date): Promise<{ removed: number }> {
    if (this.readOnly) return Promise.reject(new AuditStoreError(`audit ledger ${this.store.location} is open read-only`));
    const days = this.audit.retentionDays;
    if (days === null) return Promise.resolve({ removed: 0 });
    if (this.pruning !== null) return this.pruning;
    const at = now ?? this.clock();
    this.pruning = this.store
      .prune({ cutoffTime: new Date(at.getTime() - days * DAY_MS).toISOString(), time: at.toISOString(), retentionDays: days, chunkSize: this.pruneChunkSize })
      .finally(() => {
        this.pruning = null;
      });
    return this.pruning;
  }

  anchor(): Promise<void> {
    if (this.readOnly) return Promise.reject(new AuditStoreError(`audit ledger ${this.store.location} is open read-only`));
    if (this.anchoring !== null) return this.anchoring;
    this.anchoring = this.store.anchor(this.instanceId, this.clock().toISOString()).finally(() => {
      this.anchoring = null;
    });
    return this.anchoring;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    try {
      await this.committer.drain();
      await this.pruning?.catch(() => undefined);
      await this.anchoring?.catch(() => undefined);
      // A clean shutdown leaves the final head anchored.
      if (!this.readOnly) await this.store.anchor(this.instanceId, this.clock().toISOString()).catch((error: Error) => this.onBackgroundError(error));
    } finally {
      await this.store.close();
    }
  }

  private background(task: () => Promise<unknown>): void {
    if (this.closed) return;
    task().catch((error: unknown) => this.onBackgroundError(error instanceof Error ? error : new Error(String(error))));
  }
}

/**
 * Opens the ledger named by config.store: SQLite (the path resolved against the config's folder,
 * parent folders created) or PostgreSQL. Resolves once the store is ready to take appends.
 */
export async function openLedger(config: Config, options: OpenLedgerOptions = {}): Promise<AuditLedger> {
  const readOnly = options.readOnly ?? false;
  const store =
    'sqlite' in config.store
      ? await openSqliteStore(resolveConfigPath(config, config.store.sqlite), { readOnly })
      : await openPostgresStore(config.store.postgres, { readOnly });
  return new Ledger(store, config.audit, readOnly, options);
}

export { AuditRecordError, AuditStoreError };
