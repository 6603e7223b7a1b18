import { DERIVED_COLUMNS, GENESIS_HASH } from './record-row.js';
import { LEDGER_FORMAT } from './sqlite-schema.js';

/**
 * The same tables as SQLite. `body` is text, not json/jsonb: it must come back byte for byte as it
 * was hashed. The derived columns are set from the body by a trigger (SQLite uses generated
 * columns); `time` keeps the ISO text with the "C" collation, so that its index orders by byte
 * value, which for fixed-format ISO strings is time order.
 */
export const POSTGRES_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS audit_records (
    seq bigint PRIMARY KEY,
    hash text NOT NULL,
    body text NOT NULL,
    ${DERIVED_COLUMNS.map(({ column, postgres }) => `${column} ${postgres}`).join(',\n    ')}
  )`,
  // One jsonb parse per row sets every derived column, on INSERT and on any UPDATE, so a column can
  // never be written apart from its body (about twice as fast as ten generated-column expressions,
  // which PostgreSQL evaluates with one parse each).
  `CREATE OR REPLACE FUNCTION audit_derive_columns() RETURNS trigger LANGUAGE plpgsql AS $derive$
  DECLARE record jsonb := NEW.body::jsonb;
  BEGIN
    ${DERIVED_COLUMNS.map(({ column, key, postgresCast }) => `NEW.${column} := (record ->> '${key}')${postgresCast};`).join('\n    ')}
    RETURN NEW;
  END
  $derive$`,
  'CREATE OR REPLACE TRIGGER audit_derive_columns BEFORE INSERT OR UPDATE ON audit_records FOR EACH ROW EXECUTE FUNCTION audit_derive_columns()',
  'CREATE INDEX IF NOT EXISTS audit_records_app ON audit_records (app, seq)',
  'CREATE INDEX IF NOT EXISTS audit_records_provider ON audit_records (provider, seq)',
  'CREATE INDEX IF NOT EXISTS audit_records_kind ON audit_records (kind, seq)',
  'CREATE INDEX IF NOT EXISTS audit_records_outcome ON audit_records (outcome, seq)',
  'CREATE INDEX IF NOT EXISTS audit_records_grade ON audit_records (grade, seq)',
  'CREATE INDEX IF NOT EXISTS audit_records_request ON audit_records (request_id)',
  'CREATE INDEX IF NOT EXISTS audit_records_time ON audit_records (time)',
  `CREATE TABLE IF NOT EXISTS audit_chain (
    id integer PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL,
    hash text NOT NULL
  )`,
  `INSERT INTO audit_chain (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}') ON CONFLICT (id) DO NOTHING`,
  `CREATE TABLE IF NOT EXISTS audit_anchors (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seq bigint NOT NULL,
    hash text NOT NULL,
    time text COLLATE "C" NOT NULL,
    instance text NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS audit_anchors_seq ON audit_anchors (seq, id)',
  `CREATE TABLE IF NOT EXISTS audit_pruned_ranges (
    from_seq bigint PRIMARY KEY,
    to_seq bigint NOT NULL,
    prev_hash text NOT NULL,
    last_hash text NOT NULL,
    prune_seq bigint NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS audit_pruned_ranges_prune ON audit_pruned_ranges (prune_seq, from_seq)',
  'CREATE TABLE IF NOT EXISTS audit_meta (key text PRIMARY KEY, value text NOT NULL)',
  `INSERT INTO audit_meta (key, value) VALUES ('format', '${LEDGER_FORMAT}') ON CONFLICT (key) DO NOTHING`,
];

/** Serialises schema creation between processes starting at once (CREATE … IF NOT EXISTS is not race-free). */
export const SCHEMA_LOCK_KEY = 'jaju.audit.schema';

/** The first schema named by the URL's search_path parameter, created if missing; null = the server default. */
export function schemaFromUrl(url: string): string | null {
  const query = url.indexOf('?');
  if (query < 0) return null;
  const value = new URLSearchParams(url.slice(query + 1)).get('search_path');
  if (value === null) return null;
  const first = value.split(',')[0]!.trim().replace(/^"(.*)"$/, '$1');
  return first === '' || first === '$user' ? null : first;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
