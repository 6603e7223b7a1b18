/**
 * Check-digit algorithms of Korean identifiers and payment cards (research/pii-policy.md §1).
 * Every function takes a string of ASCII digits of the right length and never throws.
 */

const RESIDENT_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

function digit(digits: string, index: number): number {
  return digits.charCodeAt(index) - 48;
}

function residentWeightedSum(digits: string): number {
  let sum = 0;
  for (let index = 0; index < 12; index++) sum += digit(digits, index) * RESIDENT_WEIGHTS[index]!;
  return sum;
}

/** Resident registration number, pre-Oct-2020 scheme: (11 − Σwᵢdᵢ mod 11) mod 10. */
export function residentCheckDigitValid(digits: string): boolean {
  return digits.length === 13 && (11 - (residentWeightedSum(digits) % 11)) % 10 === digit(digits, 12);
}

/** Foreigner registration number, old scheme: (13 − Σwᵢdᵢ mod 11) mod 10. */
export function foreignerCheckDigitValid(digits: string): boolean {
  return digits.length === 13 && (13 - (residentWeightedSum(digits) % 11)) % 10 === digit(digits, 12);
}

/** Corporate registration number: plain products with weights 1,2,1,2,… (not Luhn digit sums). */
export function corporateCheckDigitValid(digits: string): boolean {
  if (digits.length !== 13) return false;
  let sum = 0;
  for (let index = 0; index < 12; index++) sum += digit(digits, index) * (index % 2 === 0 ? 1 : 2);
  return (10 - (sum % 10)) % 10 === digit(digits, 12);
}

const BUSINESS_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/** Business registration number: weights 1,3,7,1,3,7,1,3,5 plus the tens digit of the ninth product. */
export function businessCheckDigitValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += digit(digits, index) * BUSINESS_WEIGHTS[index]!;
  sum += Math.floor((digit(digits, 8) * 5) / 10);
  return (10 - (sum % 10)) % 10 === digit(digits, 9);
}

/** Luhn mod-10 over the whole string (payment cards). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = digits.length - 1, double = false; index >= 0; index--, double = !double) {
    let value = digit(digits, index);
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** EAN-13 / GTIN-13 barcode check digit (weights 1,3 from the left). */
export function ean13Valid(digits: string): boolean {
  if (digits.length !== 13) return false;
  let sum = 0;
  for (let index = 0; index < 12; index++) sum += digit(digits, index) * (index % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === digit(digits, 12);
}
