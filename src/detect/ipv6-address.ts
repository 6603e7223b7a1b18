import { PRIORITY, type Candidate } from './candidate.js';

/**
 * IPv6 addresses in full (8 groups) or compressed (`::`) form. Candidates are looked for only
 * around colons (found natively with indexOf), then matched by a sticky pattern that consumes a
 * colon per repetition (at most 7), so nothing can backtrack badly; the parse rejects times
 * (`12:30:45`), MAC addresses (6 groups) and C++ scopes (`a::b` needs a digit).
 */
const CANDIDATE = /(?:[0-9A-Fa-f]{1,4}|(?=::))(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Za-z:]|\.\d)/y;
/** An address is at most 39 characters: its start is at most this far before any of its colons. */
const MAX_LENGTH = 39;

function isHexCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}
function isWordOrColon(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 58 || code === 46;
}

function valid(candidate: string): boolean {
  // Cheap rejections first (times like 12:30:45 are the common candidate): without `::`, exactly 7 colons.
  const compressed = candidate.includes('::');
  if (!compressed) {
    let colons = 0;
    for (let index = 0; index < candidate.length; index++) if (candidate.charCodeAt(index) === 58) colons++;
    if (colons !== 7) return false;
  }
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  for (const group of groups) if (group.length === 0 || group.length > 4) return false;
  if (halves.length === 1 ? groups.length !== 8 : groups.length > 7) return false;
  if (!/\d/.test(candidate)) return false;
  return groups.length >= 2 || candidate === '::1';
}

export function detectIpv6(text: string, out: Candidate[]): void {
  let searchFrom = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', searchFrom)) {
    searchFrom = colon + 1;
    const next = text.charCodeAt(colon + 1);
    const previous = colon > 0 ? text.charCodeAt(colon - 1) : -1;
    // `성명: 홍길동`, `시간 14:30`: only hex-or-colon on both sides can be inside an address.
    if (!(isHexCode(next) || next === 58) || !(isHexCode(previous) || previous === 58 || previous === -1 || !isWordOrColon(previous))) continue;
    let start = colon;
    while (start > 0 && colon - start < MAX_LENGTH && (isHexCode(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 58)) start--;
    if (start > 0 && isWordOrColon(text.charCodeAt(start - 1))) continue;
    CANDIDATE.lastIndex = start;
    const match = CANDIDATE.exec(text);
    if (match === null) continue;
    const end = start + match[0].length;
    if (valid(match[0])) out.push({ type: 'IP_ADDRESS', start, end, priority: PRIORITY.structured });
    searchFrom = Math.max(searchFrom, end);
  }
}
