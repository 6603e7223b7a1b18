/**
 * Korean particles after a restored value. The model chose the particle after a placeholder (`]`),
 * not after the value, so `[PERSON_NAME_1]는` may come back as 김민준는; the particle is switched to
 * the form the value's last syllable wants (받침 → 은/이/을/과, none → 는/가/를/와). Only values that
 * end in a Hangul syllable are touched. 이/가 are switched only when a non-Hangul character follows
 * (otherwise 이 may start a word: 이다, 이고…), which may need one more character of the stream.
 */
export const NEED_MORE = 'need-more' as const;

/** Whether the last syllable of a value has a final consonant; undefined when it is not Hangul. */
export function finalConsonantOf(value: string): boolean | undefined {
  const code = value.charCodeAt(value.length - 1);
  if (code < 0xac00 || code > 0xd7a3) return undefined;
  return (code - 0xac00) % 28 !== 0;
}

const PAIRS: Record<string, readonly [withFinal: string, withoutFinal: string]> = {
  은: ['은', '는'],
  는: ['은', '는'],
  을: ['을', '를'],
  를: ['을', '를'],
  과: ['과', '와'],
  와: ['과', '와'],
  이: ['이', '가'],
  가: ['이', '가'],
};

function isHangul(code: number): boolean {
  return code >= 0xac00 && code <= 0xd7a3;
}

/**
 * The particle to write at `text[at]` after a value, NEED_MORE when the next character decides
 * and has not arrived yet, or undefined when nothing is to change.
 */
export function fixParticle(finalConsonant: boolean, text: string, at: number, final: boolean): string | typeof NEED_MORE | undefined {
  const particle = text[at];
  if (particle === undefined) return undefined;
  const pair = PAIRS[particle];
  if (pair === undefined) return undefined;
  if (particle === '이' || particle === '가') {
    if (at + 1 >= text.length) {
      if (!final) return NEED_MORE;
    } else if (isHangul(text.charCodeAt(at + 1))) {
      return undefined;
    }
  }
  const wanted = finalConsonant ? pair[0] : pair[1];
  return wanted === particle ? undefined : wanted;
}
