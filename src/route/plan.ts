import type { SendMode, Target } from '../domain/index.js';

/** One permitted target of a request, in the order the executor tries them. */
export interface PlanEntry {
  target: Target;
  mode: SendMode;
}
