import { loadSuite, saveRun, scoreEvaluation, type EvaluationRun, type ItemResult } from '../../src/control/evaluate/index.js';

/**
 * Saved evaluation runs for the demo estate's dashboard (the Evaluation page): the built-in suite
 * scored for the estate's aliases with known per-item outcomes — ko-chat wrong on every 12th item,
 * secure-chat on every 5th, frontier (the reference) on every 40th — as `jaju eval run` would save
 * them. Two runs, an older one without a reference and a newer one with it.
 */
export function seedEvaluationRuns(dataDir: string): void {
  const suite = loadSuite('builtin', process.cwd());
  const results = (missEvery: number, denied = false): ItemResult[] =>
    suite.items.map((item, index) => {
      const right = index % missEvery !== 0;
      const choice = right ? item.answer : (item.answer + 1) % item.choices.length;
      return denied
        ? { key: item.key, category: item.category, outcome: 'denied', choice: null, reply: null, tokens: null, provider: null, requestId: null, latencyMs: null, cached: false, error: { status: 403, code: 'policy_denied', message: 'grade C: foreign targets are not permitted' } }
        : { key: item.key, category: item.category, outcome: right ? 'correct' : 'wrong', choice, reply: 'ABCD'[choice]!, tokens: { prompt: 120, completion: 1 }, provider: 'onprem-llm', requestId: null, latencyMs: 80, cached: false };
    });
  const save = (finishedAt: string, models: Record<string, ItemResult[]>, reference: string | null) => {
    const run: EvaluationRun = { items: suite.items, results: new Map(Object.entries(models)), startedAt: new Date(Date.parse(finishedAt) - 95_000).toISOString(), finishedAt };
    const report = scoreEvaluation(run, {
      suites: [suite],
      settings: { shots: 0, maxTokens: 32, target: 0.95, reference, seed: 19, resamples: 2000, via: { mode: 'in-process', app: 'research-assistant', config: 'jaju.yaml' } },
      requests: suite.items.length * Object.keys(models).length,
    });
    saveRun(dataDir, report, run);
  };
  save('2026-11-30T09:00:00.000Z', { 'ko-chat': results(8), frontier: results(40) }, null);
  save(new Date(Date.now() - 3_600_000).toISOString(), { 'ko-chat': results(12), 'secure-chat': results(5), frontier: results(40) }, 'frontier');
}
