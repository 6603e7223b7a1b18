import type { FindingType } from '../../domain/index.js';
import { CONTEXT } from '../context/keywords.js';
import { validBirthDate } from './birth-date.js';
import { corporateCheckDigitValid, ean13Valid, foreignerCheckDigitValid, residentCheckDigitValid } from './checksums.js';
import type { NumericSpan } from './numeric-span.js';
import { SEPARATOR } from './numeric-token.js';

const RESIDENT_CONTEXT = [CONTEXT.RRN, CONTEXT.FRN, CONTEXT.CRN, CONTEXT.NEGATIVE] as const;

/**
 * The 13-digit family: resident (RRN), foreigner (FRN) and corporate (CRN) registration numbers,
 * written `YYMMDD-GNNNNNN`, `YYMMDD GNNNNNN` or as 13 bare digits; RRN/FRN also masked (`900101-1******`).
 *
 * - A valid birth date with G 1–4 (RRN) or 5–8 (FRN) is the strong filter that always holds.
 * - A valid old-scheme check digit is enough on its own; a failed one is still an RRN/FRN when a
 *   context word says so, because numbers issued since Oct 2020 carry no check digit.
 * - G = 0 cannot be a living person: with a valid corporate check digit it is a corporate number.
 * - A nearer negative word (주문번호, 바코드, …) wins over everything; 13 bare digits that are an
 *   EAN-13 barcode with the Korean 880 prefix need a context word to count.
 */
/**
 * `RRRRTT`: a registry office (regions 11–28, office 01–99) and a corporation type (11 주식회사,
 * 12 합명, 13 합자, 14 유한, 21 사단, 22 재단, 71 외국회사). Large registries (110111 = Seoul, 주식회사)
 * have serials past 100000, so their 7th digit is not 0; when the resident check digits fail and the
 * corporate one holds, such a prefix makes the number a corporate one.
 */
const CORPORATION_TYPES = new Set(['11', '12', '13', '14', '21', '22', '71']);
function looksLikeRegistryPrefix(digits: string): boolean {
  const region = Number(digits.slice(0, 2));
  return region >= 11 && region <= 28 && digits.slice(2, 4) !== '00' && CORPORATION_TYPES.has(digits.slice(4, 6));
}

export function classifyResident(span: NumericSpan): FindingType | undefined {
  const masked = span.anyMasked();
  const grouped = span.groups === 2;
  if (grouped) {
    if (span.length(0) !== 6) return undefined;
    const separator = span.separator(0);
    if (separator !== SEPARATOR.HYPHEN && separator !== SEPARATOR.SPACE) return undefined;
    const secondLength = span.token.groupEnd[span.first + 1]! - span.token.groupStart[span.first + 1]!;
    // Masked forms sometimes carry one star too many (`900101-1*******`).
    if (secondLength !== 7 && !(masked && secondLength === 8)) return undefined;
    if (masked && span.length(1) < 1) return undefined;
  } else if (span.groups !== 1 || span.length(0) !== 13 || masked) {
    return undefined;
  }
  const digits = span.digits();
  const context = span.context().nearest(RESIDENT_CONTEXT);
  if (context === CONTEXT.NEGATIVE) return undefined;
  const complete = !masked;
  if (context === CONTEXT.CRN) return complete && corporateCheckDigitValid(digits) ? 'KR_CRN' : undefined;

  const gender = digits.charCodeAt(6) - 48;
  const dateValid = validBirthDate(digits);
  const residentContext = context === CONTEXT.RRN || context === CONTEXT.FRN;
  const looksLikeBarcode = !grouped && context === undefined && digits.startsWith('880') && ean13Valid(digits);

  if (dateValid && gender >= 1 && gender <= 8) {
    const foreigner = gender >= 5;
    const type: FindingType = foreigner ? 'KR_FRN' : 'KR_RRN';
    if (masked) return type;
    const checkValid = foreigner ? foreignerCheckDigitValid(digits) : residentCheckDigitValid(digits);
    if (checkValid && !looksLikeBarcode) return type;
    if (residentContext) return type;
  }
  if (!complete) return undefined;
  // A number introduced as an RRN with an impossible date is a typo, not a corporate number.
  if (!residentContext && corporateCheckDigitValid(digits) && grouped && (gender === 0 || !dateValid || looksLikeRegistryPrefix(digits))) return 'KR_CRN';
  // Born in the 1800s (G 9/0): only with explicit context and a valid check digit.
  if (dateValid && (gender === 9 || gender === 0) && context === CONTEXT.RRN && residentCheckDigitValid(digits)) return 'KR_RRN';
  return undefined;
}
