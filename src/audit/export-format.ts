import type { AuditRecord } from '../domain/index.js';
import { canonicalJson } from './canonical-json.js';

/**
 * One JSONL export line: the record's canonical JSON (RFC 8785), hash included, so that anyone can
 * re-check an export on their own: hash = sha256(prevHash + canonical(line without "hash")).
 */
export function jsonLine(record: AuditRecord): string {
  return canonicalJson(record, 'record');
}

export const CSV_COLUMNS = [
  'seq',
  'time',
  'kind',
  'requestId',
  'app',
  'alias',
  'grade',
  'purpose',
  'highImpact',
  'findings',
  'permitted',
  'denied',
  'rules',
  'provider',
  'model',
  'operatorCountry',
  'hostingCountry',
  'mode',
  'outcome',
  'status',
  'latencyMs',
  'promptTokens',
  'completionTokens',
  'totalTokens',
  'energyWh',
  'co2g',
  'detail',
  'prevHash',
  'hash',
] as const;

/** RFC 4180 quoting; a cell that a spreadsheet would run as a formula gets a leading apostrophe. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',');
}

/** One CSV row: nested fields flattened (findings as TYPE:count;…, decision lists joined with ";"). */
export function csvLine(record: AuditRecord): string {
  const findings = Object.entries(record.findings)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([type, count]) => `${type}:${count}`)
    .join(';');
  const values: unknown[] = [
    record.seq,
    record.time,
    record.kind,
    record.requestId,
    record.app,
    record.alias,
    record.grade,
    record.purpose,
    record.highImpact,
    findings,
    record.decision?.permitted.join(';'),
    record.decision?.denied.join(';'),
    record.decision?.rules.join(';'),
    record.provider,
    record.model,
    record.operatorCountry,
    record.hostingCountry,
    record.mode,
    record.outcome,
    record.status,
    record.latencyMs,
    record.tokens?.prompt,
    record.tokens?.completion,
    record.tokens?.total,
    record.energyWh,
    record.co2g,
    record.detail === null ? null : canonicalJson(record.detail, 'detail'),
    record.prevHash,
    record.hash,
  ];
  return values.map(cell).join(',');
}
