import { PRIORITY, type Candidate } from './candidate.js';
import { ContextProbe } from './context/context-probe.js';
import { CONTEXT } from './context/keywords.js';
import { IDENTIFIER_CATEGORIES } from './numeric/numeric-span.js';

/**
 * Korean passports (research §1.5): type letter M/S/R/G/O/D, then 8 digits (until Dec 2021) or
 * 3 digits + a letter + 4 digits (the next-generation passport). There is no check digit. The new
 * layout is distinctive and counts unless a negative word is nearer; the old one (and any lower-case
 * form) collides with part and model codes and needs a passport word nearby.
 */
const CANDIDATE = /[MSRGODmsrgod]\d{3}(?:\d{5}|[A-Za-z]\d{4})/g;
const probe = new ContextProbe();

function isWordCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 45 || code === 64;
}

export function detectPassports(text: string, out: Candidate[]): void {
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const start = match.index;
    const end = start + 9;
    if (start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
    if (end < text.length && isWordCode(text.charCodeAt(end))) continue;
    const nextGeneration = match[0].charCodeAt(4) > 57;
    const upperCase = match[0] === match[0].toUpperCase();
    const context = probe.around(text, start, end).nearest(IDENTIFIER_CATEGORIES);
    if (context === CONTEXT.NEGATIVE) continue;
    // Lower case (m12345678) is how people type it, but also how codes look: only with a passport word.
    if ((nextGeneration && upperCase) || context === CONTEXT.PASSPORT) out.push({ type: 'KR_PASSPORT', start, end, priority: PRIORITY.structured });
  }
}
