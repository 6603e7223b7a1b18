import { dirname, resolve } from 'node:path';
import { OBJECTIVE_IDS, type ObjectiveId } from '../method/objectives.js';
import type { Seal } from '../method/seal.js';
import { isWeightPreset, WEIGHT_PRESETS, type Weights } from '../method/weights.js';
import { answersSchema, weightsFileSchema, type AnswersFile, type MinimumSealInput } from './answers-schema.js';
import { parseWith, readAssessFile } from './input-error.js';
import { inventorySchema, type Inventory } from './inventory-schema.js';

export interface LoadedInventory {
  inventory: Inventory;
  /** Absolute path of the file (its folder resolves the `gaiaX` credential files). */
  path: string;
}

/** Validates an already-parsed inventory (YAML/JSON object); throws AssessInputError naming each bad path. */
export function parseInventory(value: unknown, source: string | null = null): Inventory {
  return parseWith(inventorySchema, value, source);
}

/** Validates an already-parsed answers file. */
export function parseAnswers(value: unknown, source: string | null = null): AnswersFile {
  return parseWith(answersSchema, value, source);
}

export function loadInventoryFile(file: string): LoadedInventory {
  const { path, value } = readAssessFile(file, 'inventory');
  return { inventory: parseWith(inventorySchema, value, path), path };
}

/** Credential files named by the inventory, resolved against the inventory's folder. */
export function inventoryCredentialFiles(loaded: LoadedInventory): string[] {
  return loaded.inventory.gaiaX.map((name) => resolve(dirname(loaded.path), name));
}

export function loadAnswersFile(file: string): AnswersFile {
  const { path, value } = readAssessFile(file, 'answers');
  return parseWith(answersSchema, value, path);
}

export interface WeightSet {
  /** `document`, `annex`, or the custom file's path. */
  name: string;
  weights: Weights;
  /** Minimum SEAL per objective from the weights file (0 = no gate). */
  minimumSeal: Record<ObjectiveId, Seal>;
}

export function noGate(): Record<ObjectiveId, Seal> {
  return Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, 0])) as Record<ObjectiveId, Seal>;
}

export function minimumSealOf(input: MinimumSealInput | undefined): Record<ObjectiveId, Seal> {
  if (input === undefined) return noGate();
  if (typeof input === 'number') return Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, input])) as Record<ObjectiveId, Seal>;
  return Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, input[id] ?? 0])) as Record<ObjectiveId, Seal>;
}

/** `document` (default), `annex`, or a weights file (percent or fractions; normalised to fractions). */
export function resolveWeights(spec: string | undefined, cwd: string): WeightSet {
  const name = spec ?? 'document';
  if (isWeightPreset(name)) return { name, weights: { ...WEIGHT_PRESETS[name] }, minimumSeal: noGate() };
  const { path, value } = readAssessFile(resolve(cwd, name), 'weights');
  const file = parseWith(weightsFileSchema, value, path);
  const sum = Object.values(file.weights).reduce((total, weight) => total + weight, 0);
  const scale = Math.abs(sum - 100) <= 1e-4 ? 100 : 1;
  const weights = Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, file.weights[id] / scale])) as Weights;
  return { name: path, weights, minimumSeal: minimumSealOf(file.minimumSeal) };
}
