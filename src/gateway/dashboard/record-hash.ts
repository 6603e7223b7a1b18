import { canonicalJson, recordHash } from '../../audit/index.js';
import type { AuditRecord } from '../../domain/index.js';

/**
 * Recomputes a record's hash from the contract of docs/design.md §4.6 — sha256(prevHash + canonical JSON of
 * the record without its hash) — so the audit page can show, for the one record an operator opened,
 * that what the ledger returned is what was chained. (The full check of every link is `verify`.)
 */
export function recordHashMatches(record: AuditRecord): boolean {
  const { hash, ...unhashed } = record;
  try {
    return recordHash(record.prevHash, canonicalJson(unhashed)) === hash;
  } catch {
    return false; // not canonicalisable: cannot be what was hashed
  }
}
