import { PRIORITY, type Candidate } from './candidate.js';

/**
 * E-mail addresses, found from each `@` outwards by hand: the local part and the domain are
 * read with bounded loops (RFC 5321 limits: 64 and 255 characters), so a text of a million `@`s or
 * letters stays linear. The domain needs a dot and an alphabetic top-level label of 2+ letters.
 */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;

function isLocalCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ||
    code === 46 || code === 95 || code === 37 || code === 43 || code === 45
  );
}
function isDomainCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 46;
}
function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

export function detectEmails(text: string, out: Candidate[]): void {
  let lastEnd = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > lastEnd && at - start < MAX_LOCAL && isLocalCode(text.charCodeAt(start - 1))) start--;
    while (start < at && text.charCodeAt(start) === 46) start++; // a local part does not start with a dot
    if (start === at || text.charCodeAt(at - 1) === 46) continue;
    let end = at + 1;
    const limit = Math.min(text.length, at + 1 + MAX_DOMAIN);
    while (end < limit && isDomainCode(text.charCodeAt(end))) end++;
    // Trailing dots and hyphens are punctuation (`mail me at a@b.com.`).
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    const domain = text.slice(at + 1, end);
    const lastDot = domain.lastIndexOf('.');
    if (lastDot <= 0 || domain.includes('..') || domain.charCodeAt(0) === 45) continue;
    const topLevel = domain.slice(lastDot + 1);
    if (topLevel.length < 2) continue;
    let alphabetic = true;
    for (let index = 0; index < topLevel.length; index++) if (!isLetter(topLevel.charCodeAt(index))) alphabetic = false;
    if (!alphabetic) continue;
    out.push({ type: 'EMAIL', start, end, priority: PRIORITY.email });
    lastEnd = end;
  }
}
