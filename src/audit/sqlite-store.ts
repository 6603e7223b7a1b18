import { existsSync } from 'node:fs';
import { anchorFilePath, readAnchorFile } from './anchor-file.js';
import { AuditStoreError } from './errors.js';
import { openReadConnection, SqliteReader } from './sqlite-reader.js';
import { assertLedgerFormat } from './sqlite-schema.js';
import { SqliteWriterClient } from './sqlite-writer-client.js';
import type { LedgerStore } from './store.js';
import { decodeChained, encodePending, type EncodedChain } from './writer-protocol.js';

function storeError(path: string, action: string, error: unknown): AuditStoreError {
  if (error instanceof AuditStoreError) return error;
  return new AuditStoreError(`audit ledger ${path}: ${action} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

/**
 * The default store: one SQLite file in WAL mode. Writes go through the writer thread (group-commit
 * transactions, fsync off the event loop); reads use a connection on the caller's thread; verify
 * opens its own connection and holds one read transaction, which in WAL mode is a consistent snapshot.
 */
export async function openSqliteStore(path: string, options: { readOnly: boolean }): Promise<LedgerStore> {
  const anchorFile = anchorFilePath(path);
  let writer: SqliteWriterClient | null = null;
  if (options.readOnly) {
    if (!existsSync(path)) throw new AuditStoreError(`no audit ledger at ${path}`);
  } else {
    writer = new SqliteWriterClient({ path, anchorFile });
    await writer.start();
  }
  const openReader = () => {
    const db = openReadConnection(path);
    try {
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_records'").get() === undefined) {
        throw new AuditStoreError(`no audit ledger in ${path}`);
      }
      assertLedgerFormat(db, path);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  };
  let db;
  try {
    db = openReader();
  } catch (error) {
    await writer?.close();
    throw storeError(path, 'open', error);
  }
  const reader = new SqliteReader(db);
  const needWriter = (): SqliteWriterClient => {
    if (writer === null) throw new AuditStoreError(`audit ledger ${path} is open read-only`);
    return writer;
  };
  const read = <T>(action: string, run: () => T): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(storeError(path, action, error));
    }
  };

  return {
    location: path,
    // The writer thread merges every batch waiting for it into one transaction, so a steady stream
    // of small batches keeps it busy while this thread prepares the next ones, without more fsyncs.
    commitsInFlight: 4,
    flushAt: 32,
    appendRows: async (pending) => decodeChained(await needWriter().request<EncodedChain>('append', encodePending(pending))),
    prune: (request) => needWriter().request<{ removed: number }>('prune', request),
    anchor: async (instance, time) => {
      await needWriter().request('anchor', { instance, time });
    },
    externalAnchor: async () => {
      try {
        return readAnchorFile(anchorFile);
      } catch (error) {
        throw storeError(path, 'reading the anchor file', error);
      }
    },
    head: () => read('head', () => reader.head()),
    get: (seq) => read('get', () => reader.get(seq)),
    query: (query) => read('query', () => reader.query(query)),
    firstSeqAtOrAfter: (time) => read('scan', () => reader.firstSeqAtOrAfter(time)),
    scanPage: (afterSeq, limit, filter) => read('scan', () => reader.scanPage(afterSeq, limit, filter)),
    async snapshot(readSnapshot) {
      let connection;
      try {
        connection = openReadConnection(path);
        connection.exec('BEGIN');
      } catch (error) {
        connection?.close();
        throw storeError(path, 'verify', error);
      }
      try {
        return await readSnapshot(new SqliteReader(connection).snapshotReader());
      } catch (error) {
        throw storeError(path, 'verify', error);
      } finally {
        connection.exec('COMMIT');
        connection.close();
      }
    },
    async close() {
      db.close();
      await writer?.close();
    },
  };
}
