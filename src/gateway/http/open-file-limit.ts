import { readFileSync } from 'node:fs';

/** The soft limit on open files of this process (`ulimit -n`), or undefined where /proc cannot tell. */
export function openFileLimit(limitsFile = '/proc/self/limits'): number | undefined {
  try {
    const line = readFileSync(limitsFile, 'utf8')
      .split('\n')
      .find((text) => text.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    if (soft === undefined) return undefined;
    if (soft === 'unlimited') return Number.MAX_SAFE_INTEGER;
    const value = Number(soft);
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** File descriptors kept for everything that is not a client connection: the ledger, logs, policy files, listeners. */
export const NON_CLIENT_DESCRIPTORS = 128;

/**
 * `server.maxConnections: auto`, as HAProxy derives its maxconn from `ulimit -n`: every client
 * connection may hold a second descriptor for its upstream call, so half of what is left after the
 * gateway's own files, between 64 and 10,000. Unknown limit ⇒ the common Linux default of 1,024.
 */
export function autoMaxConnections(fileLimit: number | undefined): number {
  const limit = fileLimit ?? 1024;
  return Math.max(64, Math.min(10_000, Math.floor((limit - NON_CLIENT_DESCRIPTORS) / 2)));
}
