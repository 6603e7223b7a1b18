import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { detect } from '../../src/detect/index.js';
import {
  businessCheckDigitValid,
  corporateCheckDigitValid,
  ean13Valid,
  foreignerCheckDigitValid,
  luhnValid,
  residentCheckDigitValid,
} from '../../src/detect/numeric/checksums.js';
import type { FindingType } from '../../src/domain/index.js';

// Public test vectors (research/pii-policy.md §1.12).
describe('check digits: published test vectors', () => {
  const cases: [string, (digits: string) => boolean, string[], string[]][] = [
    ['RRN', residentCheckDigitValid, ['9601211021413', '0509122000019', '9710139019902'], ['9710139019903', '9601211234567']],
    ['FRN', foreignerCheckDigitValid, ['9111245678906', '0509126000012'], ['9111245678901']],
    ['BRN', businessCheckDigitValid, ['1248100998', '1048656659', '1048213138', '1168200276', '1348672683'], ['1048656658', '1234567890']],
    ['corporate', corporateCheckDigitValid, ['1301110006246', '1101110062432'], ['1301110006247']],
    ['Luhn', luhnValid, ['4111111111111111'], ['4111111111111112']],
  ];
  for (const [name, valid, good, bad] of cases) {
    it(`${name}: accepts the valid vectors and rejects the invalid ones`, () => {
      for (const digits of good) assert.equal(valid(digits), true, digits);
      for (const digits of bad) assert.equal(valid(digits), false, digits);
    });
  }
  it('EAN-13: the check digit of a real Korean barcode', () => {
    assert.equal(ean13Valid('8801043014809'), true); // 880… is GS1 Korea
    assert.equal(ean13Valid('8801043014808'), false);
    assert.equal(ean13Valid('880104301480'), false); // wrong length
  });
});

/** Completes a prefix with the check digit that makes `valid` pass. */
function complete(prefix: string, valid: (digits: string) => boolean): string {
  for (let digit = 0; digit <= 9; digit++) if (valid(prefix + digit)) return prefix + digit;
  throw new Error(`no check digit for ${prefix}`);
}

const digit = fc.integer({ min: 0, max: 9 });
const digitsOf = (length: number) => fc.array(digit, { minLength: length, maxLength: length }).map((digits) => digits.join(''));
const birthDate = fc.date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2019-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => {
  const pad = (value: number) => String(value).padStart(2, '0');
  return { yymmdd: pad(date.getUTCFullYear() % 100) + pad(date.getUTCMonth() + 1) + pad(date.getUTCDate()), century: date.getUTCFullYear() >= 2000 };
});

/** Every way to change one digit of a number (position, replacement). */
const corruption = (length: number) => fc.tuple(fc.integer({ min: 0, max: length - 1 }), fc.integer({ min: 1, max: 9 }));
function corrupt(digits: string, [position, delta]: [number, number]): string {
  const changed = (Number(digits[position]) + delta) % 10;
  return digits.slice(0, position) + changed + digits.slice(position + 1);
}

function typesIn(text: string): FindingType[] {
  return detect(text).map((finding) => finding.type);
}

describe('check digits: properties over generated numbers', () => {
  const resident = fc
    .tuple(birthDate, fc.boolean(), digitsOf(5))
    .map(([date, male, serial]) => complete(date.yymmdd + (date.century ? (male ? 3 : 4) : male ? 1 : 2) + serial, residentCheckDigitValid));
  const foreigner = fc
    .tuple(birthDate, fc.boolean(), digitsOf(5))
    .map(([date, male, serial]) => complete(date.yymmdd + (date.century ? (male ? 7 : 8) : male ? 5 : 6) + serial, foreignerCheckDigitValid));

  it('every valid pre-2020 RRN is found without any context word, hyphenated or not', () => {
    fc.assert(
      fc.property(resident, (digits) => {
        assert.deepEqual(typesIn(`번호 ${digits.slice(0, 6)}-${digits.slice(6)} 확인`), ['KR_RRN']);
        // Bare 13 digits: a valid 880 EAN-13 barcode is the one exception without context.
        if (!(digits.startsWith('880') && ean13Valid(digits))) assert.deepEqual(typesIn(`번호 ${digits} 확인`), ['KR_RRN']);
      }),
      { numRuns: 300 },
    );
  });

  it('a single-digit corruption of an RRN is not reported without a context word (checksum required)', () => {
    fc.assert(
      fc.property(resident, corruption(13), (digits, change) => {
        const corrupted = corrupt(digits, change);
        // A changed gender digit can turn it into a (valid) foreigner number: that one is reported, rightly.
        fc.pre(!residentCheckDigitValid(corrupted) && !foreignerCheckDigitValid(corrupted) && !corporateCheckDigitValid(corrupted));
        assert.deepEqual(typesIn(`번호 ${corrupted.slice(0, 6)}-${corrupted.slice(6)} 확인`), []);
      }),
      { numRuns: 300 },
    );
  });

  it('with a context word, a failed check digit is still an RRN when the date holds (post-2020 numbers)', () => {
    fc.assert(
      fc.property(resident, fc.integer({ min: 1, max: 9 }), (digits, delta) => {
        const tail = String((Number(digits[12]) + delta) % 10);
        const unchecked = digits.slice(0, 12) + tail;
        assert.deepEqual(typesIn(`주민등록번호: ${unchecked.slice(0, 6)}-${unchecked.slice(6)}`), ['KR_RRN']);
      }),
      { numRuns: 200 },
    );
  });

  it('every valid FRN is found; a corrupted one is not, unless a context word says so', () => {
    fc.assert(
      fc.property(foreigner, corruption(13), (digits, change) => {
        assert.deepEqual(typesIn(`번호 ${digits.slice(0, 6)}-${digits.slice(6)}`), ['KR_FRN']);
        const corrupted = corrupt(digits, change);
        fc.pre(!foreignerCheckDigitValid(corrupted) && !residentCheckDigitValid(corrupted) && !corporateCheckDigitValid(corrupted));
        assert.deepEqual(typesIn(`번호 ${corrupted.slice(0, 6)}-${corrupted.slice(6)}`), []);
      }),
      { numRuns: 300 },
    );
  });

  it('every valid BRN is found; every single-digit corruption is rejected even with a context word', () => {
    const business = fc
      .tuple(fc.integer({ min: 101, max: 999 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }))
      .map(([office, kind, serial]) => complete(`${office}${String(kind).padStart(2, '0')}${String(serial).padStart(4, '0')}`, businessCheckDigitValid));
    fc.assert(
      fc.property(business, corruption(10), (digits, change) => {
        const format = (value: string) => `${value.slice(0, 3)}-${value.slice(3, 5)}-${value.slice(5)}`;
        assert.deepEqual(typesIn(`사업자등록번호 ${format(digits)}`), ['KR_BRN']);
        const corrupted = corrupt(digits, change);
        fc.pre(!businessCheckDigitValid(corrupted));
        assert.deepEqual(typesIn(`사업자등록번호 ${format(corrupted)}`), []);
      }),
      { numRuns: 300 },
    );
  });

  it('every valid corporate number with a 0 serial head is found without context; corruptions are rejected', () => {
    const corporate = fc
      .tuple(fc.constantFrom('1101', '1301', '1345', '1801', '2001'), fc.constantFrom('11', '12', '14', '21'), digitsOf(5))
      .map(([office, kind, serial]) => complete(`${office}${kind}0${serial}`, corporateCheckDigitValid));
    fc.assert(
      fc.property(corporate, corruption(13), (digits, change) => {
        assert.deepEqual(typesIn(`(주)가나다 ${digits.slice(0, 6)}-${digits.slice(6)}`), ['KR_CRN']);
        assert.deepEqual(typesIn(`법인등록번호: ${digits.slice(0, 6)}-${digits.slice(6)}`), ['KR_CRN']);
        const corrupted = corrupt(digits, change);
        fc.pre(!corporateCheckDigitValid(corrupted));
        assert.deepEqual(typesIn(`법인등록번호: ${corrupted.slice(0, 6)}-${corrupted.slice(6)}`), []);
      }),
      { numRuns: 300 },
    );
  });

  it('every Luhn-valid card is found in 4-4-4-4 form; every single-digit corruption is rejected', () => {
    const card = fc
      .tuple(fc.constantFrom('4', '51', '52', '55', '6', '9'), digitsOf(15))
      .map(([prefix, rest]) => complete((prefix + rest).slice(0, 15), luhnValid));
    fc.assert(
      fc.property(card, corruption(16), (digits, change) => {
        const format = (value: string) => value.match(/\d{4}/g)!.join('-');
        assert.deepEqual(typesIn(`카드 ${format(digits)}`), ['CREDIT_CARD']);
        const corrupted = corrupt(digits, change);
        fc.pre(!luhnValid(corrupted));
        assert.deepEqual(typesIn(`카드 ${format(corrupted)}`), []);
      }),
      { numRuns: 300 },
    );
  });
});
