/** Letters of the options, in order. A suite item has 2 to 5 options (KMMLU has 4, HAE-RAE 5, KoBEST COPA 2). */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = OPTION_LETTERS.length;

export type Difficulty = 'easy' | 'medium' | 'hard';
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

/** One multiple-choice question. */
export interface SuiteItem {
  /** Name of the suite it comes from (the file's name without extension, or "builtin"). */
  suite: string;
  /** Unique within its suite: the file's `id`, or `line-N` when the file has no ids. */
  id: string;
  /** Unique across a run: `suite/id`. */
  key: string;
  question: string;
  /** The options' texts, A first. */
  choices: string[];
  /** Index into `choices` of the correct option. */
  answer: number;
  category: string;
  difficulty?: Difficulty;
  /** Where the fact comes from (the built-in suite always says). */
  source?: string;
  /** File and line the item was read from, for messages. */
  origin: string;
}

/** A parsed suite file: scored items and optional few-shot examples (never scored). */
export interface Suite {
  name: string;
  /** The files it was read from. */
  files: string[];
  items: SuiteItem[];
  examples: SuiteItem[];
}
