import type { PendingRow } from './record-row.js';
import type { ChainedMeta } from './store.js';

/**
 * The SQLite writer thread's wire format. Structured-cloning an array of small arrays costs about
 * as much as the insert itself, so a batch crosses the thread boundary as one string: the pending
 * rows' parts joined with "\n" (canonical JSON never contains a raw line feed: JSON escapes it),
 * and the answer is the first seq, its prevHash and the 64-character hashes back to back.
 */
export function encodePending(rows: readonly PendingRow[]): string {
  let text = '';
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index]!;
    text += `${index === 0 ? '' : '\n'}${row[0]}\n${row[1]}\n${row[2]}`;
  }
  return text;
}

export function decodePending(text: string): PendingRow[] {
  const parts = text.split('\n');
  if (parts.length % 3 !== 0) throw new Error('malformed batch');
  const rows: PendingRow[] = new Array(parts.length / 3);
  for (let index = 0; index < rows.length; index += 1) rows[index] = [parts[3 * index]!, parts[3 * index + 1]!, parts[3 * index + 2]!];
  return rows;
}

export interface EncodedChain {
  firstSeq: number;
  firstPrevHash: string;
  hashes: string;
}

export function encodeChained(meta: readonly ChainedMeta[]): EncodedChain {
  return { firstSeq: meta[0]?.[0] ?? 0, firstPrevHash: meta[0]?.[1] ?? '', hashes: meta.map((entry) => entry[2]).join('') };
}

export function decodeChained({ firstSeq, firstPrevHash, hashes }: EncodedChain): ChainedMeta[] {
  const meta: ChainedMeta[] = new Array(hashes.length / 64);
  let previous = firstPrevHash;
  for (let index = 0; index < meta.length; index += 1) {
    const hash = hashes.slice(64 * index, 64 * index + 64);
    meta[index] = [firstSeq + index, previous, hash];
    previous = hash;
  }
  return meta;
}
