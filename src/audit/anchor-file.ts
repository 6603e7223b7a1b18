import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import type { Anchor } from './store.js';

/** The side file next to a SQLite ledger that repeats the newest anchor outside the database. */
export function anchorFilePath(databasePath: string): string {
  return `${databasePath}.anchor.json`;
}

/** Replaces the side file atomically (write, fsync, rename): a crash leaves the old or the new anchor, never half of one. */
export function writeAnchorFile(path: string, anchor: Anchor): void {
  const temporary = `${path}.${process.pid}.${threadId}.tmp`;
  const descriptor = openSync(temporary, 'w');
  try {
    writeSync(descriptor, `${JSON.stringify(anchor)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, path);
}

/** The side file's anchor; null when there is none. A damaged file is reported, not ignored. */
export function readAnchorFile(path: string): Anchor | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const value = JSON.parse(text) as Partial<Anchor>;
  if (typeof value.seq !== 'number' || typeof value.hash !== 'string') throw new Error(`${path}: not an anchor file`);
  return { seq: value.seq, hash: value.hash, time: String(value.time ?? ''), instance: String(value.instance ?? '') };
}
