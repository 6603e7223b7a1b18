import type { FindingCounts } from './finding.js';
import type { Grade } from './grade.js';

export type SendMode = 'raw' | 'pseudonymized';

/** One target of the requested alias, as the policy engine judged it (docs/design.md §4.4, contract). */
export type Candidate =
  | { provider: string; model: string; permitted: true; mode: SendMode; policies: string[] }
  | { provider: string; model: string; permitted: false; reasons: string[] };

/** The routing decision for one request (docs/design.md §4.4, contract). */
export interface Decision {
  decision: 'allow' | 'deny';
  grade: Grade;
  /** First target of the plan; absent when denied. */
  provider?: string;
  model?: string;
  mode?: SendMode;
  findings: FindingCounts;
  candidates: Candidate[];
  reason: string;
}
