import type { Grade, SendMode } from '../../domain/index.js';
import type { DrillRow, NotServedReason, RowStatus } from './drill-report.js';

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Accumulates one (app, alias) row of the report. */
export class RowTally {
  readonly grades = new Map<Grade, number>();
  readonly baseline = new Map<string, number>();
  readonly failedOver = new Map<string, { from: string; to: string; mode: SendMode; requests: number }>();
  readonly notServed = new Map<string, { reason: NotServedReason; detail: string; requests: number }>();
  requests = 0;
  outOfScope = 0;
  same = 0;
  served = 0;

  constructor(
    readonly app: string,
    readonly alias: string,
    readonly criticality: number,
    readonly recorded: { served: number; denied: number },
  ) {}

  grade(grade: Grade): void {
    increment(this.grades, grade);
  }

  inScope(baselineTarget: string): void {
    this.requests += 1;
    increment(this.baseline, baselineTarget);
  }

  servedBy(from: string, to: string, mode: SendMode): void {
    this.served += 1;
    if (from === to) {
      this.same += 1;
      return;
    }
    const key = `${from}\u0000${to}\u0000${mode}`;
    const entry = this.failedOver.get(key);
    if (entry) entry.requests += 1;
    else this.failedOver.set(key, { from, to, mode, requests: 1 });
  }

  notServedBecause(reason: NotServedReason, detail: string): void {
    const key = `${reason}\u0000${detail}`;
    const entry = this.notServed.get(key);
    if (entry) entry.requests += 1;
    else this.notServed.set(key, { reason, detail, requests: 1 });
  }

  result(): DrillRow {
    const notServed = this.requests - this.served;
    let status: RowStatus;
    if (this.requests === 0) status = 'out-of-scope';
    else if (this.served === 0) status = 'down';
    else if (notServed > 0) status = 'partial';
    else if (this.served > this.same) status = 'degraded';
    else status = 'unaffected';
    const byCount = <T extends { requests: number }>(a: T, b: T) => b.requests - a.requests;
    const grades: Partial<Record<Grade, number>> = {};
    for (const grade of ['C', 'S', 'O'] as const) {
      const count = this.grades.get(grade);
      if (count) grades[grade] = count;
    }
    return {
      app: this.app,
      alias: this.alias,
      criticality: this.criticality,
      grades,
      recorded: { ...this.recorded },
      requests: this.requests,
      outOfScope: this.outOfScope,
      baseline: [...this.baseline].map(([target, requests]) => ({ target, requests })).sort(byCount),
      same: this.same,
      failedOver: [...this.failedOver.values()].sort(byCount),
      notServed: [...this.notServed.values()].sort(byCount),
      served: this.served,
      continuity: this.requests > 0 ? this.served / this.requests : null,
      status,
    };
  }
}
