import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalReport, ModelRun, RatioResult, RunVia, Score } from './eval-report.js';
import type { EvaluationRun, ItemOutcome } from './run-evaluation.js';
import { OPTION_LETTERS } from './suite.js';

/** Folder of saved runs, inside jaju's data directory: `<data>/eval/runs/`. */
export function savedRunsDirectory(dataDir: string): string {
  return join(dataDir, 'eval', 'runs');
}

/** A saved run: the JSON report plus every item's outcome per model, for later re-scoring. */
export interface SavedRun extends EvalReport {
  answers: Record<string, [key: string, outcome: ItemOutcome, letter: string | null][]>;
}

/**
 * Saves a finished run as `<data>/eval/runs/<finishedAt>-<random>.json` (written to a temporary file,
 * then renamed, so a reader never sees half a file). Every run is kept: each is a dated measurement.
 * Returns the file written.
 */
export function saveRun(dataDir: string, report: EvalReport, run: EvaluationRun): string {
  const directory = savedRunsDirectory(dataDir);
  mkdirSync(directory, { recursive: true });
  const saved: SavedRun = {
    ...report,
    answers: Object.fromEntries(
      [...run.results].map(([model, results]) => [
        model,
        results.map((result): [string, ItemOutcome, string | null] => [result.key, result.outcome, result.choice === null ? null : (OPTION_LETTERS[result.choice] ?? null)]),
      ]),
    ),
  };
  const file = join(directory, `${report.finishedAt.replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.json`);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(saved)}\n`);
  renameSync(temporary, file);
  return file;
}

/** What a list of saved runs shows (the dashboard page, `jaju eval runs`). */
export interface SavedRunSummary {
  file: string;
  startedAt: string;
  finishedAt: string;
  suites: { name: string; items: number }[];
  via: RunVia;
  target: number;
  reference: string | null;
  runs: (Score & { model: string })[];
  ratios: RatioResult[];
}

function isReport(value: unknown): value is EvalReport {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record['kind'] === 'jaju-eval' && record['version'] === 1 && typeof record['finishedAt'] === 'string' && Array.isArray(record['runs']) && Array.isArray(record['suites']);
}

function score(run: ModelRun): Score & { model: string } {
  const { model, items, correct, wrong, unparseable, denied, failed, accuracy, ci95 } = run;
  return { model, items, correct, wrong, unparseable, denied, failed, accuracy, ci95 };
}

/** Reads one saved run; throws when the file is not one. */
export function readSavedRun(file: string): SavedRun {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isReport(parsed)) throw new Error(`${file}: not a saved jaju evaluation run`);
  return parsed as SavedRun;
}

/**
 * Every saved run, newest first. A file that cannot be read or is not a run is reported through
 * `onProblem` and skipped: one broken file must not hide the others.
 */
export function listSavedRuns(dataDir: string, onProblem?: (file: string, problem: string) => void): SavedRunSummary[] {
  const directory = savedRunsDirectory(dataDir);
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const summaries: SavedRunSummary[] = [];
  for (const name of names) {
    const file = join(directory, name);
    try {
      const report = readSavedRun(file);
      summaries.push({
        file,
        startedAt: report.startedAt,
        finishedAt: report.finishedAt,
        suites: report.suites.map((suite) => ({ name: suite.name, items: suite.items })),
        via: report.settings.via,
        target: report.settings.target,
        reference: report.settings.reference,
        runs: report.runs.map(score),
        ratios: report.ratios ?? [],
      });
    } catch (error) {
      onProblem?.(file, (error as Error).message);
    }
  }
  return summaries.sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : a.finishedAt > b.finishedAt ? -1 : 0));
}

/** The latest measurement of one model (alias): what the assessment (SOV-3) and the indicators read. */
export interface LatestModelResult extends Score {
  model: string;
  finishedAt: string;
  file: string;
  suites: { name: string; items: number }[];
  /** Its ratio to the run's reference, when the run had one and this model was not it. */
  ratio: RatioResult | null;
}

/** For each model, its result in the newest of these runs (newest first) that evaluated it; sorted by model. */
export function latestPerModel(summaries: readonly SavedRunSummary[]): LatestModelResult[] {
  const latest = new Map<string, LatestModelResult>();
  for (const summary of summaries) {
    for (const run of summary.runs) {
      if (latest.has(run.model)) continue; // newest first: the first seen is the latest
      latest.set(run.model, {
        ...run,
        finishedAt: summary.finishedAt,
        file: summary.file,
        suites: summary.suites,
        ratio: summary.ratios.find((ratio) => ratio.model === run.model) ?? null,
      });
    }
  }
  return [...latest.values()].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

/** For each model, its result in the newest saved run that evaluated it; sorted by model. */
export function latestRunPerModel(dataDir: string, onProblem?: (file: string, problem: string) => void): LatestModelResult[] {
  return latestPerModel(listSavedRuns(dataDir, onProblem));
}
