import type { FindingType } from '../../domain/index.js';
import { CONTEXT } from '../context/keywords.js';
import { ean13Valid } from './checksums.js';
import type { NumericSpan } from './numeric-span.js';
import { SEPARATOR } from './numeric-token.js';

/**
 * Bank accounts (계좌번호) have no common layout and no public check digit (research §1.8): 10–14
 * digits, bare or in 2–4 hyphenated groups. They are reported only when an account word (계좌,
 * 입금, 예금주, a bank's name, …) is the nearest context word, and only after every other numeric
 * type has declined the span.
 */
export function classifyBankAccount(span: NumericSpan): FindingType | undefined {
  const groups = span.groups;
  if (groups > 4) return undefined;
  const total = span.totalDigits();
  if (total < 10 || total > 14) return undefined;
  if (groups > 1) {
    const separator = span.uniformSeparator();
    if (separator !== SEPARATOR.HYPHEN && separator !== SEPARATOR.SPACE) return undefined;
    for (let k = 0; k < groups; k++) {
      const length = span.length(k);
      // The last group may be a single check digit (새마을금고 4-2-6-1, 4-4-4-1).
      if (length < (k === groups - 1 ? 1 : 2) || length > 7) return undefined;
    }
  }
  // 13 bare digits 880… with a valid EAN-13 check digit are a Korean product barcode.
  if (groups === 1 && total === 13 && span.digits().startsWith('880') && ean13Valid(span.digits())) return undefined;
  // 0XX-XXX(X)-XXXX is a phone layout (080 toll-free, 060 …) that the phone detector declined on purpose.
  if (groups === 3 && span.groupText(0).startsWith('0') && span.length(0) <= 4 && span.length(2) === 4) return undefined;
  return span.nearestContext() === CONTEXT.ACCOUNT ? 'KR_BANK_ACCOUNT' : undefined;
}
