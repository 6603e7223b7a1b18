import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  AnswerCache,
  cacheDirectory,
  ChatEndpoint,
  EndpointError,
  runEvaluation,
  scoreEvaluation,
  wilsonInterval,
  type EvalSettings,
  type EvaluationRun,
  type ItemResult,
  type Suite,
} from '../../../src/control/evaluate/index.js';
import { startFakeModel, type FakeModel, type ModelBehaviour } from '../../helpers/fake-model.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { syntheticSuite } from './suite-fixtures.js';

const SETTINGS: EvalSettings = { shots: 0, maxTokens: 32, target: 0.95, reference: null, seed: 19, resamples: 2000, via: { mode: 'url', url: 'http://fake' } };
const fakes: FakeModel[] = [];
after(async () => {
  for (const fake of fakes) await fake.close();
});

async function fakeFor(suite: Suite, behaviours: Record<string, ModelBehaviour>): Promise<FakeModel> {
  const fake = await startFakeModel(suite.items, behaviours);
  fakes.push(fake);
  return fake;
}

interface RunOptions {
  dataDir?: string;
  readCache?: boolean;
  timeoutMs?: number;
  retries?: number;
  sleeps?: number[];
  shots?: number;
  concurrency?: number;
  scope?: string;
}

async function evaluate(fake: FakeModel, suite: Suite, models: string[], options: RunOptions = {}): Promise<{ run: EvaluationRun; requests: number }> {
  const endpoint = new ChatEndpoint({
    url: fake.url,
    apiKey: 'test-key',
    connections: 4,
    timeoutMs: options.timeoutMs ?? 5000,
    retries: options.retries ?? 2,
    backoffMs: 5,
    maxBackoffMs: 5000,
    sleep: async (ms) => {
      options.sleeps?.push(ms);
    },
  });
  const cache = new AnswerCache(cacheDirectory(options.dataDir ?? tempDir('jaju-eval-run-')), options.readCache ?? true, options.scope ?? 'test');
  cache.load([suite.name], models);
  try {
    const run = await runEvaluation({ suites: [suite], models, prompt: { shots: options.shots ?? 0, maxTokens: 32 }, source: endpoint, cache, concurrency: options.concurrency ?? 4 });
    return { run, requests: endpoint.requests };
  } finally {
    cache.close();
    await endpoint.close();
  }
}

describe('runner and scoring against loopback fake models of known behaviour', () => {
  const suite = syntheticSuite(40);
  const subset = new Set(suite.items.filter((_, index) => index < 30).map((item) => item.key));

  it('scores a model that is always right, one right on a known subset, one that answers in prose and one that answers "정답: ③"', async () => {
    const fake = await fakeFor(suite, { right: { kind: 'right' }, partial: { kind: 'right-on', keys: subset }, prose: { kind: 'prose' }, circled: { kind: 'circled' } });
    const { run, requests } = await evaluate(fake, suite, ['right', 'partial', 'prose', 'circled']);
    assert.equal(requests, 160);
    const report = scoreEvaluation(run, { suites: [suite], settings: SETTINGS, requests });
    const byModel = Object.fromEntries(report.runs.map((entry) => [entry.model, entry]));
    assert.deepEqual(
      Object.values(byModel).map((entry) => [entry.model, entry.items, entry.correct, entry.wrong, entry.unparseable, entry.denied, entry.failed, entry.accuracy]),
      [
        ['right', 40, 40, 0, 0, 0, 0, 1],
        ['partial', 40, 30, 10, 0, 0, 0, 0.75],
        ['prose', 40, 0, 0, 40, 0, 0, 0],
        ['circled', 40, 40, 0, 0, 0, 0, 1],
      ],
    );
    assert.deepEqual(byModel['partial']!.ci95, wilsonInterval(30, 40));
    // Items 0–29 right: 15 even (문법) and 15 odd (역사); items 30–39 wrong: 5 of each.
    assert.deepEqual(byModel['partial']!.byCategory['문법'], { items: 20, correct: 15, wrong: 5, unparseable: 0, denied: 0, failed: 0, accuracy: 0.75, ci95: wilsonInterval(15, 20) });
    assert.equal(byModel['right']!.tokens.prompt, 40 * 40);
    assert.deepEqual(byModel['right']!.calls, { fresh: 40, cached: 0 });
    // Disagreements: the 10 items "partial" gets wrong, and all 40 (prose is unparseable on all of them).
    assert.equal(report.disagreements.length, 40);
    const item = report.disagreements.find((entry) => entry.key === suite.items[35]!.key)!;
    assert.deepEqual(item.answers, { right: 'D', partial: 'A', prose: 'unparseable', circled: 'D' });
    assert.equal(item.answer, 'D');
  });

  it('gives the ratio to the reference with a paired bootstrap interval and a verdict', async () => {
    const big = syntheticSuite(200, 'big');
    const ninety = new Set(big.items.filter((_, index) => index % 10 !== 0).map((item) => item.key));
    const nearly = new Set(big.items.filter((_, index) => index % 100 !== 0).map((item) => item.key));
    const fake = await fakeFor(big, { reference: { kind: 'right' }, ninety: { kind: 'right-on', keys: ninety }, nearly: { kind: 'right-on', keys: nearly } });
    const { run, requests } = await evaluate(fake, big, ['reference', 'ninety', 'nearly'], { concurrency: 16 });
    const report = scoreEvaluation(run, { suites: [big], settings: { ...SETTINGS, reference: 'reference', resamples: 10_000 }, requests });
    const ratios = Object.fromEntries(report.ratios!.map((ratio) => [ratio.model, ratio]));
    assert.deepEqual(Object.keys(ratios), ['ninety', 'nearly']);
    // 180/200 ÷ 200/200 = 0.9; the reference is always right, so the interval is that of a proportion:
    // 0.9 ± 1.96·√(0.9·0.1/200) = 0.9 ± 0.0416 = [0.858, 0.942]: wholly below 0.95.
    assert.equal(ratios['ninety']!.ratio, 0.9);
    assert.equal(ratios['ninety']!.verdict, 'below');
    assert.equal(ratios['ninety']!.pairedItems, 200);
    assert.ok(Math.abs(ratios['ninety']!.ci95![0] - 0.8584) < 0.008 && Math.abs(ratios['ninety']!.ci95![1] - 0.9416) < 0.008, JSON.stringify(ratios['ninety']!.ci95));
    // 198/200 = 0.99; the lower end ≈ 0.99 − 1.96·√(0.99·0.01/200) = 0.976 > 0.95: meets.
    assert.equal(ratios['nearly']!.ratio, 0.99);
    assert.equal(ratios['nearly']!.verdict, 'meets');
    // With a target of 0.9 the "ninety" interval straddles it.
    const straddling = scoreEvaluation(run, { suites: [big], settings: { ...SETTINGS, reference: 'reference', target: 0.9, resamples: 10_000 }, requests });
    assert.equal(straddling.ratios!.find((ratio) => ratio.model === 'ninety')!.verdict, 'undecided');
  });

  it('reports policy denials as denials, never as wrong answers', async () => {
    const deniedKeys = new Set(suite.items.filter((_, index) => index % 4 === 0).map((item) => item.key));
    const fake = await fakeFor(suite, { denied: { kind: 'denied' }, some: { kind: 'denied-on', keys: deniedKeys } });
    const { run, requests } = await evaluate(fake, suite, ['denied', 'some']);
    assert.equal(requests, 80, 'a denial is not retried');
    const report = scoreEvaluation(run, { suites: [suite], settings: { ...SETTINGS, reference: 'denied' }, requests });
    const [denied, some] = report.runs;
    assert.deepEqual([denied!.items, denied!.correct, denied!.wrong, denied!.denied, denied!.accuracy, denied!.ci95], [40, 0, 0, 40, null, null]);
    assert.deepEqual(denied!.denials, [{ code: 'policy_denied', message: 'policy denied: grade C may not leave on-premises targets', items: 40 }]);
    // 10 denied, 30 right: accuracy = 30 / (40 − 10) = 1, not 30/40.
    assert.deepEqual([some!.correct, some!.denied, some!.accuracy], [30, 10, 1]);
    assert.deepEqual(report.ratios, [{ model: 'some', reference: 'denied', ratio: null, ci95: null, verdict: 'undecided', target: 0.95, pairedItems: 0 }]);
  });

  it('retries 429 honouring Retry-After, then scores the answer', async () => {
    const small = syntheticSuite(6, 'limited');
    const fake = await fakeFor(small, { limited: { kind: 'rate-limited', failures: 2, retryAfter: '3' } });
    const sleeps: number[] = [];
    const { run, requests } = await evaluate(fake, small, ['limited'], { retries: 3, sleeps });
    assert.equal(requests, 18, 'two 429s and one answer per item');
    assert.equal(fake.calls.get('limited'), 18);
    assert.deepEqual(sleeps, new Array(12).fill(3000), 'waited what Retry-After asked, not the 5 ms backoff');
    const report = scoreEvaluation(run, { suites: [small], settings: SETTINGS, requests });
    assert.deepEqual([report.runs[0]!.correct, report.runs[0]!.failed], [6, 0]);
  });

  it('gives up after the retries on a rate limit that never lifts, as "failed"', async () => {
    const small = syntheticSuite(3, 'stuck');
    const fake = await fakeFor(small, { stuck: { kind: 'rate-limited', failures: 99, retryAfter: '0' } });
    const { run, requests } = await evaluate(fake, small, ['stuck'], { retries: 2 });
    assert.equal(requests, 9);
    const result = run.results.get('stuck')![0]!;
    assert.equal(result.outcome, 'failed');
    assert.deepEqual(result.error, { status: 429, code: 'rate_limited', message: 'slow down' });
  });

  it('times out a model that never answers, retries, and reports "failed", not wrong', async () => {
    const small = syntheticSuite(4, 'silent');
    const fake = await fakeFor(small, { silent: { kind: 'hang' } });
    const { run, requests } = await evaluate(fake, small, ['silent'], { timeoutMs: 150, retries: 1 });
    assert.equal(requests, 8);
    const report = scoreEvaluation(run, { suites: [small], settings: SETTINGS, requests });
    const [silent] = report.runs;
    assert.deepEqual([silent!.failed, silent!.correct, silent!.wrong, silent!.accuracy, silent!.ci95], [4, 0, 0, null, null]);
    assert.equal(silent!.failures[0]!.code, 'timeout');
    assert.match(silent!.failures[0]!.message, /no answer within 150 ms/);
  });

  it('stops the run on a refused key or an unknown alias', async () => {
    const small = syntheticSuite(4, 'fatal');
    const fake = await fakeFor(small, { known: { kind: 'right' } });
    await assert.rejects(evaluate(fake, small, ['unknown']), (error: unknown) => error instanceof EndpointError && /unknown model "unknown" \(404/.test(error.message));
  });

  it('resumes from the cache: answered items are not asked again; --no-cache asks again; a new prompt misses', async () => {
    const fake = await fakeFor(suite, { cached: { kind: 'right' } });
    const dataDir = tempDir('jaju-eval-cache-');
    const first = await evaluate(fake, suite, ['cached'], { dataDir });
    assert.equal(first.requests, 40);
    const second = await evaluate(fake, suite, ['cached'], { dataDir });
    assert.equal(second.requests, 0);
    assert.equal(fake.calls.get('cached'), 40);
    const results = second.run.results.get('cached')!;
    assert.ok(results.every((result: ItemResult) => result.cached && result.outcome === 'correct'));
    const fresh = await evaluate(fake, suite, ['cached'], { dataDir, readCache: false });
    assert.equal(fresh.requests, 40);
    // A one-shot prompt is another prompt: asked again. (The example is the suite's first item under another key.)
    const example = { ...suite.items[0]!, id: 'ex', key: `${suite.name}/ex`, question: '예제 문항', answer: 1 };
    const oneShot = await evaluate(fake, { ...suite, examples: [example] }, ['cached'], { dataDir, shots: 1 });
    assert.equal(oneShot.requests, 40);
    const oneShotAgain = await evaluate(fake, { ...suite, examples: [example] }, ['cached'], { dataDir, shots: 1 });
    assert.equal(oneShotAgain.requests, 0);
    // Another caller (another app or key) does not get this caller's answers.
    const otherCaller = await evaluate(fake, suite, ['cached'], { dataDir, scope: 'another app' });
    assert.equal(otherCaller.requests, 40);
  });
});
