import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContinuityResult } from './continuity-result.js';
import type { DrillReport } from './drill-report.js';

/** Folder of the saved drill results, inside jaju's data directory (the SQLite file's folder). */
export function continuityDirectory(dataDir: string): string {
  return join(dataDir, 'drills');
}

/** The part of a drill report the indicators keep. */
export function continuityResultOf(report: DrillReport): ContinuityResult {
  return {
    scenario: report.scenario.name,
    title: report.scenario.title,
    score: report.continuity.score,
    weighting: report.continuity.weighting,
    requests: report.continuity.inScope,
    served: report.continuity.served,
    window: { from: report.window.firstRequest, to: report.window.lastRequest },
    ranAt: report.generatedAt,
  };
}

/**
 * Saves the result as `drills/<scenario>.json`, replacing the previous one of the same scenario
 * (write to a temporary file, then rename, so a reader never sees half a file).
 * Returns the file written.
 */
export function saveContinuityResult(dataDir: string, result: ContinuityResult): string {
  const directory = continuityDirectory(dataDir);
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${result.scenario}.json`);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(temporary, file);
  return file;
}

function isContinuityResult(value: unknown): value is ContinuityResult {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['scenario'] === 'string' &&
    typeof record['title'] === 'string' &&
    (record['score'] === null || typeof record['score'] === 'number') &&
    typeof record['requests'] === 'number' &&
    typeof record['served'] === 'number' &&
    typeof record['ranAt'] === 'string'
  );
}

/**
 * The latest saved result of every scenario, sorted by scenario name. A file that cannot be read or
 * is not a result is reported through `onProblem` and skipped: one broken file must not hide the others.
 */
export function loadContinuityResults(dataDir: string, onProblem?: (file: string, problem: string) => void): ContinuityResult[] {
  const directory = continuityDirectory(dataDir);
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const results: ContinuityResult[] = [];
  for (const name of names) {
    const file = join(directory, name);
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isContinuityResult(parsed)) results.push(parsed);
      else onProblem?.(file, 'not a drill result');
    } catch (error) {
      onProblem?.(file, (error as Error).message);
    }
  }
  return results.sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0));
}
