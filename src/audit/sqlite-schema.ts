import type Database from 'better-sqlite3';
import { DERIVED_COLUMNS, GENESIS_HASH } from './record-row.js';

/** Ledger format version kept in audit_meta: a future change of layout must migrate, never guess. */
export const LEDGER_FORMAT = '1';

/**
 * Tables are prefixed audit_ because the default SQLite file (./data/jaju.db) is shared with other
 * parts of jaju. audit_records holds seq, hash and the hashed body; its other columns are generated
 * from the body (record-row.ts). Indexes serve those filters (each (column, seq), so that a filtered page is an
 * index range scan in seq order), requestId look-ups, time windows and prune.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_records (
  seq INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  body TEXT NOT NULL,
  ${DERIVED_COLUMNS.map(({ column, key, sqlite }) => `${column} ${sqlite} GENERATED ALWAYS AS (json_extract(body, '$.${key}')) STORED`).join(',\n  ')}
);
CREATE INDEX IF NOT EXISTS audit_records_app ON audit_records (app, seq);
CREATE INDEX IF NOT EXISTS audit_records_provider ON audit_records (provider, seq);
CREATE INDEX IF NOT EXISTS audit_records_kind ON audit_records (kind, seq);
CREATE INDEX IF NOT EXISTS audit_records_outcome ON audit_records (outcome, seq);
CREATE INDEX IF NOT EXISTS audit_records_grade ON audit_records (grade, seq);
CREATE INDEX IF NOT EXISTS audit_records_request ON audit_records (request_id);
CREATE INDEX IF NOT EXISTS audit_records_time ON audit_records (time);
CREATE TABLE IF NOT EXISTS audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT OR IGNORE INTO audit_chain (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');
CREATE TABLE IF NOT EXISTS audit_anchors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  time TEXT NOT NULL,
  instance TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_anchors_seq ON audit_anchors (seq);
CREATE TABLE IF NOT EXISTS audit_pruned_ranges (
  from_seq INTEGER PRIMARY KEY,
  to_seq INTEGER NOT NULL,
  prev_hash TEXT NOT NULL,
  last_hash TEXT NOT NULL,
  prune_seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_pruned_ranges_prune ON audit_pruned_ranges (prune_seq, from_seq);
CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO audit_meta (key, value) VALUES ('format', '${LEDGER_FORMAT}');
`;

/** How long a connection waits for another process's write lock before the append fails. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * WAL lets readers (dashboard, verify, export) run beside the writer. synchronous=FULL fsyncs the WAL
 * at every commit, so a commit that returned survives a process crash *and* a power loss; NORMAL
 * would survive a process crash only. Group commit is what keeps FULL affordable.
 */
export function applyWriterPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // 32 MiB of page cache keeps the seven indexes' hot pages in memory as the ledger grows.
  db.pragma('cache_size = -32768');
}

export function assertLedgerFormat(db: Database.Database, location: string): void {
  const row = db.prepare("SELECT value FROM audit_meta WHERE key = 'format'").get() as { value: string } | undefined;
  if (row !== undefined && row.value !== LEDGER_FORMAT) {
    throw new Error(`${location}: audit ledger format ${row.value} is not supported (expected ${LEDGER_FORMAT})`);
  }
}
