import type { FindingType } from '../../domain/index.js';
import { PRIORITY, type Candidate } from '../candidate.js';
import { classifyBankAccount } from './bank-account.js';
import { classifyBusiness } from './business-number.js';
import { classifyCard } from './card-number.js';
import { classifyDriverLicense } from './driver-license.js';
import { classifyIpv4 } from './ipv4-address.js';
import { NumericSpan } from './numeric-span.js';
import { NumericToken, SEPARATOR } from './numeric-token.js';
import { classifyPhone } from './phone-number.js';
import { classifyResident } from './resident-number.js';

/** The longest layout (card 4-4-4-4-3, `+82 (0)10 1234 5678`) has five groups. */
const MAX_GROUPS = 5;

const token = new NumericToken();
const span = new NumericSpan();

/** Tries every numeric type on one span; the order settles shapes that two types share. */
function classifySpan(): { type: FindingType; start: number } | undefined {
  const groups = span.groups;
  if (span.anyMasked()) {
    const type = classifyResident(span);
    return type ? { type, start: span.start } : undefined;
  }
  if (span.totalDigits() < 9 && groups !== 4) return undefined;
  const type =
    classifyIpv4(span) ??
    classifyResident(span) ??
    classifyPhone(span) ??
    classifyBusiness(span);
  if (type) return { type, start: span.start };
  const license = classifyDriverLicense(span);
  if (license) return license;
  const late = classifyCard(span) ?? classifyBankAccount(span);
  return late ? { type: late, start: span.start } : undefined;
}

function push(out: Candidate[], found: { type: FindingType; start: number }): void {
  out.push({ type: found.type, start: found.start, end: span.end, priority: PRIORITY.structured });
}

/** A span may start or end where the token does (unless glued to a word) or at a space, dot or parenthesis. */
function splits(separator: number | undefined): boolean {
  return separator === SEPARATOR.SPACE || separator === SEPARATOR.DOT || separator === SEPARATOR.PAREN;
}
function canStart(first: number): boolean {
  return first === 0 ? !token.leftGlued : splits(token.separator[first - 1]);
}
function canEnd(last: number): boolean {
  return last === token.count - 1 ? !token.rightGlued : splits(token.separator[last]);
}
function hasDotInside(first: number, last: number): boolean {
  for (let group = first; group < last; group++) if (token.separator[group] === SEPARATOR.DOT) return true;
  return false;
}

function classifyToken(text: string, out: Candidate[]): void {
  const count = token.count;
  if (count <= MAX_GROUPS && !token.leftGlued && !token.rightGlued) {
    span.reset(text, token, 0, count - 1);
    const found = classifySpan();
    if (found) {
      push(out, found);
      return;
    }
  }
  // The whole run is not one identifier: try the pieces between spaces (`총 3 010-1234-5678`), dots
  // (`010-1234-5678.12`) and parentheses (`960121-1234567 (2024`), longest first, at most five
  // groups each (linear in the run length).
  for (let first = 0; first < count; first++) {
    if (!canStart(first)) continue;
    for (let last = Math.min(count - 1, first + MAX_GROUPS - 1); last >= first; last--) {
      if ((first === 0 && last === count - 1) || !canEnd(last)) continue;
      const dotBoundary = (first > 0 && token.separator[first - 1] === SEPARATOR.DOT) || (last < count - 1 && token.separator[last] === SEPARATOR.DOT);
      if (dotBoundary && hasDotInside(first, last)) continue;
      span.reset(text, token, first, last);
      const found = classifySpan();
      if (found) {
        push(out, found);
        first = last;
        break;
      }
    }
  }
}

/**
 * Where a numeric identifier can be: nine digits in a row, a digit joined by a separator to another
 * digit, or a masked group. Ordinary prose numbers (2024년, 1,250,000원, 3 명) never match, so the
 * token reader and the classifiers only see the few runs that matter; the engine's native scan
 * replaces a character loop. Linear: no part of the pattern can backtrack over more than 4 characters.
 */
const INTERESTING = /[0-9]{9}|[0-9](?:[-. )(]|[ ]-[ ]?|-[ ]|\)[ ]|[ ]\()[0-9]|[0-9]\*/g;

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Appends every numeric identifier of the (normalized) text. */
export function detectNumeric(text: string, out: Candidate[]): void {
  INTERESTING.lastIndex = 0;
  for (let match = INTERESTING.exec(text); match !== null; match = INTERESTING.exec(text)) {
    // The match may start inside a digit run (`2024-01` matches at `4-0`): read from the run's start.
    let start = match.index;
    while (start > 0 && isDigitCode(text.charCodeAt(start - 1))) start--;
    const end = token.read(text, start);
    classifyToken(text, out);
    INTERESTING.lastIndex = Math.max(end, match.index + 1);
  }
}
