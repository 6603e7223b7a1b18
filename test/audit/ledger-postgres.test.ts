import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AuditStoreError, openLedger } from '../../src/audit/index.js';
import { parseConfig } from '../../src/config/index.js';
import { ledgerContract } from './helpers/ledger-contract.js';
import { connect, describeWithPostgres, freshSchema } from './helpers/postgres-test.js';
import { record } from './helpers/records.js';
import { postgresHarness } from './helpers/store-harness.js';

await describeWithPostgres('audit ledger on PostgreSQL', () => {
  ledgerContract(postgresHarness());

  it('keeps its tables in the schema named by search_path', async () => {
    const schema = freshSchema();
    try {
      const ledger = await openLedger(parseConfig({ store: { postgres: schema.url } }), { anchorTimer: false });
      await ledger.append(record());
      await ledger.close();
      const sql = connect(schema.url.replace(/[?&]search_path=[^&]*/, ''));
      const tables = await sql`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema.schema} ORDER BY table_name`;
      await sql.end();
      assert.deepEqual(
        tables.map((row) => row['table_name']),
        ['audit_anchors', 'audit_chain', 'audit_meta', 'audit_pruned_ranges', 'audit_records'],
      );
    } finally {
      await schema.drop();
    }
  });

  it('never shows the password of the connection URL in an error', async () => {
    const password = 'S3cret-pa55word';
    const config = parseConfig({ store: { postgres: `postgres://jaju:${password}@127.0.0.1:1/nowhere?connect_timeout=2` } });
    const error = await openLedger(config, { anchorTimer: false }).then(
      () => null,
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof AuditStoreError, String(error));
    assert.match(error.message, /postgres:\/\/jaju:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    assert.ok(!error.message.includes(password), error.message);
    assert.ok(!String(error.stack).includes(password));
  });

  it('fails read-only opening when the database holds no ledger', async () => {
    const schema = freshSchema();
    try {
      const sql = connect(schema.url.replace(/[?&]search_path=[^&]*/, ''));
      await sql.unsafe(`CREATE SCHEMA "${schema.schema}"`);
      await sql.end();
      await assert.rejects(openLedger(parseConfig({ store: { postgres: schema.url } }), { readOnly: true }), /no audit ledger in/);
    } finally {
      await schema.drop();
    }
  });
});
