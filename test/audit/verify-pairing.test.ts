import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openLedger } from '../../src/audit/index.js';
import { parseConfig } from '../../src/config/index.js';
import type { AuditRecordInput } from '../../src/domain/index.js';
import { runJaju } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { completion, record } from './helpers/records.js';

const QUIET = { anchorTimer: false, pruneIntervalMs: null } as const;
const refusal = (requestId: string, kind: 'deny' | 'refuse'): AuditRecordInput =>
  record({ kind, requestId, provider: null, model: null, operatorCountry: null, hostingCountry: null, mode: null, outcome: kind === 'deny' ? 'unavailable' : 'denied', status: kind === 'deny' ? 503 : 400, detail: { endpoint: 'chat', code: 'invalid_request' } });

async function ledgerWith(records: AuditRecordInput[]) {
  const dir = tempDir();
  const configFile = join(dir, 'jaju.yaml');
  writeFileSync(configFile, 'store:\n  sqlite: ./audit.db\n');
  const ledger = await openLedger(parseConfig({ store: { sqlite: './audit.db' } }, null, dir), QUIET);
  for (const input of records) await ledger.append(input);
  return { ledger, configFile };
}

describe('verify pairs request records (docs/audit.md "Pairing")', () => {
  it('accepts deny and refuse records standing alone beside dispatch/complete pairs', async () => {
    const { ledger } = await ledgerWith([record({ requestId: 'a' }), refusal('b', 'refuse'), completion('a'), refusal('c', 'deny'), record({ requestId: 'd' })]);
    try {
      const report = await ledger.verify();
      assert.equal(report.ok, true);
      assert.deepEqual(report.conflicts, []);
      assert.deepEqual(report.orphans, []);
      assert.deepEqual(report.incomplete, [{ seq: 5, requestId: 'd' }]);
    } finally {
      await ledger.close();
    }
  });

  it('fails a request that was refused while a dispatch of it was open, and says so on the command line', async () => {
    const { ledger, configFile } = await ledgerWith([record({ requestId: 'x' }), refusal('x', 'refuse'), completion('x'), record({ requestId: 'y' }), refusal('y', 'deny'), completion('y')]);
    try {
      const report = await ledger.verify();
      assert.equal(report.ok, false);
      assert.deepEqual(report.conflicts, [
        { seq: 2, requestId: 'x', kind: 'refuse' },
        { seq: 5, requestId: 'y', kind: 'deny' },
      ]);
    } finally {
      await ledger.close();
    }
    const { code, stdout } = await runJaju(['audit', 'verify', '--config', configFile]);
    assert.equal(code, 1);
    assert.match(stdout, /^BROKEN at seq 2: 2 deny\/refuse records written while a dispatch of the same request was open \(first: refuse, request x\)/);
  });
});
