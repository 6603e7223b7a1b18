import { JajuError } from '../domain/errors.js';

/**
 * The store could not make a record durable (or could not be read). Maps to HTTP 503
 * `audit_unavailable`: the gateway refuses the call rather than send anything unrecorded.
 * Messages never contain a connection password (see mask-url.ts).
 */
export class AuditStoreError extends JajuError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('audit_unavailable', message, options);
    this.name = 'AuditStoreError';
  }
}

/** A writer handed the ledger a record that cannot be stored faithfully (a bug in the caller, not a store failure). */
export class AuditRecordError extends Error {
  override name = 'AuditRecordError';
}
