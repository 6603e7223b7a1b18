import Database from 'better-sqlite3';
import type postgres from 'postgres';
import { connect } from './postgres-test.js';

/**
 * Direct SQL on a ledger's database, around the ledger: what an attacker (or a careless operator)
 * with database access could do. SQL is written with `?` placeholders for both stores.
 */
export interface Tamper {
  exec(text: string, ...params: unknown[]): Promise<void>;
  rows<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function sqliteTamper(path: string): Tamper {
  const db = new Database(path, { fileMustExist: true });
  return {
    async exec(text, ...params) {
      db.prepare(text).run(...params);
    },
    async rows<T>(text: string, ...params: unknown[]) {
      return db.prepare(text).all(...params) as T[];
    },
    async close() {
      db.close();
    },
  };
}

function numbered(text: string): string {
  let index = 0;
  return text.replace(/\?/g, () => `$${++index}`);
}

export function postgresTamper(url: string): Tamper {
  const sql: postgres.Sql = connect(url);
  return {
    async exec(text, ...params) {
      await sql.unsafe(numbered(text), params as postgres.ParameterOrJSON<never>[]);
    },
    async rows<T>(text: string, ...params: unknown[]) {
      const rows = await sql.unsafe(numbered(text), params as postgres.ParameterOrJSON<never>[]);
      // bigint comes back as text: tests compare numbers.
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' && /^(seq|.*_seq|id)$/.test(key) ? Number(value) : value]))) as T[];
    },
    async close() {
      await sql.end({ timeout: 1 });
    },
  };
}
