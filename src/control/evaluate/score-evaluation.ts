import type { Disagreement, EvalReport, EvalSettings, ModelRun, RatioResult, Refusal, Score } from './eval-report.js';
import { pairedBootstrapRatio, verdictOf } from './paired-bootstrap.js';
import type { EvaluationRun, ItemResult } from './run-evaluation.js';
import { OPTION_LETTERS, type Suite } from './suite.js';
import { wilsonInterval } from './wilson-interval.js';

/** Energy of one call as the ledger recorded it, by audit request id; null = recorded as unknown. */
export type EnergyByRequest = ReadonlyMap<string, { energyWh: number; co2g: number } | null>;

export interface ScoreOptions {
  suites: readonly Suite[];
  settings: EvalSettings;
  requests: number;
  /** Present when the ledger could be read (in-process runs). */
  energy?: EnergyByRequest;
}

class Tally {
  items = 0;
  correct = 0;
  wrong = 0;
  unparseable = 0;
  denied = 0;
  failed = 0;

  add(result: ItemResult): void {
    this.items += 1;
    this[result.outcome] += 1;
  }

  score(): Score {
    const scored = this.items - this.denied - this.failed;
    return {
      items: this.items,
      correct: this.correct,
      wrong: this.wrong,
      unparseable: this.unparseable,
      denied: this.denied,
      failed: this.failed,
      accuracy: scored > 0 ? this.correct / scored : null,
      ci95: wilsonInterval(this.correct, scored),
    };
  }
}

function refusals(results: readonly ItemResult[], outcome: 'denied' | 'failed'): Refusal[] {
  const groups = new Map<string, Refusal>();
  for (const result of results) {
    if (result.outcome !== outcome || !result.error) continue;
    const id = `${result.error.code}\u0000${result.error.message}`;
    const group = groups.get(id) ?? { code: result.error.code, message: result.error.message, items: 0 };
    group.items += 1;
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => b.items - a.items);
}

function tallyBy(results: readonly ItemResult[], keyOf: (result: ItemResult) => string, order: readonly string[]): Record<string, Score> {
  const tallies = new Map<string, Tally>(order.map((key) => [key, new Tally()]));
  for (const result of results) {
    const key = keyOf(result);
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = new Tally()));
    tally.add(result);
  }
  return Object.fromEntries([...tallies].map(([key, tally]) => [key, tally.score()]));
}

function modelRun(model: string, results: readonly ItemResult[], options: ScoreOptions, categories: readonly string[]): ModelRun {
  const overall = new Tally();
  const tokens = { prompt: 0, completion: 0 };
  const providers: Record<string, number> = {};
  let fresh = 0;
  let cached = 0;
  let energyWh = 0;
  let co2g = 0;
  let known = 0;
  let unknown = 0;
  for (const result of results) {
    overall.add(result);
    if (result.tokens) {
      tokens.prompt += result.tokens.prompt;
      tokens.completion += result.tokens.completion;
    }
    if (result.provider) providers[result.provider] = (providers[result.provider] ?? 0) + 1;
    if (result.outcome === 'denied' || result.outcome === 'failed') continue;
    if (result.cached) cached += 1;
    else {
      fresh += 1;
      const energy = result.requestId === null ? undefined : options.energy?.get(result.requestId);
      if (energy) {
        energyWh += energy.energyWh;
        co2g += energy.co2g;
        known += 1;
      } else unknown += 1;
    }
  }
  const suiteOf = (result: ItemResult) => result.key.slice(0, result.key.indexOf('/'));
  return {
    model,
    ...overall.score(),
    byCategory: tallyBy(results, (result) => result.category, categories),
    bySuite: tallyBy(results, suiteOf, options.suites.map((suite) => suite.name)),
    tokens,
    calls: { fresh, cached },
    providers,
    energy: options.energy ? { energyWh: round(energyWh), co2g: round(co2g), known, unknown } : null,
    denials: refusals(results, 'denied'),
    failures: refusals(results, 'failed'),
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

const scored = (result: ItemResult | undefined) => result !== undefined && result.outcome !== 'denied' && result.outcome !== 'failed';

function ratioOf(model: string, reference: string, run: EvaluationRun, settings: EvalSettings): RatioResult {
  const mine = run.results.get(model)!;
  const theirs = run.results.get(reference)!;
  const a: boolean[] = [];
  const b: boolean[] = [];
  mine.forEach((result, index) => {
    const other = theirs[index];
    if (!scored(result) || !scored(other)) return;
    a.push(result.outcome === 'correct');
    b.push(other!.outcome === 'correct');
  });
  const estimate = pairedBootstrapRatio(a, b, { resamples: settings.resamples, seed: settings.seed });
  return { model, reference, ratio: estimate.ratio, ci95: estimate.ci95, verdict: verdictOf(estimate.ci95, settings.target), target: settings.target, pairedItems: a.length };
}

function letterOf(result: ItemResult): string {
  return result.choice === null ? 'unparseable' : (OPTION_LETTERS[result.choice] ?? String(result.choice + 1));
}

function disagreements(run: EvaluationRun, models: readonly string[]): Disagreement[] {
  if (models.length < 2) return [];
  const out: Disagreement[] = [];
  run.items.forEach((item, index) => {
    const results = models.map((model) => run.results.get(model)![index]!);
    if (!results.every(scored)) return;
    const right = results.filter((result) => result.outcome === 'correct').length;
    if (right === 0 || right === results.length) return;
    out.push({
      key: item.key,
      category: item.category,
      answer: OPTION_LETTERS[item.answer]!,
      answers: Object.fromEntries(models.map((model, position) => [model, letterOf(results[position]!)])),
    });
  });
  return out;
}

/** The report of a finished run: per-model scores with Wilson intervals, ratios to the reference with a paired bootstrap, disagreements. */
export function scoreEvaluation(run: EvaluationRun, options: ScoreOptions): EvalReport {
  const models = [...run.results.keys()];
  const categories = [...new Set(run.items.map((item) => item.category))];
  const report: EvalReport = {
    kind: 'jaju-eval',
    version: 1,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    suites: options.suites.map((suite) => ({ name: suite.name, files: suite.files, items: suite.items.length, categories: [...new Set(suite.items.map((item) => item.category))] })),
    settings: options.settings,
    runs: models.map((model) => modelRun(model, run.results.get(model)!, options, categories)),
    disagreements: disagreements(run, models),
    requests: options.requests,
  };
  const reference = options.settings.reference;
  if (reference !== null) {
    report.ratios = models.filter((model) => model !== reference).map((model) => ratioOf(model, reference, run, options.settings));
  }
  return report;
}
