import { createHash, type Hash } from 'node:crypto';
import { BODY, FAST_HASH, FAST_HASHED, FAST_KIND, FAST_REQUEST_ID, FAST_SEQ, FAST_WRITTEN_SEQ, GENESIS_HASH, SEQ, type StoredRow } from './record-row.js';
import { sha256 } from './chain-hash.js';
import { diagnose, type FirstBad } from './diagnose.js';
import { PagedCursor } from './paged-cursor.js';
import { addRangeToDigest } from './prune-ranges.js';
import type { Anchor, LedgerStore, PrunedRange, SnapshotReader, StoredAnchor } from './store.js';
import type { VerifyReport } from './types.js';

const RECORD_PAGE = 5000;
const SIDE_PAGE = 2000;
const short = (hash: unknown) => `${String(hash).slice(0, 12)}…`;

/**
 * The prune records whose range list is intact: the digest in the record's detail matches the
 * ranges on file. Only their ranges may excuse a gap; an edited range table excuses nothing.
 */
async function trustedPrunes(reader: SnapshotReader): Promise<Set<number>> {
  const expected = new Map<number, string>();
  for (const row of await reader.pruneRecords()) {
    try {
      const digest = (JSON.parse(String(row[BODY])) as { detail?: { rangesDigest?: unknown } }).detail?.rangesDigest;
      if (typeof digest === 'string') expected.set(Number(row[SEQ]), digest);
    } catch {
      // An unreadable detail trusts nothing; the record itself fails its hash in the main pass.
    }
  }
  const trusted = new Set<number>();
  let owner = -1;
  let digest: Hash | null = null;
  const finish = () => {
    if (digest !== null && expected.get(owner) === digest.digest('hex')) trusted.add(owner);
  };
  const cursor = new PagedCursor<PrunedRange>(
    (after, limit) => reader.rangesByPrune(after === null ? { pruneSeq: -1, fromSeq: -1 } : after, limit),
    SIDE_PAGE,
  );
  for (let range = await cursor.peek(); range !== undefined; cursor.advance(), range = await cursor.peek()) {
    if (range.pruneSeq !== owner) {
      finish();
      owner = range.pruneSeq;
      digest = createHash('sha256');
    }
    addRangeToDigest(digest!, range);
  }
  finish();
  return trusted;
}

/**
 * The pairing rules (docs/audit.md "Pairing"): a complete closes the oldest open dispatch of its
 * request (a complete with none open is an orphan); deny and refuse stand alone, one record for a
 * request that made no call, so one that arrives while a dispatch of its request is still open is a
 * conflict (the request would be both sent and refused). Memory stays bounded by the open dispatches.
 */
class Pairing {
  private readonly open = new Map<string, number | number[]>();
  readonly orphans: { seq: number; requestId: string }[] = [];
  readonly conflicts: { seq: number; requestId: string; kind: string }[] = [];

  see(row: StoredRow, seq: number): void {
    const kind = row[FAST_KIND];
    const requestId = row[FAST_REQUEST_ID];
    if (typeof requestId !== 'string') return;
    if (kind === 'dispatch') {
      const current = this.open.get(requestId);
      if (current === undefined) this.open.set(requestId, seq);
      else if (typeof current === 'number') this.open.set(requestId, [current, seq]);
      else current.push(seq);
    } else if (kind === 'deny' || kind === 'refuse') {
      if (this.open.has(requestId)) this.conflicts.push({ seq, requestId, kind });
    } else if (kind === 'complete') {
      const current = this.open.get(requestId);
      if (current === undefined) this.orphans.push({ seq, requestId });
      else if (typeof current === 'number') this.open.delete(requestId);
      else {
        current.shift();
        if (current.length === 0) this.open.delete(requestId);
      }
    }
  }

  incomplete(): { seq: number; requestId: string }[] {
    const list: { seq: number; requestId: string }[] = [];
    for (const [requestId, seqs] of this.open) {
      for (const seq of typeof seqs === 'number' ? [seqs] : seqs) list.push({ seq, requestId });
    }
    return list.sort((a, b) => a.seq - b.seq);
  }
}

/**
 * Checks the whole chain in one consistent snapshot, streaming: every record's hash, every link,
 * seq continuity (gaps only where an authentic prune record removed records), every anchor, the
 * writer's head row and the external anchor (truncation), and the pairing of request records.
 * Stops at the first broken record and names the damage (diagnose.ts).
 */
export async function verifyLedger(store: LedgerStore, onProgress?: (checked: number) => void): Promise<VerifyReport> {
  // Read before the snapshot starts: it then names only records the snapshot can see.
  const external = await store.externalAnchor();
  return store.snapshot(async (reader) => {
    const trusted = await trustedPrunes(reader);
    const ranges = new PagedCursor<PrunedRange>((after, limit) => reader.ranges(after?.fromSeq ?? 0, limit), SIDE_PAGE);
    const anchors = new PagedCursor<StoredAnchor>((after, limit) => reader.anchors(after ?? { seq: 0, id: 0 }, limit), SIDE_PAGE);
    const pairing = new Pairing();
    let expectSeq = 1;
    let expectHash = GENESIS_HASH;
    let beforeHash: string | null = null;
    let records = 0;
    let pruned = 0;
    let last: { seq: number; hash: string } | null = null;
    let firstBad: FirstBad | undefined;

    // The last untrusted range that began where the chain needed one (names the cause of a gap).
    const distrusted: { range: PrunedRange | null } = { range: null };
    const nextTrustedRange = async (): Promise<PrunedRange | undefined> => {
      for (let range = await ranges.peek(); range !== undefined; range = await ranges.peek()) {
        if (trusted.has(range.pruneSeq) && range.toSeq >= expectSeq) return range;
        if (range.fromSeq === expectSeq) distrusted.range = range;
        ranges.advance();
      }
      return undefined;
    };

    let nextAnchor = await anchors.peek();
    let page = await reader.records(0, RECORD_PAGE);
    scan: while (page.length > 0) {
      for (let index = 0; index < page.length; index += 1) {
        const row = page[index]!;
        const seq = Number(row[FAST_SEQ]);
        // Bridge gaps left by retention.
        while (seq > expectSeq) {
          const range = await nextTrustedRange();
          if (range === undefined || range.fromSeq !== expectSeq) break;
          if (range.prevHash !== expectHash) {
            firstBad = {
              seq: expectSeq - 1,
              damage: 'edited',
              message: `record ${expectSeq - 1} no longer has the hash the prune record ${range.pruneSeq} saw before the records it removed (${short(range.prevHash)})`,
            };
            break scan;
          }
          pruned += range.toSeq - range.fromSeq + 1;
          expectSeq = range.toSeq + 1;
          expectHash = range.lastHash;
          beforeHash = null;
          ranges.advance();
        }
        if (seq > expectSeq) {
          const count = seq - expectSeq;
          const excuse = distrusted.range;
          const why =
            excuse !== null && excuse.fromSeq === expectSeq
              ? `the range list of prune record ${excuse.pruneSeq} was altered, so it cannot account for them`
              : 'no prune record accounts for them';
          firstBad = {
            seq: expectSeq,
            damage: 'deleted',
            message: `${count === 1 ? `record ${expectSeq} is` : `records ${expectSeq}–${seq - 1} are`} missing (${why})`,
          };
          break scan;
        }
        if (seq < expectSeq) {
          firstBad = { seq, damage: 'inserted', message: `record ${seq} sits inside a range that a prune record removed` };
          break scan;
        }
        // prev_hash and written_seq are derived from the body: a body that links to the previous
        // record (hashed = its 64-character prevHash + body), matches its hash and was written as
        // the seq it sits at is intact and in place.
        const hashed = row[FAST_HASHED];
        if (row[FAST_WRITTEN_SEQ] !== seq || typeof hashed !== 'string' || !hashed.startsWith(expectHash) || sha256(hashed) !== row[FAST_HASH]) {
          const [full, next] = await reader.fullRecords(seq - 1, 2);
          firstBad = await diagnose(full!, { prevSeq: expectSeq - 1, prevHash: expectHash, beforeHash }, reader, async () => next ?? null);
          break scan;
        }
        // Awaited only when an anchor is passed: one await per record would cost more than its hash.
        while (nextAnchor !== undefined && nextAnchor.seq <= seq) {
          if (nextAnchor.seq === seq && nextAnchor.hash !== row[FAST_HASH]) {
            firstBad = anchorMismatch(seq, nextAnchor, row);
            break scan;
          }
          anchors.advance();
          nextAnchor = await anchors.peek();
        }
        if (external !== null && external.seq === seq && external.hash !== row[FAST_HASH]) {
          firstBad = anchorMismatch(seq, external, row);
          break scan;
        }
        pairing.see(row, seq);
        beforeHash = expectHash;
        expectHash = row[FAST_HASH] as string;
        expectSeq = seq + 1;
        records += 1;
        last = { seq, hash: expectHash };
      }
      onProgress?.(records);
      if (page.length < RECORD_PAGE) break;
      page = await reader.records(Number(page[page.length - 1]![FAST_SEQ]), RECORD_PAGE);
    }

    if (firstBad === undefined) firstBad = await checkTail(reader, anchors, external, expectSeq - 1, expectHash);
    const { orphans, conflicts } = pairing;
    return {
      ok: firstBad === undefined && orphans.length === 0 && conflicts.length === 0,
      records,
      head: last,
      ...(firstBad === undefined ? {} : { firstBad }),
      incomplete: pairing.incomplete(),
      orphans,
      conflicts,
      pruned,
    };
  });
}

function anchorMismatch(seq: number, anchor: Anchor, row: StoredRow): FirstBad {
  return {
    seq,
    damage: 'edited',
    message: `record ${seq} has hash ${short(row[FAST_HASH])} but the anchor written at ${anchor.time || 'an earlier time'} recorded ${short(anchor.hash)}: the chain was rewritten`,
  };
}

/** After the last record: does anything say the chain once went further (truncation) or stopped earlier (records forged after the head)? */
async function checkTail(
  reader: SnapshotReader,
  anchors: PagedCursor<StoredAnchor>,
  external: Anchor | null,
  lastSeq: number,
  lastHash: string,
): Promise<FirstBad | undefined> {
  let furthest: Anchor | null = external !== null && external.seq > lastSeq ? external : null;
  for (let anchor = await anchors.peek(); anchor !== undefined; anchors.advance(), anchor = await anchors.peek()) {
    if (anchor.seq > lastSeq && (furthest === null || anchor.seq > furthest.seq)) furthest = anchor;
  }
  const head = await reader.chainHead();
  const headSeq = Number(head.seq);
  if (furthest !== null || headSeq > lastSeq) {
    const said = furthest !== null && furthest.seq >= headSeq ? `the anchor written at ${furthest.time || 'an earlier time'} records seq ${furthest.seq}` : `the writer's head row records seq ${headSeq}`;
    return { seq: lastSeq + 1, damage: 'truncated', message: `the ledger ends at seq ${lastSeq} but ${said}: the tail was removed` };
  }
  if (headSeq < lastSeq) {
    return { seq: headSeq + 1, damage: 'inserted', message: `records after seq ${headSeq} (the writer's head row) were written outside the ledger` };
  }
  if (lastSeq > 0 && head.hash !== lastHash) {
    return { seq: lastSeq, damage: 'edited', message: `record ${lastSeq} does not have the hash the writer's head row recorded (${short(head.hash)})` };
  }
  return undefined;
}
