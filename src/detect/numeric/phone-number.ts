import type { FindingType } from '../../domain/index.js';
import { CONTEXT } from '../context/keywords.js';
import type { NumericSpan } from './numeric-span.js';
import { SEPARATOR, type Separator } from './numeric-token.js';

/**
 * Korean phone numbers (libphonenumber KR metadata, research §1.7): mobile 01[016789], landlines
 * by area code, 070 VoIP and 050X personal numbers, in domestic (`010-1234-5678`, `(02) 123-4567`,
 * `010.1234.5678`, `01012345678`) or international (`+82 10-1234-5678`, `+82 (0)2 123 4567`) form.
 * Business-only ranges (1588-style 대표번호, 080 toll-free, 060 premium) are not personal and are
 * not reported.
 */
const MOBILE_PREFIXES = new Set(['010', '011', '016', '017', '018', '019']);
const AREA_CODES = new Set(['02', '031', '032', '033', '041', '042', '043', '044', '051', '052', '053', '054', '055', '061', '062', '063', '064']);
const PERSONAL_NUMBER = /^050[2-8]$/;

/** The kind of a domestic number split into (prefix, middle, last), or undefined. */
function groupedKind(prefix: string, middle: string, last: string): 'mobile' | 'landline' | 'other' | undefined {
  if (last.length !== 4 || middle.length < 3 || middle.length > 4) return undefined;
  if (MOBILE_PREFIXES.has(prefix)) return 'mobile';
  if (AREA_CODES.has(prefix)) return middle.charCodeAt(0) !== 48 ? 'landline' : undefined;
  if (prefix === '070' || PERSONAL_NUMBER.test(prefix)) return 'other';
  return undefined;
}

/** Kind of an unseparated domestic number (trunk 0 included). */
function contiguousKind(digits: string): 'mobile' | 'landline' | 'other' | undefined {
  const length = digits.length;
  if (digits.charCodeAt(0) !== 48) return undefined;
  if (MOBILE_PREFIXES.has(digits.slice(0, 3))) return length === 10 || length === 11 ? 'mobile' : undefined;
  if (digits.startsWith('02')) return (length === 9 || length === 10) && digits.charCodeAt(2) !== 48 ? 'landline' : undefined;
  if (AREA_CODES.has(digits.slice(0, 3))) return (length === 10 || length === 11) && digits.charCodeAt(3) !== 48 ? 'landline' : undefined;
  if (digits.startsWith('070')) return length === 11 ? 'other' : undefined;
  if (PERSONAL_NUMBER.test(digits.slice(0, 4))) return length === 11 || length === 12 ? 'other' : undefined;
  return undefined;
}

/** Separators after the first group must agree; the first may be `)`/`(` (area code in parentheses). */
function separatorsAgree(span: NumericSpan, from: number): boolean {
  let kind: Separator | undefined;
  for (let k = from; k < span.groups - 1; k++) {
    const separator = span.separator(k);
    if (k === from && separator === SEPARATOR.PAREN) continue;
    if (separator === SEPARATOR.PAREN) return false;
    if (kind === undefined) kind = separator;
    else if (separator !== kind) return false;
  }
  return true;
}

export function classifyPhone(span: NumericSpan): FindingType | undefined {
  const groups = span.groups;
  const plus = span.first === 0 && span.token.plus;
  if (plus) return classifyInternational(span);
  if (span.first === 0 && span.token.openParen && (groups < 2 || span.separator(0) !== SEPARATOR.PAREN)) return undefined;
  if (groups === 3) {
    if (!separatorsAgree(span, 0)) return undefined;
    return groupedKind(span.groupText(0), span.groupText(1), span.groupText(2)) ? 'KR_PHONE' : undefined;
  }
  if (groups === 1) {
    const digits = span.digits();
    const kind = contiguousKind(digits);
    if (kind === undefined) return undefined;
    // 11 bare digits starting 010 are a mobile number; anything shorter or other needs a phone word.
    if (kind === 'mobile' && digits.length === 11) {
      // 11 bare digits starting 01X are a mobile number unless an order/serial word says otherwise.
      return span.nearestContext() === CONTEXT.NEGATIVE ? undefined : 'KR_PHONE';
    }
    return span.nearestContext() === CONTEXT.PHONE ? 'KR_PHONE' : undefined;
  }
  return undefined;
}

/** `+82 …`: drop the country code (and a `(0)` trunk), then judge the national number. */
function classifyInternational(span: NumericSpan): FindingType | undefined {
  const first = span.groupText(0);
  if (!first.startsWith('82')) return undefined;
  if (span.groups === 1) {
    const national = first.slice(2);
    return contiguousKind(national.startsWith('0') ? national : `0${national}`) ? 'KR_PHONE' : undefined;
  }
  if (first !== '82') return undefined;
  let k = 1;
  if (span.groupText(k) === '0' && span.separator(k - 1) === SEPARATOR.PAREN) k++;
  const rest = span.groups - k;
  if (!separatorsAgree(span, k)) return undefined;
  if (rest === 3) {
    const prefix = span.groupText(k);
    const domestic = prefix.startsWith('0') ? prefix : `0${prefix}`;
    return groupedKind(domestic, span.groupText(k + 1), span.groupText(k + 2)) ? 'KR_PHONE' : undefined;
  }
  if (rest === 1) {
    const national = span.groupText(k);
    return contiguousKind(national.startsWith('0') ? national : `0${national}`) ? 'KR_PHONE' : undefined;
  }
  return undefined;
}
