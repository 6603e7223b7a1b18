import { parentPort, workerData } from 'node:worker_threads';
import type { PendingRow } from './record-row.js';
import { SqliteWriter } from './sqlite-writer.js';
import { decodePending, encodeChained } from './writer-protocol.js';

/**
 * Worker-thread entry: owns the SQLite write connection, so that the fsync of each group commit
 * (synchronous=FULL) never blocks the gateway's event loop. Requests are handled in order. Append
 * requests that are already waiting when a commit ends are merged into the next transaction: one
 * fsync for all of them (the second half of group commit, see group-commit.ts).
 */
export interface WriterRequest {
  id: number;
  op: 'append' | 'prune' | 'anchor' | 'close';
  payload?: unknown;
}

export type WriterResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string; code: string | undefined };

interface WriterSetup {
  path: string;
  anchorFile: string | null;
}

const port = parentPort!;
const setup = workerData as WriterSetup;
let writer: SqliteWriter;
try {
  writer = new SqliteWriter(setup.path, setup.anchorFile);
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, message: (error as Error).message, code: (error as { code?: string }).code });
  process.exit(1);
}

function failure(id: number, error: unknown): WriterResponse {
  return { id, ok: false, message: (error as Error).message, code: (error as { code?: string }).code };
}

let appends: { id: number; rows: PendingRow[] }[] = [];
let flushScheduled = false;

/** Commits every waiting append request in one transaction and answers each with its share. */
function flushAppends(): void {
  flushScheduled = false;
  const requests = appends;
  appends = [];
  if (requests.length === 0) return;
  try {
    const meta = writer.append(requests.length === 1 ? requests[0]!.rows : requests.flatMap((request) => request.rows));
    let offset = 0;
    for (const request of requests) {
      port.postMessage({ id: request.id, ok: true, result: encodeChained(meta.slice(offset, offset + request.rows.length)) } satisfies WriterResponse);
      offset += request.rows.length;
    }
  } catch (error) {
    for (const request of requests) port.postMessage(failure(request.id, error));
  }
}

port.on('message', (request: WriterRequest) => {
  if (request.op === 'append') {
    try {
      appends.push({ id: request.id, rows: decodePending(request.payload as string) });
    } catch (error) {
      port.postMessage(failure(request.id, error));
      return;
    }
    // Messages already queued are delivered before this runs, so they join the same transaction.
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushAppends);
    }
    return;
  }
  flushAppends(); // keep the order: appends sent before this request are committed first
  let response: WriterResponse;
  try {
    let result: unknown = null;
    switch (request.op) {
      case 'prune':
        result = writer.prune(request.payload as Parameters<SqliteWriter['prune']>[0]);
        break;
      case 'anchor': {
        const { instance, time } = request.payload as { instance: string; time: string };
        writer.anchor(instance, time);
        break;
      }
      case 'close':
        writer.close();
        port.postMessage({ id: request.id, ok: true, result: null } satisfies WriterResponse);
        port.close();
        return;
    }
    response = { id: request.id, ok: true, result };
  } catch (error) {
    response = failure(request.id, error);
  }
  port.postMessage(response);
});
