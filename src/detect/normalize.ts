/**
 * Length-preserving normalization: every character maps to exactly one UTF-16 code unit, so an
 * offset into the normalized text is the same offset into the original. Full-width ASCII forms
 * (０-９, Ａ-Ｚ, －, ＠, …), the Unicode dashes and minus, the ideographic space and the no-break
 * space become their ASCII counterparts; everything else is kept as is.
 */
const NEEDS_NORMALIZATION = /[\u00A0\u2010-\u2015\u2212\u3000\uFF01-\uFF5E]/;
const REPLACE = /[\u00A0\u2010-\u2015\u2212\u3000\uFF01-\uFF5E]/g;

function toAscii(character: string): string {
  const code = character.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0x00a0) return ' ';
  return '-';
}

export function normalizeForDetection(text: string): string {
  // Most prompts need nothing: one native scan, no allocation.
  if (!NEEDS_NORMALIZATION.test(text)) return text;
  return text.replace(REPLACE, toAscii);
}
