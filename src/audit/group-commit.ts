interface Waiting<Item, Result> {
  item: Item;
  queuedAt: number;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Longest a record waits before its commit starts when a commit slot is free (0 = next turn of the event loop). */
  maxDelayMs: number;
  /** Most records in one transaction. */
  maxBatch: number;
  /** Commits allowed to run at once (the store serialises them on its writer lock; 2 keeps the writer busy). */
  maxInFlight: number;
  /** Hand a batch over as soon as this many records wait (a store that merges waiting batches itself prefers a steady stream). */
  flushAt?: number;
}

/**
 * Group commit: appends that arrive while a commit is running, or within maxDelayMs of each other,
 * share the next transaction, so throughput is not bounded by one fsync per record. Each record's
 * promise settles with its batch. The wait is cut short as soon as as many records are queued as
 * the last batch held: under a steady load the writers of the last batch are back, and a lone
 * writer is never delayed. Up to maxInFlight commits overlap, so that the store's writer already
 * has the next batch while the gateway handles the answers to the previous one; the store's
 * writer lock still orders them, and each one chains from the head it reads under that lock.
 */
export class GroupCommitter<Item, Result> {
  private queue: Waiting<Item, Result>[] = [];
  private running = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private lastBatchSize = 1;
  private idleWaiters: (() => void)[] = [];

  constructor(
    /** Commits the items as one transaction; returns one result per item, in order. */
    private readonly commit: (items: Item[]) => Promise<Result[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, queuedAt: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything submitted so far has been committed (or has failed). */
  async drain(): Promise<void> {
    while (this.running > 0 || this.queue.length > 0) {
      if (this.running === 0) this.flush();
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private schedule(): void {
    if (this.running >= this.options.maxInFlight || this.timer !== null || this.queue.length === 0) return;
    const remaining = this.options.maxDelayMs - (performance.now() - this.queue[0]!.queuedAt);
    const enough = Math.min(this.options.maxBatch, this.lastBatchSize, this.options.flushAt ?? Number.POSITIVE_INFINITY);
    if (this.queue.length >= enough || remaining <= 0) {
      // Not synchronously: appends made in the same turn of the event loop still join this batch.
      this.timer = setImmediate(() => this.fire());
    } else {
      this.timer = setTimeout(() => this.fire(), remaining);
    }
  }

  private fire(): void {
    this.timer = null;
    if (this.running < this.options.maxInFlight && this.queue.length > 0) this.flush();
  }

  private flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = null;
    }
    const batch = this.queue.splice(0, this.options.maxBatch);
    this.lastBatchSize = batch.length;
    this.running += 1;
    this.commit(batch.map((waiting) => waiting.item))
      .then(
        (results) => {
          for (let index = 0; index < batch.length; index += 1) batch[index]!.resolve(results[index]!);
        },
        (error: unknown) => {
          for (const waiting of batch) waiting.reject(error);
        },
      )
      .finally(() => {
        this.running -= 1;
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
        this.schedule();
      });
    this.schedule();
  }
}
