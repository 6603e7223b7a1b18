import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AuditStoreError, openLedger } from '../../src/audit/index.js';
import { parseConfig } from '../../src/config/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ledgerContract } from './helpers/ledger-contract.js';
import { record } from './helpers/records.js';
import { sqliteHarness } from './helpers/store-harness.js';
import { sqliteTamper } from './helpers/tamper.js';

describe('audit ledger on SQLite', () => {
  ledgerContract(sqliteHarness());

  it('creates missing parent folders and resolves the path against the config folder', async () => {
    const dir = tempDir();
    const config = parseConfig({ store: { sqlite: './nested/deeper/jaju.db' } }, null, dir);
    const ledger = await openLedger(config, { anchorTimer: false });
    await ledger.append(record());
    await ledger.close();
    assert.ok(existsSync(join(dir, 'nested', 'deeper', 'jaju.db')));
    assert.ok(existsSync(join(dir, 'nested', 'deeper', 'jaju.db.anchor.json')), 'close() anchors the head in the side file');
  });

  it('opens read-only without creating anything, and fails when there is no ledger', async () => {
    const dir = tempDir();
    const config = parseConfig({ store: { sqlite: 'missing.db' } }, null, dir);
    await assert.rejects(openLedger(config, { readOnly: true }), (error: unknown) => error instanceof AuditStoreError && /no audit ledger at/.test(error.message));
    assert.equal(existsSync(join(dir, 'missing.db')), false);
  });

  it('detects tail truncation from the side file when the anchors table was emptied too', async () => {
    const dir = tempDir();
    const path = join(dir, 'jaju.db');
    const config = parseConfig({ store: { sqlite: path } }, null, dir);
    const ledger = await openLedger(config, { anchorTimer: false });
    for (let index = 0; index < 6; index += 1) await ledger.append(record({ requestId: `r${index}` }));
    await ledger.close();
    const tamper = sqliteTamper(path);
    const [kept] = await tamper.rows<{ hash: string }>('SELECT hash FROM audit_records WHERE seq = 4');
    await tamper.exec('DELETE FROM audit_records WHERE seq > 4');
    await tamper.exec('UPDATE audit_chain SET seq = 4, hash = ? WHERE id = 1', kept!.hash);
    await tamper.exec('DELETE FROM audit_anchors');
    await tamper.close();
    const reader = await openLedger(config, { readOnly: true });
    const report = await reader.verify();
    await reader.close();
    assert.deepEqual([report.firstBad?.damage, report.firstBad?.seq], ['truncated', 5]);
    assert.match(report.firstBad!.message, /anchor .* records seq 6/);
  });
});
