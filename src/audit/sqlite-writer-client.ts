import { Worker } from 'node:worker_threads';
import { AuditStoreError } from './errors.js';
import type { WriterRequest, WriterResponse } from './sqlite-writer-thread.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Runs the writer thread. From source (tsx: tests, benchmarks) the thread needs tsx's loader
 * registered in it, since workers do not inherit module hooks; from dist/ it is plain JavaScript.
 */
function spawnWriter(setup: { path: string; anchorFile: string | null }): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './sqlite-writer-thread.ts' : './sqlite-writer-thread.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: setup });
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

/** The gateway side of the SQLite writer thread: numbered requests, one promise each. */
export class SqliteWriterClient {
  private worker: Worker | null = null;
  private starting: Promise<Worker> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private closing = false;

  constructor(private readonly setup: { path: string; anchorFile: string | null }) {}

  /** Starts the thread and waits until it has opened the database (schema created, pragmas set). */
  start(): Promise<Worker> {
    if (this.worker !== null) return Promise.resolve(this.worker);
    if (this.starting !== null) return this.starting;
    this.starting = new Promise<Worker>((resolve, reject) => {
      const worker = spawnWriter(this.setup);
      let ready = false;
      worker.on('message', (message: WriterResponse | { ready: boolean; message?: string }) => {
        if ('ready' in message) {
          if (message.ready) {
            ready = true;
            this.worker = worker;
            this.starting = null;
            worker.unref();
            resolve(worker);
          } else {
            reject(new AuditStoreError(`cannot open the audit ledger at ${this.setup.path}: ${message.message}`));
          }
          return;
        }
        this.settle(message);
      });
      const stopped = (error: Error) => {
        this.worker = null;
        this.starting = null;
        if (!ready) reject(new AuditStoreError(`cannot open the audit ledger at ${this.setup.path}: ${error.message}`, { cause: error }));
        this.failAll(new AuditStoreError(`the audit ledger writer stopped: ${error.message}`, { cause: error }));
      };
      worker.on('error', stopped);
      worker.on('exit', (code) => {
        if (!this.closing && (this.worker === worker || !ready)) stopped(new Error(`writer thread exited (code ${code})`));
      });
    });
    return this.starting;
  }

  async request<T>(op: WriterRequest['op'], payload?: unknown): Promise<T> {
    if (this.closed) throw new AuditStoreError('the audit ledger is closed');
    const worker = await this.start();
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, op, payload } satisfies WriterRequest);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.worker !== null) {
      const worker = this.worker;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      this.closing = true;
      // Keep the process alive until the thread has closed the database and exited.
      worker.ref();
      await this.request('close');
      this.closed = true;
      this.worker = null;
      await exited;
    }
    this.closed = true;
  }

  private settle(response: WriterResponse): void {
    const pending = this.pending.get(response.id);
    if (pending === undefined) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0 && !this.closing) this.worker?.unref();
    if (response.ok) pending.resolve(response.result);
    else pending.reject(new AuditStoreError(`audit ledger write failed: ${response.message}`));
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
