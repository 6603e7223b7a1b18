import type { AuditLedger } from '../audit/index.js';
import type { AuditRecord } from '../domain/index.js';

export interface LedgerTailOptions {
  /** How often to look for new records (default 1 s). */
  intervalMs?: number;
  onError?: (error: Error) => void;
}

/**
 * Follows the shared ledger from its head at start: every record appended afterwards, by any gateway
 * process, is handed to the observers once, in seq order. This is how a console running apart from the
 * gateways (`jaju serve --role console`) sees live traffic; the ledger is the source of truth, so a
 * console restart loses only the live meter's history, never a record.
 */
export class LedgerTail {
  private next = 1;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;
  private readonly intervalMs: number;

  constructor(
    private readonly ledger: Pick<AuditLedger, 'head' | 'scan'>,
    private readonly observers: readonly ((record: AuditRecord) => void)[],
    private readonly options: LedgerTailOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1_000;
  }

  /** Starts after the current head (history is the indicators' job, not the live meter's). */
  async start(): Promise<void> {
    const head = await this.ledger.head();
    this.next = (head?.seq ?? 0) + 1;
    this.schedule();
  }

  /** Reads what was appended since the last poll (tests call it directly instead of waiting). */
  poll(): Promise<void> {
    this.polling ??= this.read().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  private async read(): Promise<void> {
    try {
      for await (const record of this.ledger.scan({ fromSeq: this.next })) {
        if (this.stopped) return;
        this.next = record.seq + 1;
        for (const observer of this.observers) {
          try {
            observer(record);
          } catch {
            // a broken view must not stop the tail
          }
        }
      }
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }
}
