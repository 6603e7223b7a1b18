import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import postgres from 'postgres';
import { maskConnectionUrl } from '../../../src/audit/mask-url.js';

/** The server the PostgreSQL tests use (scripts/test-prerequisites.sh starts one on loopback). */
export const POSTGRES_URL = process.env['JAJU_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export function isCi(): boolean {
  return process.env['CI'] === 'true' || process.env['CI'] === '1';
}

export function connect(url: string): postgres.Sql {
  return postgres(url, { max: 2, onnotice: () => undefined, connect_timeout: 5 });
}

/** null when the server answers, else why not. */
export async function probePostgres(): Promise<string | null> {
  const sql = connect(POSTGRES_URL);
  try {
    await sql`SELECT 1`;
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

/** A URL whose search_path is a fresh schema (the ledger creates it); drop() removes it. */
export function freshSchema(prefix = 'jaju_audit_test'): { url: string; schema: string; drop(): Promise<void> } {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const separator = POSTGRES_URL.includes('?') ? '&' : '?';
  const url = `${POSTGRES_URL}${separator}search_path=${schema}`;
  return {
    url,
    schema,
    async drop() {
      const sql = connect(POSTGRES_URL);
      try {
        await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 1 });
      }
    },
  };
}

/**
 * A describe() that needs PostgreSQL: skipped with a loud message when no server answers, except in
 * CI (CI=true or 1), where an unreachable server is a failure.
 */
export async function describeWithPostgres(name: string, body: () => void): Promise<void> {
  const unreachable = await probePostgres();
  if (unreachable === null) {
    describe(name, body);
    return;
  }
  const message = `PostgreSQL not reachable at ${maskConnectionUrl(POSTGRES_URL)}: ${unreachable}`;
  if (isCi()) {
    describe(name, () => it('needs PostgreSQL, which CI must provide', () => assert.fail(message)));
    return;
  }
  process.stderr.write(`\n*** SKIPPING ${name}: ${message} ***\n\n`);
  describe(name, () => it('needs PostgreSQL', (t) => t.skip(message)));
}
