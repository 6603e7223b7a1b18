import type { FindingType } from '../../domain/index.js';
import { CONTEXT } from '../context/keywords.js';
import { businessCheckDigitValid } from './checksums.js';
import type { NumericSpan } from './numeric-span.js';
import { SEPARATOR } from './numeric-token.js';

/**
 * Business registration number `AAA-BB-CCCCD` (사업자등록번호): the weighted check digit is required,
 * and AAA ≥ 101, BB ≠ 00, CCCC ≠ 0000. The hyphenated layout is distinctive enough on its own
 * (unless an account or negative word is nearer); 10 bare digits need a business word nearby.
 */
export function classifyBusiness(span: NumericSpan): FindingType | undefined {
  let bare: boolean;
  if (span.groups === 3 && span.shape(3, 2, 5)) {
    if (span.uniformSeparator() !== SEPARATOR.HYPHEN) return undefined;
    bare = false;
  } else if (span.groups === 1 && span.length(0) === 10) {
    bare = true;
  } else {
    return undefined;
  }
  const digits = span.digits();
  if (!businessCheckDigitValid(digits)) return undefined;
  if (Number(digits.slice(0, 3)) < 101 || digits.slice(3, 5) === '00' || digits.slice(5, 9) === '0000') return undefined;
  const context = span.nearestContext();
  if (bare) return context === CONTEXT.BRN ? 'KR_BRN' : undefined;
  return context === CONTEXT.NEGATIVE || context === CONTEXT.ACCOUNT ? undefined : 'KR_BRN';
}
