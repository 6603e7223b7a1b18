/** ISO 3166-1 alpha-2 country code, upper case (e.g. "KR", "US"). */
export type CountryCode = string;

const COUNTRY_CODE = /^[A-Z]{2}$/;

export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === 'string' && COUNTRY_CODE.test(value);
}
