import { AUDIT_KINDS, GRADES, type AuditRecord, type AuditRecordInput } from '../domain/index.js';
import { assertStorableString, canonicalJson } from './canonical-json.js';
import { AuditRecordError } from './errors.js';
import type { PendingRow } from './record-row.js';

const KINDS = new Set<string>(AUDIT_KINDS);
const GRADE_SET = new Set<string>(GRADES);
const MODES = new Set(['raw', 'pseudonymized']);
const OUTCOMES = new Set(['ok', 'error', 'denied', 'aborted', 'unavailable']);
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// Finding types are upper-case names (KR_RRN…), as the domain defines them.
const FINDING_TYPE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The record as prepared: seq, prevHash and hash are placeholders (0, '', '') until the chain assigns them. */
export type PreparedRecord = AuditRecord;

/** The JSON text of a string or null (RFC 8785 string serialisation = JSON.stringify for well-formed strings). */
const quote = JSON.stringify;

function optionalString(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new AuditRecordError(`${field}: expected a string or null`);
  assertStorableString(value, field);
  return value;
}

function member(value: unknown, field: string, allowed: Set<string>): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !allowed.has(value)) throw new AuditRecordError(`${field}: expected one of ${[...allowed].join(', ')}`);
  return value;
}

function optionalNumber(value: unknown, field: string, integer = false): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new AuditRecordError(`${field}: expected a finite ${integer ? 'integer' : 'number'} or null`);
  }
  // RFC 8785 writes -0 as 0; store it as 0 so the record read back equals the one written.
  return value === 0 ? 0 : value;
}

/** ISO 8601 UTC with milliseconds, the one form whose text order is time order (range filters rely on it). */
export function normalizeTime(value: unknown): string {
  if (typeof value === 'string' && CANONICAL_TIME.test(value)) return value;
  const date = typeof value === 'string' || value instanceof Date ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new AuditRecordError(`time: expected an ISO 8601 timestamp, got ${JSON.stringify(value)}`);
  return date.toISOString();
}

function findings(value: unknown): { text: string; counts: AuditRecord['findings'] } {
  if (value === null || value === undefined) return { text: '{}', counts: {} };
  if (typeof value !== 'object' || Array.isArray(value)) throw new AuditRecordError('findings: expected an object of type → count');
  const source = value as Record<string, unknown>;
  const counts: Record<string, number> = {};
  let text = '{';
  for (const type of Object.keys(source).sort()) {
    const count = source[type];
    if (count === undefined) continue;
    if (!FINDING_TYPE.test(type)) throw new AuditRecordError(`findings: "${type}" is not a finding type name`);
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) throw new AuditRecordError(`findings.${type}: expected a count`);
    text += `${text.length > 1 ? ',' : ''}"${type}":${count}`;
    counts[type] = count;
  }
  return { text: `${text}}`, counts: counts as AuditRecord['findings'] };
}

/** A copy of a list of strings, and its JSON text. */
function stringList(value: unknown, field: string): { items: string[]; text: string } {
  if (!Array.isArray(value)) throw new AuditRecordError(`${field}: expected a list of strings`);
  const items: string[] = new Array(value.length);
  let text = '[';
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    if (typeof item !== 'string') throw new AuditRecordError(`${field}[${index}]: expected a string`);
    assertStorableString(item, field);
    items[index] = item;
    text += `${index === 0 ? '' : ','}${quote(item)}`;
  }
  return { items, text: `${text}]` };
}

function decision(value: unknown): { text: string; summary: AuditRecord['decision'] } {
  if (value === null || value === undefined) return { text: 'null', summary: null };
  const source = value as { permitted?: unknown; denied?: unknown; rules?: unknown };
  const permitted = stringList(source.permitted, 'decision.permitted');
  const denied = stringList(source.denied, 'decision.denied');
  const rules = stringList(source.rules, 'decision.rules');
  return {
    text: `{"denied":${denied.text},"permitted":${permitted.text},"rules":${rules.text}}`,
    summary: { permitted: permitted.items, denied: denied.items, rules: rules.items },
  };
}

function tokens(value: unknown): { text: string; tokens: AuditRecord['tokens'] } {
  if (value === null || value === undefined) return { text: 'null', tokens: null };
  const source = value as { prompt?: unknown; completion?: unknown; total?: unknown };
  const prompt = optionalNumber(source.prompt, 'tokens.prompt', true) ?? 0;
  const completion = optionalNumber(source.completion, 'tokens.completion', true) ?? 0;
  const total = optionalNumber(source.total, 'tokens.total', true) ?? prompt + completion;
  return { text: `{"completion":${completion},"prompt":${prompt},"total":${total}}`, tokens: { prompt, completion, total } };
}

function detail(value: unknown): { text: string; detail: AuditRecord['detail'] } {
  if (value === null || value === undefined) return { text: 'null', detail: null };
  if (typeof value !== 'object' || Array.isArray(value)) throw new AuditRecordError('detail: expected an object or null');
  const text = canonicalJson(value, 'detail');
  // A flat object of primitives (what the gateway writes on every call) is copied directly; anything
  // nested is copied through its canonical text so the caller can never mutate the stored record.
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key in source) {
    const field = source[key];
    if (field !== null && typeof field === 'object') return { text, detail: JSON.parse(text) as Record<string, unknown> };
    if (field !== undefined) copy[key] = field === 0 ? 0 : field;
  }
  return { text, detail: copy };
}

/** The JSON text of a number or null (RFC 8785 number serialisation = ECMAScript Number::toString = JSON.stringify). */
function numberText(value: number | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

/**
 * Validates a writer's record and serialises it: the canonical body is built here, by hand for
 * the fixed record shape (keys written in sorted order), before the record joins a group commit —
 * so one bad record can never fail the batch it would have shared, and the writer's transaction
 * only concatenates. test/audit/canonical-body.test.ts checks the result against a generic RFC 8785
 * serializer.
 */
export function prepareRow(input: AuditRecordInput, now: () => Date): { pending: PendingRow; record: PreparedRecord } {
  if (input === null || typeof input !== 'object') throw new AuditRecordError('expected a record object');
  if (!KINDS.has(input.kind)) throw new AuditRecordError(`kind: expected one of ${AUDIT_KINDS.join(', ')}, got ${JSON.stringify(input.kind)}`);
  if (input.highImpact !== undefined && typeof input.highImpact !== 'boolean') throw new AuditRecordError('highImpact: expected a boolean');
  const record: PreparedRecord = {
    seq: 0,
    time: input.time === undefined ? now().toISOString() : normalizeTime(input.time),
    kind: input.kind,
    requestId: optionalString(input.requestId, 'requestId'),
    app: optionalString(input.app, 'app'),
    alias: optionalString(input.alias, 'alias'),
    grade: member(input.grade, 'grade', GRADE_SET) as PreparedRecord['grade'],
    purpose: optionalString(input.purpose, 'purpose'),
    highImpact: input.highImpact === true,
    findings: {},
    decision: null,
    provider: optionalString(input.provider, 'provider'),
    model: optionalString(input.model, 'model'),
    operatorCountry: optionalString(input.operatorCountry, 'operatorCountry'),
    hostingCountry: optionalString(input.hostingCountry, 'hostingCountry'),
    mode: member(input.mode, 'mode', MODES) as PreparedRecord['mode'],
    outcome: member(input.outcome, 'outcome', OUTCOMES) as PreparedRecord['outcome'],
    status: optionalNumber(input.status, 'status', true),
    latencyMs: optionalNumber(input.latencyMs, 'latencyMs'),
    tokens: null,
    energyWh: optionalNumber(input.energyWh, 'energyWh'),
    co2g: optionalNumber(input.co2g, 'co2g'),
    detail: null,
    prevHash: '',
    hash: '',
  };
  const findingsPart = findings(input.findings);
  const decisionPart = decision(input.decision);
  const tokensPart = tokens(input.tokens);
  const detailPart = detail(input.detail);
  record.findings = findingsPart.counts;
  record.decision = decisionPart.summary;
  record.tokens = tokensPart.tokens;
  record.detail = detailPart.detail;
  const beforePrevHash =
    `{"alias":${quote(record.alias)},"app":${quote(record.app)},"co2g":${numberText(record.co2g)},"decision":${decisionPart.text}` +
    `,"detail":${detailPart.text},"energyWh":${numberText(record.energyWh)},"findings":${findingsPart.text},"grade":${quote(record.grade)}` +
    `,"highImpact":${record.highImpact ? 'true' : 'false'},"hostingCountry":${quote(record.hostingCountry)},"kind":${quote(record.kind)}` +
    `,"latencyMs":${numberText(record.latencyMs)},"mode":${quote(record.mode)},"model":${quote(record.model)}` +
    `,"operatorCountry":${quote(record.operatorCountry)},"outcome":${quote(record.outcome)},`;
  const beforeSeq = `,"provider":${quote(record.provider)},"purpose":${quote(record.purpose)},"requestId":${quote(record.requestId)},`;
  const afterSeq = `,"status":${numberText(record.status)},"time":${quote(record.time)},"tokens":${tokensPart.text}}`;
  return { pending: [beforePrevHash, beforeSeq, afterSeq], record };
}
