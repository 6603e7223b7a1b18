import { OBJECTIVE_IDS, type ObjectiveId } from './objectives.js';

/** Weight of each objective, as fractions summing to 1. */
export type Weights = Record<ObjectiveId, number>;

function weights(percents: readonly number[]): Weights {
  return Object.fromEntries(OBJECTIVE_IDS.map((id, index) => [id, percents[index]! / 100])) as Weights;
}

/**
 * The two published weight sets (docs/assess.md names the sources):
 * - `document`: Cloud Sovereignty Framework v1.2.1 document, Oct 2025 — 15/10/10/15/20/15/10/5 % (default);
 * - `annex`: the Commission's "Annex – Sovereignty assessment calculator" (XLSX, 2026-06-01), whose
 *   weight column is captioned "Score (examples)" — 20/10/10/15/10/15/15/5 %.
 */
export const WEIGHT_PRESETS = {
  document: weights([15, 10, 10, 15, 20, 15, 10, 5]),
  annex: weights([20, 10, 10, 15, 10, 15, 15, 5]),
} as const satisfies Record<string, Weights>;

export type WeightPreset = keyof typeof WEIGHT_PRESETS;

export function isWeightPreset(name: string): name is WeightPreset {
  return Object.hasOwn(WEIGHT_PRESETS, name);
}
