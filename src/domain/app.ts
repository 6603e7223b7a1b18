import type { Grade } from './grade.js';

/** An authenticated caller of the gateway (one per application, not per end user). */
export interface App {
  id: string;
  grade: Grade;
  /** Free-form purpose label used by policies, e.g. 'public-service', 'hr', 'defence'. */
  purpose: string;
  /** A high-impact use under the AI Basic Act: its records are marked and exempt from pruning. */
  highImpact: boolean;
}
