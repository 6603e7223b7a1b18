import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * A fresh schema for the PostgreSQL ledger variant, as the audit tests do it: the URL's search_path
 * names a schema nobody else uses (the ledger creates it), and drop() removes it at the end. The
 * benchmark's chain thus never mixes with a test's or another run's.
 */
export function freshBenchSchema(baseUrl: string): { url: string; schema: string; drop(): Promise<void> } {
  const schema = `jaju_bench_gateway_${randomBytes(6).toString('hex')}`;
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}search_path=${schema}`;
  return {
    url,
    schema,
    async drop() {
      const sql = postgres(baseUrl, { max: 1, onnotice: () => undefined, connect_timeout: 5 });
      try {
        await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 2 });
      }
    },
  };
}
