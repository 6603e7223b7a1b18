import { parse } from 'csv-parse/sync';
import { buildItem, type ItemPlace } from './item-fields.js';
import { OPTION_LETTERS, type SuiteItem } from './suite.js';
import { SuiteError } from './suite-error.js';

const KNOWN = ['question', 'answer', 'category', 'id', 'difficulty', 'source'] as const;

/**
 * A KMMLU-compatible CSV: a header row naming at least `question`, `A`, `B` and `answer` (KMMLU's own
 * files: question, answer, A, B, C, D, Category, Human Accuracy), optionally C, D, E, `category`, `id`,
 * `difficulty` and `source`. Header names are matched without regard to case; other columns are ignored.
 * `answer` is a letter or KMMLU's 1–4 number. Parsing is csv-parse's (RFC 4180 quoting, BOM, CRLF).
 */
export function parseCsvSuite(text: string, place: Omit<ItemPlace, 'line'>): SuiteItem[] {
  const bytes = Buffer.from(text, 'utf8');
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(bytes, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    const message = (error as Error).message.replace(/ (at|on) line \d+/, '');
    throw new SuiteError(place.file, line, null, `not valid CSV: ${message}`);
  }
  const first = records[0];
  if (first === undefined) throw new SuiteError(place.file, null, null, 'empty file (expected a header row: question, A, B, C, D, answer, category)');
  const header = first.record.map((name) => name.normalize('NFKC').trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  for (const required of ['question', 'a', 'b', 'answer']) {
    if (column(required) < 0) {
      throw new SuiteError(place.file, 1, required === 'a' || required === 'b' ? required.toUpperCase() : required, 'missing column (the header needs question, A, B, …, answer; category is optional)');
    }
  }
  // Option columns A, B, C, … as far as they go without a gap.
  const optionColumns: number[] = [];
  for (const letter of OPTION_LETTERS) {
    const index = column(letter.toLowerCase());
    if (index < 0) break;
    optionColumns.push(index);
  }
  const known = Object.fromEntries(KNOWN.map((name) => [name, column(name)])) as Record<(typeof KNOWN)[number], number>;
  const items: SuiteItem[] = [];
  // A record is named by the line it starts on: csv-parse's own line count is off for quoted CRLF, so
  // count newlines up to where the record begins (the previous record's end, past any blank lines).
  let newlines = 0;
  let counted = 0;
  const lineAt = (offset: number) => {
    let start = offset;
    while (bytes[start] === 0x0a || bytes[start] === 0x0d) start++;
    for (; counted < start; counted++) if (bytes[counted] === 0x0a) newlines++;
    return newlines + 1;
  };
  for (let index = 1; index < records.length; index++) {
    const { record } = records[index]!;
    const line = lineAt(records[index - 1]!.info.bytes);
    const cell = (index: number) => (index < 0 ? undefined : record[index]);
    items.push(
      buildItem(
        {
          id: cell(known.id),
          question: cell(known.question),
          choices: optionColumns.map((index) => record[index]),
          answer: cell(known.answer),
          category: cell(known.category),
          difficulty: cell(known.difficulty),
          source: cell(known.source),
        },
        { ...place, line },
        `line-${line}`,
      ),
    );
  }
  return items;
}
