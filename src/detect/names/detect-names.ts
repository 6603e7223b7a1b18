import { PRIORITY, type Candidate } from '../candidate.js';
import { COMPOUND_SURNAMES, SURNAMES } from './name-lists.js';
import { isKoreanName, nameLengthAtWordStart } from './name-shape.js';

/**
 * Person names in context (research §1.14). Names are never reported on their shape alone: a
 * label before (성명:, 예금주, 담당자, "name": …) or an honorific/title after (님, 씨, 고객님, 과장, …)
 * must be there. Precision matters more than recall: the surname must be a frequent one, common
 * nouns and role words are excluded, and an honorific alone needs a 3-syllable name.
 *
 * Korean labels and honorifics are checked in one linear pass over Hangul words (big alternations of
 * Korean words, which start with very common syllables, are slow to scan for); English cues use one
 * pattern that runs only when the text has Latin letters.
 */
const KOREAN_LABELS = [
  '성명', '이름', '성함', '고객명', '환자명', '환자', '담당자', '담당', '예금주', '수신인', '수신자', '수취인', '받는 분', '받는분', '받는 사람',
  '보내는 분', '보내는분', '보내는 사람', '발신인', '발신자', '보호자', '신청인', '신청자', '대표자', '대표이사', '대표', '작성자', '피보험자',
  '계약자', '가입자', '의뢰인', '신고인', '민원인', '수령인', '주문자', '구매자', '세입자', '임차인', '임대인', '채무자', '채권자',
  '참석자', '명의자', '소유자', '운전자', '상담원', '상담사', '직원명', '사원명', '학생명', '학생', '주치의', '지도교수',
  '검토자', '승인자', '결재자', '요청자', '문의자', '접수자', '처리자', '등록자', '확인자', '인수자', '출원인', '발명자', '배우자',
  '피해자', '가해자', '피의자', '피고인', '원고', '피고', '증인', '대리인',
].sort((a, b) => b.length - a.length);
/** A label at a word start (checked only where the word's first two syllables start some label). */
const KOREAN_LABEL_AT = new RegExp(KOREAN_LABELS.join('|'), 'y');
const SYLLABLES = 11172;

/**
 * First syllable → the second syllables that follow it in some word of a list, as two typed arrays
 * (offsets per first syllable, then the second syllables): one or two array reads per Hangul word,
 * no hashing and no regex.
 */
interface BigramTable {
  offsets: Int32Array;
  seconds: Uint16Array;
}
function bigramTable(words: readonly string[]): BigramTable {
  const lists = new Map<number, number[]>();
  for (const word of words) {
    const first = word.charCodeAt(0) - 0xac00;
    const list = lists.get(first) ?? [];
    if (!list.includes(word.charCodeAt(1))) list.push(word.charCodeAt(1));
    lists.set(first, list);
  }
  const offsets = new Int32Array(SYLLABLES + 1);
  const seconds: number[] = [];
  for (let first = 0; first < SYLLABLES; first++) {
    offsets[first] = seconds.length;
    seconds.push(...(lists.get(first) ?? []));
  }
  offsets[SYLLABLES] = seconds.length;
  return { offsets, seconds: Uint16Array.from(seconds) };
}
function startsBigram(table: BigramTable, text: string, at: number): boolean {
  const first = text.charCodeAt(at) - 0xac00;
  if (first < 0 || first >= SYLLABLES) return false;
  const end = table.offsets[first + 1]!;
  const second = text.charCodeAt(at + 1);
  for (let index = table.offsets[first]!; index < end; index++) if (table.seconds[index] === second) return true;
  return false;
}
const LABEL_BIGRAMS = bigramTable(KOREAN_LABELS);

/** Between a label and the name: a parenthesised note, quotes, a colon, a particle, spaces. */
const LABEL_GAP = /(?:\s?\([^()\n]{0,12}\))?(?:은|는|이|가|인|님|분)?\s{0,3}["']?\s{0,2}[:：=]?\s{0,3}["']?\s{0,2}/y;
/** Between names in a list: `김철수, 이영희`, `김철수·이영희`, `김철수 및 이영희`. */
const LIST_GAP = /(?:\s?[,·/]\s?|\s(?:및|과|와)\s)/y;
const HONORIFICS = [
  '고객님', '회원님', '환자분', '환자님', '선생님', '교수님', '박사님', '원장님', '본부장님', '본부장', '과장님', '과장', '대리님', '대리',
  '부장님', '부장', '차장님', '차장', '팀장님', '팀장', '실장님', '실장', '주임님', '주임', '대표님', '이사님', '사장님', '회장님', '상무님',
  '상무', '전무님', '전무', '소장님', '소장', '국장님', '국장', '변호사님', '변호사', '세무사님', '세무사', '여사님', '여사', '사원', '기자',
];
const HONORIFIC_AT = new RegExp(`${HONORIFICS.join('|')}`, 'y');
const HONORIFIC_BIGRAMS = bigramTable(HONORIFICS);
const NIM = 0xb2d8; // 님
const SSI = 0xc528; // 씨
const ENGLISH_NAME = /[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+){1,2}\b/y;
/**
 * English cues in one pattern (one pass): a label (group 1: `Name:`, `customer`, …), a title
 * (group 2: `Mr. Kim` — the name may be one word), or a greeting or introduction (group 3: `Dear
 * Emily Park,`, `my name is John Smith` — two or three words).
 */
const ENGLISH_CUES = new RegExp(
  String.raw`\b(?:(full\s?name|name|customer|patient|contact\s?person|recipient|sender|owner|holder|attn|` +
    String.raw`Full\s?[Nn]ame|Name|NAME|Customer|Patient|Contact\s?[Pp]erson|Recipient|Sender|Owner|Holder)\b|` +
    String.raw`(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\b|` +
    String.raw`(?:Dear|[Mm]y name is|[Tt]his is|I am|I'm)\s+([A-Z][a-z]+(?:[ -][A-Z]?[a-z]+){1,2})\b)`,
  'g',
);
const NOT_ENGLISH_NAMES = /\b(?:Manager|Team|Customer|Customers|Sir|Madam|Colleagues|All|Member|Members|Friends|Partner|Partners|Support|Department|Office|Hiring|User|Users)\b/;
const MAX_LIST = 12;

/** Per-syllable flags (index = code − 0xAC00), so the word scan tests a syllable with one array read. */
const NAME_START = 1;
const COMPOUND_START = 2;
const LABEL_START = 4;
const SYLLABLE_FLAGS = new Uint8Array(SYLLABLES);
function flag(word: string, bit: number): void {
  SYLLABLE_FLAGS[word.charCodeAt(0) - 0xac00]! |= bit;
}
for (const surname of SURNAMES) flag(surname, NAME_START);
for (const surname of COMPOUND_SURNAMES) flag(surname, NAME_START | COMPOUND_START);
const COMPOUND_BIGRAMS = new Set([...COMPOUND_SURNAMES].map((surname) => (surname.charCodeAt(0) - 0xac00) * SYLLABLES + (surname.charCodeAt(1) - 0xac00)));
for (const label of KOREAN_LABELS) flag(label, LABEL_START);

function isHangul(code: number): boolean {
  return code >= 0xac00 && code <= 0xd7a3;
}
function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function hangulWordEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && end - start < 12 && isHangul(text.charCodeAt(end))) end++;
  return end;
}

function push(out: Candidate[], start: number, end: number): void {
  out.push({ type: 'PERSON_NAME', start, end, priority: PRIORITY.name });
}

/** Names after one label (a list of them after 참석자:). */
function namesAfterLabel(text: string, labelEnd: number, out: Candidate[]): void {
  LABEL_GAP.lastIndex = labelEnd;
  const gap = LABEL_GAP.exec(text);
  let position = labelEnd + (gap === null ? 0 : gap[0].length);
  // A label glued to a following word (이름표, 담당자들) is not a label.
  if (position === labelEnd && isHangul(text.charCodeAt(position))) return;
  const colon = gap !== null && /[:：=]/.test(gap[0]);
  for (let count = 0; count < MAX_LIST; count++) {
    const code = text.charCodeAt(position);
    if (isHangul(code)) {
      const wordEnd = hangulWordEnd(text, position);
      // After a colon the label is explicit; without one ("담당자 배정"), require a name-like given name.
      const length = nameLengthAtWordStart(text.slice(position, wordEnd), !colon);
      if (length === 0) return;
      push(out, position, position + length);
      if (length !== wordEnd - position) return; // a particle follows: the list is over
      position = wordEnd;
    } else if (colon && isAsciiLetter(code)) {
      ENGLISH_NAME.lastIndex = position;
      const match = ENGLISH_NAME.exec(text);
      if (match === null) return;
      push(out, position, position + match[0].length);
      position += match[0].length;
    } else {
      return;
    }
    LIST_GAP.lastIndex = position;
    const separator = LIST_GAP.exec(text);
    if (separator === null) return;
    position += separator[0].length;
  }
}

/** `홍길동(남, 45세)`, `김민수(32, 남)`, `이서연(여)`: sex or age in parentheses right after a name. */
const PROFILE_AT = /\((?:남|여|남성|여성|\d{1,3}세?)[,)/ ]/y;
function startsProfile(text: string, at: number): boolean {
  PROFILE_AT.lastIndex = at;
  return PROFILE_AT.test(text);
}

/**
 * A name right before a phone number or e-mail address (`김민준 010-2222-3333`, `이서연(hong@…)`):
 * contact lists write them so. The word must have the strict name shape.
 */
export function namesBeforeContacts(text: string, contacts: readonly Candidate[], out: Candidate[]): void {
  for (const contact of contacts) {
    if (contact.type !== 'KR_PHONE' && contact.type !== 'EMAIL') continue;
    let end = contact.start;
    for (let skipped = 0; skipped < 2 && end > 0; skipped++) {
      const code = text.charCodeAt(end - 1);
      if (code === 32 || code === 40 || code === 58 || code === 0xff1a) end--;
      else break;
    }
    if (end === contact.start || end === 0 || !isHangul(text.charCodeAt(end - 1))) continue;
    let start = end;
    while (start > 0 && end - start < 5 && isHangul(text.charCodeAt(start - 1))) start--;
    if (start > 0 && isHangul(text.charCodeAt(start - 1))) continue;
    if (isKoreanName(text.slice(start, end), true)) push(out, start, end);
  }
}

function startsHonorific(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code === NIM || code === SSI) return true;
  if (!startsBigram(HONORIFIC_BIGRAMS, text, at)) return false;
  HONORIFIC_AT.lastIndex = at;
  return HONORIFIC_AT.test(text);
}

/**
 * One linear pass over Hangul words: a word that starts a label (성명, 예금주 …; found through its
 * first two syllables) introduces names; a word starting with a surname syllable may be a name
 * before an honorific — `김민수님`, `김민수 님`, `박지영 과장님께`: 3 syllables, 4 after a compound surname.
 */
function scanHangulWords(text: string, out: Candidate[]): void {
  const length = text.length;
  for (let start = 0; start < length; ) {
    const code = text.charCodeAt(start);
    if (code < 0xac00 || code > 0xd7a3) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < length && isHangul(text.charCodeAt(end))) end++;
    const wordLength = end - start;
    const flags = SYLLABLE_FLAGS[code - 0xac00]!;
    if (wordLength >= 2 && (flags & LABEL_START) !== 0 && startsBigram(LABEL_BIGRAMS, text, start)) {
      KOREAN_LABEL_AT.lastIndex = start;
      const label = KOREAN_LABEL_AT.exec(text);
      if (label !== null) namesAfterLabel(text, start + label[0].length, out);
    }
    if (wordLength >= 3 && (flags & NAME_START) !== 0) {
      const compound = wordLength >= 4 && (flags & COMPOUND_START) !== 0 && COMPOUND_BIGRAMS.has((code - 0xac00) * SYLLABLES + (text.charCodeAt(start + 1) - 0xac00));
      const nameLength = compound ? 4 : 3;
      const attached = wordLength > nameLength && startsHonorific(text, start + nameLength);
      const spaced = wordLength === nameLength && text.charCodeAt(end) === 32 && startsHonorific(text, end + 1);
      const profiled = wordLength === nameLength && text.charCodeAt(end) === 40 && startsProfile(text, end);
      if ((attached || spaced || profiled) && isKoreanName(text.slice(start, start + nameLength), true)) push(out, start, start + nameLength);
    }
    start = end;
  }
}

/** Runs the label, honorific and English cues; the same name found twice is merged later. */
export function detectNames(text: string, out: Candidate[]): void {
  scanHangulWords(text, out);
  if (!/[A-Za-z]/.test(text)) return;
  ENGLISH_CUES.lastIndex = 0;
  for (let match = ENGLISH_CUES.exec(text); match !== null; match = ENGLISH_CUES.exec(text)) {
    if (match[1] !== undefined) {
      namesAfterLabel(text, match.index + match[0].length, out);
      continue;
    }
    const titled = match[2] !== undefined;
    const name = match[2] ?? match[3]!;
    if (!titled && NOT_ENGLISH_NAMES.test(name)) continue;
    const start = match.index + match[0].length - name.length;
    push(out, start, start + name.length);
  }
}
