/**
 * How a record is stored. `body` is the canonical JSON of the record without its hash (RFC 8785:
 * keys sorted, no whitespace) — exactly the text that is hashed:
 *   hash = sha256(prevHash + body)                        (docs/design.md §4.6)
 * The writer inserts only seq, hash and body. Every other column (time, kind, request_id, app, grade,
 * provider, outcome, high_impact, prev_hash, written_seq) is derived from the body by the database
 * (SQLite: STORED generated columns; PostgreSQL: a trigger on every INSERT and UPDATE), so that the
 * dashboard filters and prune can use indexes while the body stays the only source of truth: a
 * derived column cannot be written to disagree with its body, and editing the body breaks its hash.
 * Readers parse the body: what they see is what was hashed.
 */

/** The derived columns: name, the record key it is extracted from, and its SQL type per store. */
export const DERIVED_COLUMNS = [
  { column: 'written_seq', key: 'seq', sqlite: 'INTEGER', postgres: 'bigint', postgresCast: '::bigint' },
  { column: 'prev_hash', key: 'prevHash', sqlite: 'TEXT', postgres: 'text', postgresCast: '' },
  { column: 'time', key: 'time', sqlite: 'TEXT', postgres: 'text COLLATE "C"', postgresCast: '' },
  { column: 'kind', key: 'kind', sqlite: 'TEXT', postgres: 'text', postgresCast: '' },
  { column: 'request_id', key: 'requestId', sqlite: 'TEXT', postgres: 'text', postgresCast: '' },
  { column: 'app', key: 'app', sqlite: 'TEXT', postgres: 'text', postgresCast: '' },
  { column: 'grade', key: 'grade', sqlite: 'TEXT', postgres: 'text', postgresCast: '' },
  { column: 'provider', key: 'provider', sqlite: 'TEXT', postgres: 'text', postgresCast: '' },
  { column: 'outcome', key: 'outcome', sqlite: 'TEXT', postgres: 'text', postgresCast: '' },
  { column: 'high_impact', key: 'highImpact', sqlite: 'INTEGER', postgres: 'boolean', postgresCast: '::boolean' },
] as const;

/**
 * What verify's main pass reads per record: the hashed text comes back as one value
 * (prevHash + body, NULL unless prev_hash has the 64 characters of a hash, so that a longer
 * prev_hash cannot pass as the expected one followed by text), saving a column and a concatenation
 * per record on a million records.
 */
// Both verify selects start with seq, written_seq (the stores convert those two from bigint).
export const FAST_VERIFY_SELECT = 'seq, written_seq, hash, CASE WHEN length(prev_hash) = 64 THEN prev_hash || body END AS hashed, kind, request_id';
export const FAST_SEQ = 0;
export const FAST_WRITTEN_SEQ = 1;
export const FAST_HASH = 2;
export const FAST_HASHED = 3;
export const FAST_KIND = 4;
export const FAST_REQUEST_ID = 5;

/** The full row verify reads to name the damage once a record has failed. */
export const VERIFY_SELECT = 'seq, written_seq, prev_hash, hash, body, kind, request_id';
export const SEQ = 0;
export const WRITTEN_SEQ = 1;
export const PREV_HASH = 2;
export const HASH = 3;
export const BODY = 4;
export const KIND = 5;
export const REQUEST_ID = 6;

/**
 * A row as verify reads it, in FAST_VERIFY_SELECT or VERIFY_SELECT order. Cells are whatever the store holds (a tampered
 * row may hold anything), so checks treat them as unknown: a wrong type is a mismatch, not a crash.
 */
export type StoredRow = unknown[];

/** What readers (get, query, scan) select: the body is the record, the hash is added to it, seq pages. */
export const RECORD_SELECT = 'hash, body, seq';

/** A record's stored form for readers, in RECORD_SELECT order. */
export type RecordText = [hash: string, body: string, seq: number];

/**
 * A validated record waiting for its place in the chain: its canonical body cut around the two
 * fields only the chain can fill (`"prevHash":…` and `"seq":…`), so that the writer finishes the
 * body with two concatenations inside its transaction.
 */
export type PendingRow = [
  /** `{"alias":…,…,"outcome":…,` */
  beforePrevHash: string,
  /** `,"provider":…,"purpose":…,"requestId":…,` */
  beforeSeq: string,
  /** `,"status":…,"time":…,"tokens":…}` */
  afterSeq: string,
];

/** A chained row as the writer inserts it. */
export type ChainedRow = [seq: number, hash: string, body: string];

/** The prevHash of the first record of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The canonical body of a pending row once the chain gives it prevHash and seq (prevHash is hex: no escaping). */
export function composeBody(pending: PendingRow, prevHash: string, seq: number): string {
  return `${pending[0]}"prevHash":"${prevHash}"${pending[1]}"seq":${seq}${pending[2]}`;
}
