import { PRIORITY, type Candidate } from '../candidate.js';
import { DISTRICTS, NEIGHBOURHOOD, PROVINCES } from './admin-areas.js';

/**
 * Korean road-name (도로명) and lot-number (지번) addresses (research §1.13).
 *
 * A cheap trigger finds `로|길 <digit>` (road + building number) and `동|리|가 <digit>` (lot);
 * the address is then parsed around it: the road or neighbourhood word and its number forward,
 * the administrative words (시·도, 시·군·구, 읍·면·동) backward. An address needs at least one
 * province or city/county/district from the official lists, or an address label (주소:) right before
 * it — precision over recall. The span then grows over the detail (`, 101동 1001호`, `4층`) and a
 * reference in parentheses (`(역삼동)`, `(역삼동, 래미안아파트)`); a postal code is not part of it.
 */
const TRIGGER = /(?:로|길|동|리|가)[ ]?(?:지하[ ]?|산[ ]?)?\d/g;

// A building number is not followed by a digit, a lot/branch marker or a unit (2시간, 3개, 5명…).
const NUMBER_END = String.raw`(?![\d가길]|번길|[시분초일개명원년월회차주배%])`;
const ROAD_AT = new RegExp(String.raw`[가-힣][가-힣0-9·.]{0,14}?(?:대로|로|길)(?:[ ]?\d{1,3}번?[가-힣]?길)?[ ]?(?:지하[ ]?)?\d{1,4}(?:-\d{1,4})?${NUMBER_END}`, 'y');
const LOT_AT = new RegExp(String.raw`[가-힣][가-힣0-9]{0,7}(?:동|리|가)[ ]?(?:산[ ]?)?\d{1,4}(?:-\d{1,4})?(?:번지)?${NUMBER_END}`, 'y');

const BUILDING = '(?:아파트|빌딩|빌라|오피스텔|타워|맨션|센터|프라자|플라자|하우스|캐슬|자이|푸르지오|힐스테이트|래미안|아이파크|상가|주택)';
const DETAIL = new RegExp(
  // A building's name: with a known suffix (래미안아파트), or any word right before a floor/unit (메세나폴리스 2층).
  String.raw`,?[ ]?(?:[가-힣A-Za-z0-9]{1,20}${BUILDING}|[가-힣A-Za-z][가-힣A-Za-z0-9]{1,19}(?=[ ]?(?:지하[ ]?)?\d{1,4}(?:층|동|호))|제?\d{1,4}동|\d{1,3}층|지하[ ]?\d{1,2}층|B\d{1,2}층?|제?\d{1,5}호|\d{1,4}-\d{1,4}호)(?![0-9])`,
  'y',
);
const REFERENCE = new RegExp(
  String.raw`[ ]?\((?:[가-힣0-9]{1,10}(?:동|가|리)|[가-힣A-Za-z0-9]{1,20}${BUILDING})(?:,[ ]?[가-힣A-Za-z0-9 ]{1,25})?\)`,
  'y',
);
const LABEL_BEFORE = /(?:주소|주\s?소지|거주지|소재지|배송지|자택|address|addr)\s*[:：]?\s*["']?$/i;

const MAX_ADMIN_WORDS = 4;
const MAX_KEY_WORD = 16;
const MAX_DETAILS = 4;

function isHangulOrDigit(code: number): boolean {
  return (code >= 0xac00 && code <= 0xd7a3) || (code >= 48 && code <= 57);
}

const Role = { Province: 0, District: 1, Neighbourhood: 2, None: 3 } as const;
type Role = (typeof Role)[keyof typeof Role];

function roleOf(word: string): Role {
  if (PROVINCES.has(word)) return Role.Province;
  if (DISTRICTS.has(word)) return Role.District;
  if (NEIGHBOURHOOD.test(word)) return Role.Neighbourhood;
  return Role.None;
}

/** Start of the administrative words before `keyStart`, or -1 when none anchors the address. */
function adminStart(text: string, keyStart: number): number {
  let anchorStart = -1;
  let position = keyStart;
  for (let words = 0; words < MAX_ADMIN_WORDS; words++) {
    if (position < 2 || text.charCodeAt(position - 1) !== 32) break;
    const end = position - 1;
    let start = end;
    while (start > 0 && end - start < MAX_KEY_WORD && isHangulOrDigit(text.charCodeAt(start - 1))) start--;
    if (start === end) break;
    const role = roleOf(text.slice(start, end));
    if (role === Role.None) break;
    // Only a listed province or district anchors; a neighbourhood word may sit between them and the road.
    if (role !== Role.Neighbourhood) anchorStart = start;
    position = start;
  }
  return anchorStart;
}

function extendDetails(text: string, from: number): number {
  let position = from;
  for (let count = 0; count < MAX_DETAILS; count++) {
    DETAIL.lastIndex = position;
    const match = DETAIL.exec(text);
    if (match === null) break;
    position += match[0].length;
  }
  return position;
}

/** Detail, then the reference in parentheses, then detail written after it (`(하동) 1101동 1502호`). */
function extendDetail(text: string, end: number): number {
  const position = extendDetails(text, end);
  REFERENCE.lastIndex = position;
  const reference = REFERENCE.exec(text);
  return reference === null ? position : extendDetails(text, position + reference[0].length);
}

export function detectAddresses(text: string, out: Candidate[]): void {
  TRIGGER.lastIndex = 0;
  for (let match = TRIGGER.exec(text); match !== null; match = TRIGGER.exec(text)) {
    const at = match.index;
    let keyStart = at;
    while (keyStart > 0 && at - keyStart < MAX_KEY_WORD && isHangulOrDigit(text.charCodeAt(keyStart - 1))) keyStart--;
    const road = text.charCodeAt(at) === 0xb85c /* 로 */ || text.charCodeAt(at) === 0xae38; /* 길 */
    const pattern = road ? ROAD_AT : LOT_AT;
    pattern.lastIndex = keyStart;
    const key = pattern.exec(text);
    if (key === null) continue;
    let start = adminStart(text, keyStart);
    if (start < 0) {
      if (!LABEL_BEFORE.test(text.slice(Math.max(0, keyStart - 16), keyStart))) continue;
      start = keyStart;
    }
    const end = extendDetail(text, keyStart + key[0].length);
    out.push({ type: 'KR_ADDRESS', start, end, priority: PRIORITY.address });
    TRIGGER.lastIndex = end;
  }
}
