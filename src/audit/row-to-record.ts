import type { AuditRecord } from '../domain/index.js';

/** A stored record as the AuditRecord the rest of jaju reads: its hashed body, parsed, plus its hash. */
export function rowToRecord(row: unknown[]): AuditRecord {
  const record = JSON.parse(String(row[1])) as AuditRecord;
  record.hash = String(row[0]);
  return record;
}
