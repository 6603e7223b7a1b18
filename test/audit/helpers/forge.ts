import { recordHash } from '../../../src/audit/chain-hash.js';
import { prepareRow } from '../../../src/audit/prepare-row.js';
import { composeBody } from '../../../src/audit/record-row.js';
import { record } from './records.js';
import type { Tamper } from './tamper.js';

/** A record body as the ledger would have written it at `seq` after `prevHash`, with its correct hash. */
export function forge(prevHash: string, seq: number, overrides: Parameters<typeof record>[0] = {}): { body: string; hash: string } {
  const { pending } = prepareRow(record({ requestId: 'forged', ...overrides }), () => new Date('2026-01-01T00:00:00.000Z'));
  const body = composeBody(pending, prevHash, seq);
  return { body, hash: recordHash(prevHash, body) };
}

export async function rowAt(tamper: Tamper, seq: number): Promise<{ seq: number; hash: string; body: string; prev_hash: string }> {
  const [row] = await tamper.rows<{ seq: number; hash: string; body: string; prev_hash: string }>('SELECT seq, hash, body, prev_hash FROM audit_records WHERE seq = ?', seq);
  if (row === undefined) throw new Error(`no record ${seq}`);
  return row;
}

/** Moves every record with seq ≥ from by `by` (through negative seqs, so the primary key never collides). */
export async function renumber(tamper: Tamper, from: number, by: number): Promise<void> {
  await tamper.exec('UPDATE audit_records SET seq = -seq WHERE seq >= ?', from);
  await tamper.exec('UPDATE audit_records SET seq = -seq + ? WHERE seq < 0', by);
}

/** Swaps the positions of two records (each keeps its body and hash: only seq changes). */
export async function swap(tamper: Tamper, first: number, second: number): Promise<void> {
  await tamper.exec('UPDATE audit_records SET seq = -1 WHERE seq = ?', first);
  await tamper.exec('UPDATE audit_records SET seq = ? WHERE seq = ?', first, second);
  await tamper.exec('UPDATE audit_records SET seq = ? WHERE seq = -1', second);
}

/** Edits record `seq`'s body and recomputes its hash, as a forger who knows the hash rule would. */
export async function editAndRehash(tamper: Tamper, seq: number, edit: (body: string) => string): Promise<string> {
  const row = await rowAt(tamper, seq);
  const body = edit(row.body);
  const hash = recordHash(row.prev_hash, body);
  await tamper.exec('UPDATE audit_records SET body = ?, hash = ? WHERE seq = ?', body, hash, seq);
  return hash;
}
