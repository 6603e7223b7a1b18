import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Config } from '../../src/config/index.js';

/** PostgreSQL for benchmarks: JAJU_BENCH_POSTGRES_URL, else the test server's default. */
export const POSTGRES_URL = process.env['JAJU_BENCH_POSTGRES_URL'] ?? process.env['JAJU_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchStore {
  name: 'sqlite' | 'postgres';
  store: Config['store'];
  drop(): Promise<void>;
}

/** A fresh, empty store of the given kind (a temporary SQLite file, or a fresh PostgreSQL schema). */
export function benchStore(name: 'sqlite' | 'postgres'): BenchStore {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jaju-audit-bench-'));
    return { name, store: { sqlite: join(dir, 'audit.db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `jaju_audit_bench_${process.pid}_${Date.now()}`;
  return {
    name,
    store: { postgres: `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}search_path=${schema}` },
    async drop() {
      const sql = postgres(POSTGRES_URL, { onnotice: () => undefined, max: 1 });
      await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await sql.end();
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function storesFromArgs(): ('sqlite' | 'postgres')[] {
  const chosen = process.argv.slice(2).filter((arg) => arg === 'sqlite' || arg === 'postgres') as ('sqlite' | 'postgres')[];
  return chosen.length > 0 ? chosen : ['sqlite', 'postgres'];
}

export function numberArg(name: string, fallback: number): number {
  const prefix = `--${name}=`;
  const found = process.argv.find((arg) => arg.startsWith(prefix));
  return found === undefined ? fallback : Number(found.slice(prefix.length));
}
