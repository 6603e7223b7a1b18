/** How the continuity score weighs requests: each request counts 1, or its app's `criticality`. */
export type ContinuityWeighting = 'criticality' | 'requests';

/**
 * The outcome of one drill run reduced to what the sovereignty indicators and the dashboard show:
 * the latest of these per scenario is "the continuity score" of that scenario.
 */
export interface ContinuityResult {
  /** Scenario name (an identifier, unique per scenario file). */
  scenario: string;
  title: string;
  /** Share (0–1) of the in-scope replayed workload still served under the scenario; null when nothing was in scope. */
  score: number | null;
  weighting: ContinuityWeighting;
  /** Requests replayed that the planner serves without any cut (the denominator, unweighted). */
  requests: number;
  /** Of those, served under the scenario. */
  served: number;
  /** The recorded workload the drill replayed: first and last request time (ISO 8601), null when empty. */
  window: { from: string | null; to: string | null };
  /** When the drill ran (ISO 8601). */
  ranAt: string;
}
