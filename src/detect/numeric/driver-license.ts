import type { FindingType } from '../../domain/index.js';
import { CONTEXT } from '../context/keywords.js';
import type { NumericSpan } from './numeric-span.js';
import { SEPARATOR } from './numeric-token.js';

/**
 * Driver's licence `RR-YY-NNNNNN-NN` (region 11–26, 28; research §1.6). Licences issued before
 * May 2014 print the region's name instead of its code: `서울 12-345678-90`. The check digit's
 * algorithm is not public, so the layout and the region code carry the decision; 12 bare digits
 * need a licence word nearby.
 */
const REGION_CODES = new Set(['11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '28']);
const REGION_NAMES = ['서울', '부산', '경기', '강원', '충북', '충남', '전북', '전남', '경북', '경남', '제주', '대구', '인천', '광주', '대전', '울산'];

/** Start of a region name right before `at` (one optional space between), or -1. */
export function regionNameBefore(text: string, at: number): number {
  let end = at;
  if (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  if (end < 2) return -1;
  const name = text.slice(end - 2, end);
  if (!REGION_NAMES.includes(name)) return -1;
  const before = end > 2 ? text.charCodeAt(end - 3) : -1;
  // The name must stand alone (not the tail of 경기도서울 or a longer Hangul word).
  if (before >= 0xac00 && before <= 0xd7a3) return -1;
  return end - 2;
}

/** Returns the finding and, for the old form, the start of the region name. */
export function classifyDriverLicense(span: NumericSpan): { type: FindingType; start: number } | undefined {
  // Shapes first: the context probe is the expensive part.
  if (span.groups === 4 && span.shape(2, 2, 6, 2) && span.hyphenOrSpace()) {
    if (!REGION_CODES.has(span.groupText(0)) || span.nearestContext() === CONTEXT.NEGATIVE) return undefined;
    return { type: 'KR_DRIVER_LICENSE', start: span.start };
  }
  if (span.groups === 3 && span.shape(2, 6, 2) && span.uniformSeparator() === SEPARATOR.HYPHEN) {
    const nameStart = regionNameBefore(span.text, span.start);
    if (nameStart < 0 || span.nearestContext() === CONTEXT.NEGATIVE) return undefined;
    return { type: 'KR_DRIVER_LICENSE', start: nameStart };
  }
  if (span.groups === 1 && span.length(0) === 12 && REGION_CODES.has(span.digits().slice(0, 2)) && span.nearestContext() === CONTEXT.LICENSE) {
    return { type: 'KR_DRIVER_LICENSE', start: span.start };
  }
  return undefined;
}
