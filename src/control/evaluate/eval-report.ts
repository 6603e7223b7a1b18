import type { TokenCounts } from './chat-endpoint.js';
import type { Verdict } from './paired-bootstrap.js';

/** Counts and accuracy of one model over a set of items (all of them, a category or a suite). */
export interface Score {
  items: number;
  correct: number;
  /** Answered with another option. */
  wrong: number;
  /** Answered, but no option could be read: scored as wrong, counted apart. */
  unparseable: number;
  /** Refused by the gateway's policy (403): not scored. */
  denied: number;
  /** Upstream failure or timeout after retries: not scored. */
  failed: number;
  /** correct ÷ (items − denied − failed); null when nothing was scored. */
  accuracy: number | null;
  /** Wilson 95 % interval of the accuracy; null when nothing was scored. */
  ci95: [number, number] | null;
}

/** Why items were denied or failed, grouped by the gateway's error code and message. */
export interface Refusal {
  code: string;
  message: string;
  items: number;
}

export interface ModelRun extends Score {
  model: string;
  byCategory: Record<string, Score>;
  bySuite: Record<string, Score>;
  /** Tokens of the answers scored (cached answers included, as first received). */
  tokens: TokenCounts;
  /** Items answered by a call in this run, and items answered from the cache. */
  calls: { fresh: number; cached: number };
  /** Which targets answered (x-jaju-provider), by count. */
  providers: Record<string, number>;
  /** Energy and carbon of this run's calls as the gateway's ledger recorded them (null when not known, e.g. with --url). */
  energy: { energyWh: number; co2g: number; known: number; unknown: number } | null;
  denials: Refusal[];
  failures: Refusal[];
}

export interface RatioResult {
  model: string;
  reference: string;
  /** accuracy(model) ÷ accuracy(reference) over the items both were scored on. */
  ratio: number | null;
  /** Paired bootstrap 95 % interval. */
  ci95: [number, number] | null;
  verdict: Verdict;
  target: number;
  /** Items scored for both (neither denied nor failed). */
  pairedItems: number;
}

/** An item the models did not all get right or all get wrong. */
export interface Disagreement {
  key: string;
  category: string;
  /** The correct option's letter. */
  answer: string;
  /** Each model's option letter, or "unparseable". */
  answers: Record<string, string>;
}

export interface SuiteSummary {
  name: string;
  files: string[];
  items: number;
  categories: string[];
}

export type RunVia = { mode: 'url'; url: string } | { mode: 'in-process'; app: string; config: string };

export interface EvalSettings {
  shots: number;
  maxTokens: number | null;
  target: number;
  reference: string | null;
  seed: number;
  resamples: number;
  via: RunVia;
}

/** `jaju eval run --format json` (docs/eval.md documents every field). */
export interface EvalReport {
  kind: 'jaju-eval';
  version: 1;
  startedAt: string;
  finishedAt: string;
  suites: SuiteSummary[];
  settings: EvalSettings;
  runs: ModelRun[];
  /** Present with --reference: every other model against it. */
  ratios?: RatioResult[];
  disagreements: Disagreement[];
  /** HTTP requests sent in this run, retries included. */
  requests: number;
}
