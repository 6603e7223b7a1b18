import { bodyIsAuthentic, hashAsIfSeq } from './chain-hash.js';
import { HASH, PREV_HASH, SEQ, WRITTEN_SEQ, type StoredRow } from './record-row.js';
import type { SnapshotReader } from './store.js';
import type { VerifyReport } from './types.js';

export type FirstBad = NonNullable<VerifyReport['firstBad']>;

/** How far from its current seq a moved record's original seq is searched for (when its body was also altered). */
const PROBE_WINDOW = 64;

const short = (hash: unknown) => `${String(hash).slice(0, 12)}…`;

/** What verify knew when the row broke the chain: the last good link. */
export interface LinkContext {
  /** seq of the last good record, or the end of the pruned range before the row (0 at the start). */
  prevSeq: number;
  /** The hash the row's prevHash should equal. */
  prevHash: string;
  /** The prevHash of the last good record (null when it is the start or a pruned range). */
  beforeHash: string | null;
}

/** The seq the body says it was written as. */
function writtenAs(row: StoredRow): number | null {
  const seq = row[WRITTEN_SEQ];
  return seq === null || seq === undefined ? null : Number(seq);
}

/** For a body that does not match its hash: a seq under which it would (one past its predecessor's, or nearby). */
async function probeWrittenAs(row: StoredRow, reader: SnapshotReader): Promise<number | null> {
  const seq = Number(row[SEQ]);
  const tried = new Set<number>([seq]);
  const attempt = (candidate: number) => {
    if (candidate < 1 || tried.has(candidate)) return false;
    tried.add(candidate);
    return hashAsIfSeq(row, candidate) === row[HASH];
  };
  for (const predecessor of await reader.seqsWithHash(String(row[PREV_HASH]))) {
    if (attempt(predecessor + 1)) return predecessor + 1;
  }
  for (let distance = 1; distance <= PROBE_WINDOW; distance += 1) {
    if (attempt(seq + distance)) return seq + distance;
    if (attempt(seq - distance)) return seq - distance;
  }
  return null;
}

/**
 * Names the damage at the first record that breaks the chain (rules in docs/audit.md, "How verify
 * names the damage"). A record keeps its body and hash when someone moves it, and its body says
 * which seq it was written as; whether that seq is higher or lower than where it sits now, and
 * whether the record that belongs here survives elsewhere, tells deletion, reordering and insertion
 * apart. A body that matches its hash under no seq is an edit.
 */
export async function diagnose(row: StoredRow, link: LinkContext, reader: SnapshotReader, nextRow: () => Promise<StoredRow | null>): Promise<FirstBad> {
  const seq = Number(row[SEQ]);
  const prevHash = row[PREV_HASH];
  const authentic = bodyIsAuthentic(row);

  // The row is intact and in place, so what changed is the record it should link to.
  if (authentic && writtenAs(row) === seq) {
    if (link.beforeHash !== null && prevHash === link.beforeHash) {
      return { seq: link.prevSeq, damage: 'inserted', message: `record ${link.prevSeq} is not part of the chain: record ${seq} links directly to record ${link.prevSeq - 1}` };
    }
    if (link.beforeHash === null) {
      const what = link.prevSeq === 0 ? 'the genesis hash' : `the pruned range ending at seq ${link.prevSeq}`;
      return { seq, damage: 'edited', message: `record ${seq} does not link to ${what} (prevHash ${short(prevHash)}, expected ${short(link.prevHash)})` };
    }
    return {
      seq: link.prevSeq,
      damage: 'edited',
      message: `record ${link.prevSeq} was altered and re-hashed: record ${seq} committed to hash ${short(prevHash)}, record ${link.prevSeq} now hashes to ${short(link.prevHash)}`,
    };
  }

  // A forged record pushed in ahead of the record written as this seq, which now sits one further on.
  const forgedAhead = async (): Promise<boolean> => {
    const next = await nextRow();
    return next !== null && next[PREV_HASH] === link.prevHash && bodyIsAuthentic(next) && writtenAs(next) === seq;
  };
  const inserted = (): FirstBad => ({ seq, damage: 'inserted', message: `record ${seq} is not part of the chain: the record written as seq ${seq} now sits at seq ${seq + 1}` });

  let origin: number | null;
  if (authentic) {
    origin = writtenAs(row);
    if (origin === null) return { seq, damage: 'edited', message: `record ${seq} does not say which seq it was written as` };
  } else {
    if (prevHash === link.prevHash) {
      if (await forgedAhead()) return inserted();
      return { seq, damage: 'edited', message: `record ${seq}'s content no longer matches its hash ${short(row[HASH])}` };
    }
    origin = await probeWrittenAs(row, reader);
    if (origin === null) {
      if (await forgedAhead()) return inserted();
      return { seq, damage: 'edited', message: `record ${seq} matches neither its hash nor its link to record ${link.prevSeq}` };
    }
  }

  if (origin > seq) {
    const belongs = (await reader.rowsWithPrevHash(link.prevHash)).find(
      (candidate) => Number(candidate[SEQ]) !== seq && bodyIsAuthentic(candidate) && writtenAs(candidate) === seq,
    );
    if (belongs !== undefined) {
      return { seq, damage: 'reordered', message: `seq ${seq} holds the record written as seq ${origin}; the record written as seq ${seq} is at seq ${Number(belongs[SEQ])}` };
    }
    const missing = origin - seq;
    return {
      seq,
      damage: 'deleted',
      message: `${missing === 1 ? `record ${seq} was` : `records ${seq}–${origin - 1} were`} removed and the later records renumbered (seq ${seq} holds the record written as seq ${origin})`,
    };
  }
  const forged = seq - origin;
  return {
    seq: origin,
    damage: 'inserted',
    message: `${forged === 1 ? `record ${origin} is a forged record` : `records ${origin}–${seq - 1} are forged records`} inserted into the chain (the record written as seq ${origin} now sits at seq ${seq})`,
  };
}
