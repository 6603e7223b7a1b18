/** A CSV syntax problem, with the 1-based line where it was found. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CsvTable {
  header: string[];
  /** Each row with the line it starts on (for error messages). */
  rows: { line: number; cells: string[] }[];
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote inside quotes,
 * LF or CRLF line ends, quoted fields may span lines. Blank lines are skipped; a leading BOM is ignored.
 */
export function parseCsv(text: string): CsvTable {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldWasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = () => {
    cells.push(field);
    const blank = cells.length === 1 && cells[0] === '' && !fieldWasQuoted;
    if (!blank) records.push({ line: recordLine, cells });
    cells = [];
    field = '';
    fieldWasQuoted = false;
  };

  for (; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (field !== '') throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double inner quotes)');
      quoted = true;
      fieldWasQuoted = true;
    } else if (char === ',') {
      cells.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (fieldWasQuoted) throw new CsvSyntaxError(line, 'text after a closing quote');
      field += char;
    }
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted field is never closed');
  if (field !== '' || cells.length > 0 || fieldWasQuoted) endRecord();

  const [first, ...rows] = records;
  if (first === undefined) throw new CsvSyntaxError(1, 'the file is empty (expected a header row)');
  const header = first.cells.map((cell) => cell.trim());
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      throw new CsvSyntaxError(row.line, `${row.cells.length} fields, but the header has ${header.length}`);
    }
  }
  return { header, rows };
}
