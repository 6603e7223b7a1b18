import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { readAssessFile } from './input-error.js';

/**
 * Inventories the console can assess: `*.yaml`, `*.yml` and `*.json` files holding an `estate` mapping
 * in the data folder's `assess/` and in `examples/assess/`. A file's answers are `<name>.answers.yaml`
 * beside it, else `answers.yaml` in its folder.
 */
export interface InventoryEntry {
  /** `data:<file>` or `examples:<file>`. */
  id: string;
  /** The estate's name. */
  name: string;
  /** Where it is, for display (`examples/assess/inventory.yaml`). */
  file: string;
  source: 'data' | 'examples';
  /** The answers file used with it, for display, or null. */
  answers: string | null;
  /** Absolute paths (never sent to the page). */
  path: string;
  answersPath: string | null;
}

const INVENTORY = /\.(ya?ml|json)$/i;

function answersFor(folder: string, file: string): string | null {
  const stem = basename(file, extname(file));
  for (const name of [`${stem}.answers.yaml`, `${stem}.answers.yml`, 'answers.yaml', 'answers.yml']) {
    const path = join(folder, name);
    if (existsSync(path)) return path;
  }
  return null;
}

function scan(folder: string, source: InventoryEntry['source'], display: string): InventoryEntry[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  const out: InventoryEntry[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!INVENTORY.test(name) || /answers|weights/i.test(name)) continue;
    const path = join(folder, name);
    let value: unknown;
    try {
      value = readAssessFile(path, 'inventory').value;
    } catch {
      continue;
    }
    const estate = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['estate'] : undefined;
    if (typeof estate !== 'object' || estate === null) continue;
    const answersPath = answersFor(folder, name);
    out.push({
      id: `${source}:${name}`,
      name: String((estate as Record<string, unknown>)['name'] ?? name),
      file: `${display}/${name}`,
      source,
      answers: answersPath === null ? null : `${display}/${basename(answersPath)}`,
      path,
      answersPath,
    });
  }
  return out;
}

export function findInventories(dataDir: string, examplesDir: string): InventoryEntry[] {
  return [...scan(join(dataDir, 'assess'), 'data', 'data/assess'), ...scan(join(examplesDir, 'assess'), 'examples', 'examples/assess')];
}
