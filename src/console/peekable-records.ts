import type { AuditRecord } from '../domain/index.js';

/**
 * Splits one ledger scan (seq order, so time order up to clock skew) into consecutive time buckets
 * without reading it twice: `until(end)` yields records with time < end and leaves the first later
 * record for the next bucket. A record whose time goes back across a bucket edge (clock skew between
 * writers) lands in the later bucket, where the indicators' own time filter drops it.
 */
export class PeekableRecords {
  private readonly iterator: AsyncIterator<AuditRecord>;
  private peeked: AuditRecord | undefined;
  private done = false;

  constructor(source: AsyncIterable<AuditRecord>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  async *until(endIso: string): AsyncGenerator<AuditRecord> {
    for (;;) {
      if (this.peeked === undefined) {
        if (this.done) return;
        const next = await this.iterator.next();
        if (next.done) {
          this.done = true;
          return;
        }
        this.peeked = next.value;
      }
      if (this.peeked.time >= endIso) return;
      const record = this.peeked;
      this.peeked = undefined;
      yield record;
    }
  }

  async close(): Promise<void> {
    if (!this.done) await this.iterator.return?.();
    this.done = true;
  }
}
