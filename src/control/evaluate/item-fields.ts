import { DIFFICULTIES, MAX_OPTIONS, MIN_OPTIONS, OPTION_LETTERS, type Difficulty, type SuiteItem } from './suite.js';
import { SuiteError } from './suite-error.js';

/** The fields of one item as read from a file, before validation. Values are strings (CSV) or JSON values (JSONL). */
export interface RawItem {
  id?: unknown;
  question?: unknown;
  choices: unknown[];
  answer?: unknown;
  category?: unknown;
  difficulty?: unknown;
  source?: unknown;
}

export interface ItemPlace {
  suite: string;
  file: string;
  line: number;
  /** Used as the category when the item has none (KMMLU files are one subject each). */
  defaultCategory: string;
}

function text(value: unknown, field: string, place: ItemPlace, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new SuiteError(place.file, place.line, field, 'missing or empty');
    return undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new SuiteError(place.file, place.line, field, `expected text, got ${JSON.stringify(value)}`);
  const trimmed = value.trim();
  if (trimmed === '') {
    if (required) throw new SuiteError(place.file, place.line, field, 'missing or empty');
    return undefined;
  }
  return trimmed;
}

/**
 * The correct option's index from an answer field: a letter A–E (also full-width Ａ or "(B)"), or the
 * 1-based number KMMLU uses (1 = A), as text or as a JSON number.
 */
export function parseAnswerField(value: unknown, optionCount: number): number | string {
  const letters = OPTION_LETTERS.slice(0, optionCount).join(', ');
  const expected = `expected a letter ${letters} or a number 1–${optionCount} (1 = A)`;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1 && value <= optionCount) return value - 1;
    return value === 0 ? `${expected}; numbers are 1-based, got 0` : `${expected}, got ${value}`;
  }
  if (typeof value !== 'string') return `${expected}, got ${JSON.stringify(value)}`;
  const normalized = value.normalize('NFKC').trim().replace(/^\((.*)\)$/, '$1').trim().toUpperCase();
  const letterIndex = (OPTION_LETTERS as readonly string[]).indexOf(normalized);
  if (letterIndex >= 0) return letterIndex < optionCount ? letterIndex : `${expected}, got "${value}" (the item has ${optionCount} options)`;
  if (/^\d+$/.test(normalized)) return parseAnswerField(Number(normalized), optionCount);
  return `${expected}, got "${value}"`;
}

/** Checks one item's fields and builds it; the first problem is thrown as a SuiteError naming file, line and field. */
export function buildItem(raw: RawItem, place: ItemPlace, fallbackId: string): SuiteItem {
  const question = text(raw.question, 'question', place, true)!;
  const choices: string[] = [];
  // Options are read in order; trailing empty ones are dropped (a 5-column file with 4-option rows), a gap is an error.
  let lastFilled = -1;
  raw.choices.forEach((value, index) => {
    if (text(value, OPTION_LETTERS[index] ?? `choices[${index}]`, place, false) !== undefined) lastFilled = index;
  });
  for (let index = 0; index <= lastFilled; index++) {
    const field = raw.choices.length > MAX_OPTIONS ? `choices[${index}]` : OPTION_LETTERS[index]!;
    choices.push(text(raw.choices[index], field, place, true)!);
  }
  if (raw.choices.length > MAX_OPTIONS) throw new SuiteError(place.file, place.line, 'choices', `at most ${MAX_OPTIONS} options (A–E), got ${raw.choices.length}`);
  if (choices.length < MIN_OPTIONS) throw new SuiteError(place.file, place.line, choices.length === 0 ? 'A' : 'B', `an item needs at least ${MIN_OPTIONS} options`);
  if (raw.answer === undefined || raw.answer === null || raw.answer === '') throw new SuiteError(place.file, place.line, 'answer', 'missing or empty');
  const answer = parseAnswerField(raw.answer, choices.length);
  if (typeof answer === 'string') throw new SuiteError(place.file, place.line, 'answer', answer);
  const category = text(raw.category, 'category', place, false) ?? place.defaultCategory;
  const difficultyText = text(raw.difficulty, 'difficulty', place, false);
  let difficulty: Difficulty | undefined;
  if (difficultyText !== undefined) {
    if (!(DIFFICULTIES as readonly string[]).includes(difficultyText)) {
      throw new SuiteError(place.file, place.line, 'difficulty', `expected one of ${DIFFICULTIES.join(', ')}, got "${difficultyText}"`);
    }
    difficulty = difficultyText as Difficulty;
  }
  const id = text(raw.id, 'id', place, false) ?? fallbackId;
  if (!/^[\p{L}\p{N}._:-]{1,128}$/u.test(id)) throw new SuiteError(place.file, place.line, 'id', `expected letters, digits, '.', '_', ':' or '-' (at most 128), got "${id}"`);
  const source = text(raw.source, 'source', place, false);
  return {
    suite: place.suite,
    id,
    key: `${place.suite}/${id}`,
    question,
    choices,
    answer,
    category,
    ...(difficulty === undefined ? {} : { difficulty }),
    ...(source === undefined ? {} : { source }),
    origin: `${place.file}:${place.line}`,
  };
}
