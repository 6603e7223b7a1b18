import { FINDING_TYPES, type AuditRecord, type FindingCounts, type Grade } from '../../domain/index.js';

/** Requests that look alike to the planner: same app, alias, grade, purpose and finding counts. */
export interface WorkloadClass {
  index: number;
  app: string;
  alias: string;
  grade: Grade;
  purpose: string;
  highImpact: boolean;
  findings: FindingCounts;
  requests: number;
}

/**
 * The recorded workload, reduced to what a replay needs (no message text exists in the ledger, and
 * none is needed): request classes, and per request its time and class, in time order.
 */
export interface Workload {
  classes: WorkloadClass[];
  /** Per request: epoch milliseconds, ascending. */
  times: Float64Array;
  /** Per request: index into `classes`. */
  classOf: Int32Array;
  /** Per `app\0alias`: complete/ok records and deny records found. */
  recorded: Map<string, { served: number; denied: number }>;
  /** Request records without an app, alias or grade (cannot be replayed). */
  incomplete: number;
  firstRequest: string | null;
  lastRequest: string | null;
}

export function rowKey(app: string, alias: string): string {
  return `${app}\u0000${alias}`;
}

function findingsKey(findings: FindingCounts): string {
  let key = '';
  for (let index = 0; index < FINDING_TYPES.length; index += 1) {
    const count = findings[FINDING_TYPES[index]!];
    if (count !== undefined && count > 0) key += `${index}=${count},`;
  }
  return key;
}

/** attempt 1 (or no attempt recorded) is a request's first dispatch; later ones are its failovers. */
function isFirstDispatch(record: AuditRecord): boolean {
  const attempt = record.detail?.['attempt'];
  return attempt === undefined || attempt === null || attempt === 1;
}

/** A growable typed array (the workload of a year of traffic has millions of requests). */
class Column<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(public data: T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new (this.data.constructor as new (size: number) => T)(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    this.length += 1;
  }
  trimmed(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/**
 * Streams request records once: a `deny` record or a first `dispatch` is one request; `complete`
 * records with outcome ok count as recorded service. Records before `since` are skipped.
 */
export async function collectWorkload(records: AsyncIterable<AuditRecord>, since?: Date): Promise<Workload> {
  const from = since?.toISOString() ?? null;
  const classes: WorkloadClass[] = [];
  const classIndex = new Map<string, number>();
  const times = new Column(new Float64Array(4096));
  const classOf = new Column(new Int32Array(4096));
  const recorded = new Map<string, { served: number; denied: number }>();
  let incomplete = 0;
  let firstRequest: string | null = null;
  let lastRequest: string | null = null;
  let sorted = true;
  let previous = -Infinity;

  const tally = (app: string, alias: string) => {
    const key = rowKey(app, alias);
    let entry = recorded.get(key);
    if (!entry) {
      entry = { served: 0, denied: 0 };
      recorded.set(key, entry);
    }
    return entry;
  };

  for await (const record of records) {
    if (from !== null && record.time < from) continue;
    const kind = record.kind;
    if (kind === 'complete') {
      if (record.outcome === 'ok' && record.app !== null && record.alias !== null) tally(record.app, record.alias).served += 1;
      continue;
    }
    if (kind !== 'deny' && !(kind === 'dispatch' && isFirstDispatch(record))) continue;
    const { app, alias, grade } = record;
    if (app === null || alias === null || grade === null) {
      incomplete += 1;
      continue;
    }
    if (kind === 'deny') tally(app, alias).denied += 1;
    const purpose = record.purpose ?? 'general';
    const key = `${app}\u0000${alias}\u0000${grade}\u0000${purpose}\u0000${record.highImpact ? 1 : 0}\u0000${findingsKey(record.findings)}`;
    let index = classIndex.get(key);
    if (index === undefined) {
      index = classes.length;
      classIndex.set(key, index);
      classes.push({ index, app, alias, grade, purpose, highImpact: record.highImpact, findings: { ...record.findings }, requests: 0 });
    }
    classes[index]!.requests += 1;
    const time = Date.parse(record.time);
    if (time < previous) sorted = false;
    previous = time;
    times.push(time);
    classOf.push(index);
    firstRequest ??= record.time;
    lastRequest = record.time;
  }

  let orderedTimes = times.trimmed();
  let orderedClasses = classOf.trimmed();
  if (!sorted) {
    // Ledger seq order is append order; times from several writers can interleave slightly.
    const order = Array.from({ length: orderedTimes.length }, (_, index) => index).sort((a, b) => orderedTimes[a]! - orderedTimes[b]!);
    const resortedTimes = new Float64Array(order.length);
    const resortedClasses = new Int32Array(order.length);
    order.forEach((from, to) => {
      resortedTimes[to] = orderedTimes[from]!;
      resortedClasses[to] = orderedClasses[from]!;
    });
    orderedTimes = resortedTimes;
    orderedClasses = resortedClasses;
    firstRequest = new Date(orderedTimes[0]!).toISOString();
    lastRequest = new Date(orderedTimes[orderedTimes.length - 1]!).toISOString();
  }
  return { classes, times: orderedTimes, classOf: orderedClasses, recorded, incomplete, firstRequest, lastRequest };
}
