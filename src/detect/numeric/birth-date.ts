/**
 * Birth-date plausibility of a resident/foreigner registration number: YYMMDD with the century
 * taken from the gender digit G (9/0 → 1800s; 1/2/5/6 → 1900s; 3/4/7/8 → 2000s).
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
// Born in the future is impossible; the year of the process start is precise enough for that.
const CURRENT_YEAR = new Date().getUTCFullYear();

export function centuryOf(genderDigit: number): number {
  if (genderDigit === 9 || genderDigit === 0) return 1800;
  if (genderDigit === 1 || genderDigit === 2 || genderDigit === 5 || genderDigit === 6) return 1900;
  return 2000;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `digits` holds at least the first 7 characters of the number as ASCII digits. */
export function validBirthDate(digits: string): boolean {
  const yy = (digits.charCodeAt(0) - 48) * 10 + (digits.charCodeAt(1) - 48);
  const month = (digits.charCodeAt(2) - 48) * 10 + (digits.charCodeAt(3) - 48);
  const day = (digits.charCodeAt(4) - 48) * 10 + (digits.charCodeAt(5) - 48);
  const year = centuryOf(digits.charCodeAt(6) - 48) + yy;
  if (year > CURRENT_YEAR || month < 1 || month > 12 || day < 1) return false;
  const maxDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day <= maxDay;
}
