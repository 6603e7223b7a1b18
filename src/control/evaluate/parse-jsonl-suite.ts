import { buildItem, type ItemPlace } from './item-fields.js';
import { OPTION_LETTERS, type SuiteItem } from './suite.js';
import { SuiteError } from './suite-error.js';

/**
 * JSONL, one item per line: `{"id","question","choices":[…],"answer","category","difficulty","source"}`.
 * The options may instead be keys "A"…"E" (KMMLU's JSON export); `answer` is a letter or a 1-based
 * number; `"example": true` marks a worked example for k-shot prompts (never scored). Blank lines and
 * lines starting with `//` are skipped.
 */
export function parseJsonlSuite(text: string, place: Omit<ItemPlace, 'line'>): { items: SuiteItem[]; examples: SuiteItem[] } {
  const items: SuiteItem[] = [];
  const examples: SuiteItem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((lineText, index) => {
    const line = index + 1;
    const trimmed = lineText.trim();
    if (trimmed === '' || trimmed.startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new SuiteError(place.file, line, null, `not valid JSON: ${(error as Error).message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SuiteError(place.file, line, null, 'expected a JSON object');
    const fields = value as Record<string, unknown>;
    let choices: unknown[];
    if (fields['choices'] !== undefined) {
      if (!Array.isArray(fields['choices'])) throw new SuiteError(place.file, line, 'choices', 'expected an array of option texts');
      choices = fields['choices'];
    } else {
      choices = OPTION_LETTERS.map((letter) => fields[letter]);
      if (choices.every((choice) => choice === undefined)) throw new SuiteError(place.file, line, 'choices', 'missing (give "choices": [...] or keys "A", "B", …)');
    }
    const example = fields['example'];
    if (example !== undefined && typeof example !== 'boolean') throw new SuiteError(place.file, line, 'example', `expected true or false, got ${JSON.stringify(example)}`);
    const item = buildItem(
      {
        id: fields['id'],
        question: fields['question'],
        choices,
        answer: fields['answer'],
        category: fields['category'] ?? fields['Category'],
        difficulty: fields['difficulty'],
        source: fields['source'],
      },
      { ...place, line },
      `line-${line}`,
    );
    (example === true ? examples : items).push(item);
  });
  return { items, examples };
}
