import { COMMON_STEMS, COMPOUND_SURNAMES, GIVEN_SYLLABLES, NOT_NAMES, SURNAMES } from './name-lists.js';

/**
 * Is `word` (Hangul only) shaped like a Korean full name? `strict` (used when the only cue is an
 * honorific after the word) requires 3 syllables, or 4 with a compound surname, and given-name
 * syllables; a label before the word (성명:, 예금주) is a strong cue, so 2 syllables and any given
 * syllables pass.
 */
const NOUN_SUFFIXES: ReadonlySet<string> = new Set([...'중용들측팀실비료표란서함본건부과']);

export function isKoreanName(word: string, strict: boolean): boolean {
  const length = word.length;
  if (length < 2 || length > 4 || NOT_NAMES.has(word)) return false;
  const compound = length >= 3 && COMPOUND_SURNAMES.has(word.slice(0, 2));
  if (length === 4 && !compound) return false;
  if (!compound && !SURNAMES.has(word[0]!)) return false;
  if (!strict) return true;
  if (length === 2) return false;
  // 이송중, 정리함, 신청서: a common two-syllable noun with a noun suffix, not a name (이동현 still is one).
  if (length === 3 && NOUN_SUFFIXES.has(word[2]!) && COMMON_STEMS.has(word.slice(0, 2))) return false;
  const given = word.slice(compound ? 2 : 1);
  for (const syllable of given) if (!GIVEN_SYLLABLES.has(syllable)) return false;
  return true;
}

/** What may follow a name inside the same word: a chain of particles, copulas and honorifics (님께서는, 씨의). */
export const AFTER_NAME = new RegExp(
  `^(?:${[
    '님', '씨', '군', '양', '께서', '께', '에게서', '에게', '한테', '은', '는', '이', '가', '을', '를', '의', '과', '와', '도', '만', '요',
    '이랑', '랑', '하고', '처럼', '보다', '까지', '부터', '이라고', '라고', '이라는', '라는', '이고', '이며', '이다', '입니다', '입니까',
    '이에요', '예요', '이었', '였', '습니다', '다', '으로', '로', '고객', '회원', '환자', '분', '선생', '교수', '과장', '대리', '부장', '차장',
    '팀장', '실장', '주임', '사원', '대표', '이사', '사장', '원장', '박사', '변호사', '기자',
  ]
    .sort((a, b) => b.length - a.length)
    .join('|')})+$`,
);

/**
 * Splits a Hangul word that starts with a name into the name's length, or 0: tries 3 then 2
 * syllables (4 then 3 after a compound surname) and accepts when the rest is empty or a chain of
 * particles/honorifics.
 */
export function nameLengthAtWordStart(word: string, strict: boolean): number {
  const lengths = COMPOUND_SURNAMES.has(word.slice(0, 2)) ? [4, 3] : [3, 2];
  for (const length of lengths) {
    if (word.length < length) continue;
    const rest = word.slice(length);
    if (rest.length > 0 && !AFTER_NAME.test(rest)) continue;
    if (isKoreanName(word.slice(0, length), strict)) return length;
  }
  return 0;
}
