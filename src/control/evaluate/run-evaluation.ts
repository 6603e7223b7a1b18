import { AnswerCache, MAX_CACHED_REPLY, type CachedAnswer } from './answer-cache.js';
import { buildPrompt, promptHash, type PromptBody, type PromptSettings } from './build-prompt.js';
import type { CallOutcome, TokenCounts } from './chat-endpoint.js';
import { extractAnswer } from './extract-answer.js';
import type { Suite, SuiteItem } from './suite.js';

export type ItemOutcome = 'correct' | 'wrong' | 'unparseable' | 'denied' | 'failed';

/** One model's result on one item. */
export interface ItemResult {
  key: string;
  category: string;
  outcome: ItemOutcome;
  /** The option the model chose (0 = A), null when unparseable, denied or failed. */
  choice: number | null;
  reply: string | null;
  tokens: TokenCounts | null;
  provider: string | null;
  /** The gateway's audit request id of the call made in this run (null for a cached answer). */
  requestId: string | null;
  latencyMs: number | null;
  cached: boolean;
  /** Why it was denied or failed: the gateway's error code and message. */
  error?: { status: number | null; code: string; message: string };
}

/** Where answers come from: a ChatEndpoint, in production and in tests alike. */
export interface AnswerSource {
  complete(model: string, prompt: PromptBody): Promise<CallOutcome>;
}

export interface ProgressEvent {
  done: number;
  total: number;
  cached: number;
}

export interface EvaluationInput {
  suites: readonly Suite[];
  /** Aliases to evaluate (the reference among them). */
  models: readonly string[];
  /** Few-shot examples beyond the suites' own (e.g. `--examples` with KMMLU's dev split). */
  examples?: readonly SuiteItem[];
  prompt: PromptSettings;
  source: AnswerSource;
  cache: AnswerCache;
  /** Calls in flight at once. */
  concurrency: number;
  onProgress?: (event: ProgressEvent) => void;
}

export interface EvaluationRun {
  items: SuiteItem[];
  /** Per model, one result per item in `items` order. */
  results: Map<string, ItemResult[]>;
  startedAt: string;
  finishedAt: string;
}

interface Task {
  item: SuiteItem;
  itemIndex: number;
  model: string;
  prompt: PromptBody;
  hash: string;
}

function outcomeOf(choice: number | null, item: SuiteItem): ItemOutcome {
  if (choice === null) return 'unparseable';
  return choice === item.answer ? 'correct' : 'wrong';
}

function fromCache(item: SuiteItem, answer: CachedAnswer): ItemResult {
  // The outcome is derived now, from the kept reply and today's answer key and extraction rules.
  const choice = extractAnswer(answer.reply, item.choices);
  return {
    key: item.key,
    category: item.category,
    outcome: outcomeOf(choice, item),
    choice,
    reply: answer.reply,
    tokens: answer.tokens,
    provider: answer.provider,
    requestId: null,
    latencyMs: answer.latencyMs,
    cached: true,
  };
}

/**
 * Asks every model every item (item by item, models side by side, so a run cut short leaves paired
 * answers), at most `concurrency` calls at once. Answers found in the cache are not asked again; fresh
 * answers are cached as they arrive. A denial or an upstream failure is recorded as such, never as a
 * wrong answer. An EndpointError (refused key, unknown alias) stops the run and is thrown.
 */
export async function runEvaluation(input: EvaluationInput): Promise<EvaluationRun> {
  const startedAt = new Date().toISOString();
  const items = input.suites.flatMap((suite) => suite.items);
  const results = new Map<string, ItemResult[]>(input.models.map((model) => [model, new Array<ItemResult>(items.length)]));
  const pools = new Map(input.suites.map((suite) => [suite.name, [...suite.examples, ...(input.examples ?? [])]]));
  const pending: Task[] = [];
  let done = 0;
  let cached = 0;
  items.forEach((item, itemIndex) => {
    const prompt = buildPrompt(item, pools.get(item.suite) ?? [], input.prompt);
    const hash = promptHash(prompt);
    for (const model of input.models) {
      const answer = input.cache.get(model, item.key, hash);
      if (answer) {
        results.get(model)![itemIndex] = fromCache(item, answer);
        done += 1;
        cached += 1;
      } else {
        pending.push({ item, itemIndex, model, prompt, hash });
      }
    }
  });
  const total = items.length * input.models.length;
  input.onProgress?.({ done, total, cached });

  let next = 0;
  let fatal: unknown;
  const worker = async () => {
    while (fatal === undefined && next < pending.length) {
      const task = pending[next++]!;
      let outcome: CallOutcome;
      try {
        outcome = await input.source.complete(task.model, task.prompt);
      } catch (error) {
        fatal ??= error;
        return;
      }
      results.get(task.model)![task.itemIndex] = record(task, outcome, input.cache);
      done += 1;
      input.onProgress?.({ done, total, cached });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency, pending.length)) }, worker));
  if (fatal !== undefined) throw fatal;
  return { items, results, startedAt, finishedAt: new Date().toISOString() };
}

function record(task: Task, outcome: CallOutcome, cache: AnswerCache): ItemResult {
  const { item } = task;
  if (outcome.kind !== 'answer') {
    return {
      key: item.key,
      category: item.category,
      outcome: outcome.kind,
      choice: null,
      reply: null,
      tokens: null,
      provider: null,
      requestId: null,
      latencyMs: null,
      cached: false,
      error: { status: outcome.status, code: outcome.code, message: outcome.message },
    };
  }
  const reply = outcome.content.slice(0, MAX_CACHED_REPLY);
  cache.put(item.suite, task.model, {
    key: item.key,
    prompt: task.hash,
    reply,
    tokens: outcome.tokens,
    provider: outcome.provider,
    latencyMs: outcome.latencyMs,
    at: new Date().toISOString(),
  });
  const choice = extractAnswer(reply, item.choices);
  return {
    key: item.key,
    category: item.category,
    outcome: outcomeOf(choice, item),
    choice,
    reply,
    tokens: outcome.tokens,
    provider: outcome.provider,
    requestId: outcome.requestId,
    latencyMs: outcome.latencyMs,
    cached: false,
  };
}
