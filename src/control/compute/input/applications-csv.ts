import { CsvSyntaxError, parseCsv } from './csv.js';
import { inputError } from './input-issues.js';

const NUMBER_COLUMNS = new Set(['gpus', 'hours', 'gpuHours', 'minGpus', 'evaluationScore']);
const BOOLEAN_COLUMNS = new Set(['koreanCulture']);
/** Columns holding a list: values separated by ";" or spaces. */
const LIST_COLUMNS = new Set(['users']);

/** What the CSV reader hands to the schema: the raw applications and the CSV line of each. */
export interface CsvApplications {
  raw: { applications: Record<string, unknown>[] };
  lines: number[];
}

/**
 * An applications CSV: a header row naming the same fields as the YAML format, one application per row.
 * Empty cells are absent values; numbers and booleans (true/false/yes/no/1/0) are converted here so
 * that the one schema validates both formats. A cell that is not a number stays text, so the schema
 * names it ("expected number, got "12x"").
 */
export function applicationsFromCsv(text: string, source: string): CsvApplications {
  let table;
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw inputError(source, [{ path: `line ${error.line}`, message: `CSV syntax error: ${error.message}` }]);
    throw error;
  }
  const applications = table.rows.map((row) => {
    const record: Record<string, unknown> = {};
    table.header.forEach((column, index) => {
      const cell = (row.cells[index] ?? '').trim();
      if (cell === '') return;
      record[column] = convert(column, cell);
    });
    return record;
  });
  return { raw: { applications }, lines: table.rows.map((row) => row.line) };
}

function convert(column: string, cell: string): unknown {
  if (NUMBER_COLUMNS.has(column)) {
    const value = Number(cell);
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell) && Number.isFinite(value) ? value : cell;
  }
  if (LIST_COLUMNS.has(column)) return cell.split(/[;\s]+/).filter((value) => value !== '');
  if (BOOLEAN_COLUMNS.has(column)) {
    const lower = cell.toLowerCase();
    if (['true', 'yes', '1', 'y'].includes(lower)) return true;
    if (['false', 'no', '0', 'n'].includes(lower)) return false;
    return cell;
  }
  return cell;
}
