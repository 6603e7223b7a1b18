import { createHash } from 'node:crypto';
import { OPTION_LETTERS, type SuiteItem } from './suite.js';

/** A type alias, not an interface, so that it is assignable to the gateway's wider wire type. */
export type ChatMessage = {
  role: 'system' | 'user' | 'assistant';
  content: string;
};

export interface PromptSettings {
  /** Worked examples before the question (k-shot); 0 = zero-shot. */
  shots: number;
  /** Upper bound on the answer's tokens; null leaves it to the model. */
  maxTokens: number | null;
}

/** The request body sent for one item, minus the model. */
export interface PromptBody {
  messages: ChatMessage[];
  temperature: 0;
  max_tokens?: number;
}

function letters(count: number): string {
  return OPTION_LETTERS.slice(0, count).join(', ');
}

/** The question and its lettered options, as the user turn. */
export function questionText(item: SuiteItem): string {
  const options = item.choices.map((choice, index) => `${OPTION_LETTERS[index]}. ${choice}`).join('\n');
  return `${item.question}\n\n${options}\n\n정답:`;
}

/**
 * Instruction in Korean (the language under test), asking for the letter alone: answers are then read
 * by `extractAnswer`, and anything else is "unparseable", never guessed at.
 */
export function systemText(optionCount: number): string {
  return `다음 객관식 문제에 답하십시오. 보기 중 정답을 하나만 골라, 설명 없이 정답의 기호 한 글자(${letters(optionCount)} 중 하나)만 쓰십시오.`;
}

/**
 * The k examples for an item: those of the same category first, then any others, in file order, never
 * the item itself. Deterministic, so that the prompt (and its hash) is the same on every run.
 */
export function pickExamples(item: SuiteItem, pool: readonly SuiteItem[], shots: number): SuiteItem[] {
  if (shots <= 0) return [];
  const others = pool.filter((example) => example.key !== item.key && example.question !== item.question);
  const same = others.filter((example) => example.category === item.category);
  const rest = others.filter((example) => example.category !== item.category);
  return [...same, ...rest].slice(0, shots);
}

export function buildPrompt(item: SuiteItem, pool: readonly SuiteItem[], settings: PromptSettings): PromptBody {
  const messages: ChatMessage[] = [{ role: 'system', content: systemText(item.choices.length) }];
  for (const example of pickExamples(item, pool, settings.shots)) {
    messages.push({ role: 'user', content: questionText(example) });
    messages.push({ role: 'assistant', content: OPTION_LETTERS[example.answer]! });
  }
  messages.push({ role: 'user', content: questionText(item) });
  const body: PromptBody = { messages, temperature: 0 };
  if (settings.maxTokens !== null) body.max_tokens = settings.maxTokens;
  return body;
}

/** Hash of everything that decides the answer except the model: a changed prompt is a new cache entry. */
export function promptHash(body: PromptBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
}
