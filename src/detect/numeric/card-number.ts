import type { FindingType } from '../../domain/index.js';
import { CONTEXT } from '../context/keywords.js';
import { luhnValid } from './checksums.js';
import type { NumericSpan } from './numeric-span.js';

/**
 * Payment cards (ISO/IEC 7812): the Luhn check is always required. Grouped layouts (4-4-4-4,
 * 4-4-4-4-3, Amex 4-6-5, Diners 4-6-4) need nothing else; 15/16 bare digits need a known issuer
 * prefix (15 only for Amex); other bare lengths (13, 14, 17–19) need a card word nearby. A nearer order/tracking word wins.
 */
function issuerPrefixKnown(digits: string): boolean {
  const first = digits.charCodeAt(0) - 48;
  const two = Number(digits.slice(0, 2));
  if (first === 4 || first === 6 || first === 9) return true; // Visa, Discover/UnionPay, Korean domestic
  if (two >= 51 && two <= 55) return true; // Mastercard
  if (two === 34 || two === 37 || two === 35 || two === 36 || two === 38 || two === 30) return true; // Amex, JCB, Diners
  const four = Number(digits.slice(0, 4));
  return four >= 2221 && four <= 2720; // Mastercard 2-series
}

export function classifyCard(span: NumericSpan): FindingType | undefined {
  const groups = span.groups;
  let bare = false;
  if (groups === 4 || groups === 5) {
    if (!span.hyphenOrSpace()) return undefined;
    if (!(span.shape(4, 4, 4, 4) || span.shape(4, 4, 4, 4, 3))) return undefined;
  } else if (groups === 3) {
    if (!span.hyphenOrSpace() || !(span.shape(4, 6, 5) || span.shape(4, 6, 4))) return undefined;
  } else if (groups === 1) {
    const length = span.length(0);
    if (length < 13 || length > 19) return undefined;
    bare = true;
  } else {
    return undefined;
  }
  const digits = span.digits();
  if (!luhnValid(digits) || !issuerPrefixKnown(digits)) return undefined;
  const context = span.nearestContext();
  if (context === CONTEXT.NEGATIVE) return undefined;
  if (!bare) return 'CREDIT_CARD';
  if (context === CONTEXT.CARD) return 'CREDIT_CARD';
  // 15 bare digits are a card only with an Amex prefix (an IMEI is 15 Luhn-valid digits too).
  const amex = digits.startsWith('34') || digits.startsWith('37');
  return ((digits.length === 15 && amex) || digits.length === 16) && context === undefined ? 'CREDIT_CARD' : undefined;
}
