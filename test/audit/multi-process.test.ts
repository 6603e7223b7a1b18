import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openLedger, type AuditLedger } from '../../src/audit/index.js';
import { parseConfig, type Config } from '../../src/config/index.js';
import type { AuditRecord } from '../../src/domain/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { describeWithPostgres, freshSchema } from './helpers/postgres-test.js';
import { record } from './helpers/records.js';

const CHILD = fileURLToPath(new URL('./fixtures/append-child.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

interface Durable {
  seq: number;
  kind: string;
  requestId: string;
}

/** A child appending process and what it has reported durable so far. */
class Appender {
  readonly durable: Durable[] = [];
  readonly process: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  private waiters: { count: number; resolve: () => void }[] = [];
  private stderr = '';

  constructor(store: Config['store'], tag: string, requests: number | null, concurrency: number) {
    this.process = spawn(process.execPath, ['--import', TSX, CHILD, JSON.stringify({ store, requests, concurrency, tag })], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = once(this.process, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    this.process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    let markReady: () => void;
    this.ready = new Promise((resolve) => {
      markReady = resolve;
    });
    createInterface({ input: this.process.stdout! }).on('line', (line) => {
      if (line === 'ready') markReady();
      const match = /^durable (\d+) (\w+) (\S+)$/.exec(line);
      if (match === null) return;
      this.durable.push({ seq: Number(match[1]), kind: match[2]!, requestId: match[3]! });
      this.waiters = this.waiters.filter((waiter) => {
        if (this.durable.length < waiter.count) return true;
        waiter.resolve();
        return false;
      });
    });
  }

  go(): void {
    this.process.stdin!.write('go\n');
  }

  /** Resolves once `count` appends were reported durable. */
  reported(count: number): Promise<void> {
    if (this.durable.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async finished(): Promise<void> {
    const [code] = await this.exited;
    assert.equal(code, 0, `child failed: ${this.stderr}`);
  }
}

async function allRecords(ledger: AuditLedger): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for await (const entry of ledger.scan()) out.push(entry);
  return out;
}

/** Every append a child reported durable is in the ledger, at the seq it was told, as written. */
function assertReportedPresent(records: AuditRecord[], reported: Durable[]): void {
  const bySeq = new Map(records.map((entry) => [entry.seq, entry]));
  for (const durable of reported) {
    const found = bySeq.get(durable.seq);
    assert.ok(found !== undefined, `seq ${durable.seq} was reported durable but is missing`);
    assert.equal(found.requestId, durable.requestId);
    assert.equal(found.kind, durable.kind);
  }
}

async function twoWriters(store: Config['store']): Promise<void> {
  const requests = 300;
  const writers = [new Appender(store, 'alpha', requests, 16), new Appender(store, 'beta', requests, 16)];
  await Promise.all(writers.map((writer) => writer.ready));
  for (const writer of writers) writer.go();
  await Promise.all(writers.map((writer) => writer.finished()));

  const ledger = await openLedger(parseConfig({ store }), { readOnly: true });
  const report = await ledger.verify();
  const records = await allRecords(ledger);
  await ledger.close();
  assert.equal(report.ok, true, JSON.stringify(report.firstBad));
  assert.equal(report.records, 2 * 2 * requests);
  assert.deepEqual(report.incomplete, []);
  assert.deepEqual(records.map((entry) => entry.seq), Array.from({ length: 4 * requests }, (_, index) => index + 1), 'one gap-free chain');
  const reported = writers.flatMap((writer) => writer.durable);
  assert.equal(new Set(reported.map((durable) => durable.seq)).size, reported.length, 'no seq was handed out twice');
  assertReportedPresent(records, reported);
  let switches = 0;
  for (let index = 1; index < records.length; index += 1) if (records[index]!.app !== records[index - 1]!.app) switches += 1;
  assert.ok(switches > 1, 'the two processes wrote interleaved, not one after the other');
}

async function killedMidAppend(store: Config['store']): Promise<void> {
  const writer = new Appender(store, 'victim', null, 32);
  await writer.ready;
  writer.go();
  await writer.reported(400);
  writer.process.kill('SIGKILL');
  const [, signal] = await writer.exited;
  assert.equal(signal, 'SIGKILL');

  // Restarted: the ledger opens, the chain verifies, and every acknowledged append survived.
  const ledger = await openLedger(parseConfig({ store }), { anchorTimer: false, pruneIntervalMs: null });
  const report = await ledger.verify();
  const records = await allRecords(ledger);
  assert.equal(report.ok, true, JSON.stringify(report.firstBad));
  assert.ok(report.records >= writer.durable.length);
  assertReportedPresent(records, writer.durable);
  // The incomplete pairs are exactly the dispatches whose complete never made it.
  const completed = new Set(records.filter((entry) => entry.kind === 'complete').map((entry) => entry.requestId));
  const open = records.filter((entry) => entry.kind === 'dispatch' && !completed.has(entry.requestId)).map((entry) => ({ seq: entry.seq, requestId: entry.requestId }));
  assert.deepEqual(report.incomplete, open);
  // And the chain goes on from where the killed process left it.
  const next = await ledger.append(record({ requestId: 'after-restart' }));
  assert.equal(next.seq, report.head!.seq + 1);
  assert.equal(next.prevHash, report.head!.hash);
  await ledger.close();
}

describe('audit ledger across processes: SQLite', () => {
  it('two processes appending to one file keep one valid gap-free chain', async () => {
    await twoWriters({ sqlite: join(tempDir(), 'shared.db') });
  });

  it('a process killed with SIGKILL mid-append loses nothing it acknowledged', async () => {
    await killedMidAppend({ sqlite: join(tempDir(), 'killed.db') });
  });
});

await describeWithPostgres('audit ledger across processes: PostgreSQL', () => {
  it('two processes appending to one database keep one valid gap-free chain', async () => {
    const schema = freshSchema();
    try {
      await twoWriters({ postgres: schema.url });
    } finally {
      await schema.drop();
    }
  });

  it('a process killed with SIGKILL mid-append loses nothing it acknowledged', async () => {
    const schema = freshSchema();
    try {
      await killedMidAppend({ postgres: schema.url });
    } finally {
      await schema.drop();
    }
  });
});
