import { createHash, type Hash } from 'node:crypto';
import { controlRecordInput } from '../domain/index.js';
import { prepareRow } from './prepare-row.js';
import type { PendingRow } from './record-row.js';
import type { PrunedRange } from './store.js';

export type RangeWithoutOwner = Omit<PrunedRange, 'pruneSeq'>;

/**
 * Groups the removed records (seq, prevHash, hash; in seq order) into maximal runs of consecutive
 * seqs. Each run keeps the hash before it and its last hash: all verify needs to bridge the gap.
 */
export function planRanges(removed: ReadonlyArray<readonly [number, string, string]>): RangeWithoutOwner[] {
  const ranges: RangeWithoutOwner[] = [];
  let current: RangeWithoutOwner | null = null;
  for (const [seq, prevHash, hash] of removed) {
    if (current !== null && seq === current.toSeq + 1) {
      current.toSeq = seq;
      current.lastHash = hash;
    } else {
      current = { fromSeq: seq, toSeq: seq, prevHash, lastHash: hash };
      ranges.push(current);
    }
  }
  return ranges;
}

/** Feeds one range into a digest: `from:to:prevHash:lastHash\n`, ranges in fromSeq order. */
export function addRangeToDigest(digest: Hash, range: RangeWithoutOwner): void {
  digest.update(`${range.fromSeq}:${range.toSeq}:${range.prevHash}:${range.lastHash}\n`);
}

/** The digest a prune record holds over its ranges, so that the range table cannot be edited to excuse a deletion. */
export function rangesDigest(ranges: Iterable<RangeWithoutOwner>): string {
  const digest = createHash('sha256');
  for (const range of ranges) addRangeToDigest(digest, range);
  return digest.digest('hex');
}

export interface PruneDetail {
  cutoff: string;
  retentionDays: number;
  removed: number;
  ranges: number;
  firstSeq: number;
  lastSeq: number;
  rangesDigest: string;
}

/** The prune record: a control event in the chain whose detail commits to the removed ranges. */
export function pruneRecordRow(time: string, detail: PruneDetail): PendingRow {
  return prepareRow(
    { ...controlRecordInput('prune', { ...detail }), time },
    () => new Date(time),
  ).pending;
}
