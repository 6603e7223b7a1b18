import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContextProbe } from '../../../src/detect/context/context-probe.js';
import { CONTEXT } from '../../../src/detect/context/keywords.js';

function probe(text: string, value: string): ContextProbe {
  const start = text.indexOf(value);
  return new ContextProbe().around(text, start, start + value.length);
}

describe('context probe', () => {
  it('measures the distance to the nearest word of each category; words after the value count double', () => {
    const context = probe('휴대폰 번호와 주민번호: 960121-1021413 (본인)', '960121-1021413');
    assert.equal(context.distance(CONTEXT.RRN), 2);
    assert.equal(context.distance(CONTEXT.PHONE), 11);
    assert.equal(context.nearest([CONTEXT.RRN, CONTEXT.PHONE]), CONTEXT.RRN);
    assert.equal(probe('960121-1021413 (주민번호)', '960121-1021413').distance(CONTEXT.RRN), 4);
    assert.equal(context.distance(CONTEXT.CARD), undefined);
  });

  it('reads only the current line, unless the value starts its line; never past a blank line', () => {
    assert.equal(probe('계좌: 국민은행 123\n총 16 개 항목, 코드 4567890123', '4567890123').distance(CONTEXT.ACCOUNT), undefined);
    assert.equal(probe('주민등록번호\n960121-1021413', '960121-1021413').nearest([CONTEXT.RRN]), CONTEXT.RRN);
    assert.equal(probe('주민등록번호\n\n960121-1021413', '960121-1021413').nearest([CONTEXT.RRN]), undefined);
  });

  it('stops after the value at the end of its sentence', () => {
    assert.equal(probe('번호 1234567890. 주문번호 안내', '1234567890').distance(CONTEXT.NEGATIVE), undefined);
    assert.equal(probe('번호 1234567890 (주문번호)', '1234567890').nearest([CONTEXT.NEGATIVE]), CONTEXT.NEGATIVE);
  });

  it('matches ASCII words only as words (case-insensitive; camelCase allowed), Korean words as substrings', () => {
    assert.equal(probe('cardNumber: 4111111111111111', '4111111111111111').nearest([CONTEXT.CARD]), CONTEXT.CARD);
    assert.equal(probe('discarded 4111111111111111', '4111111111111111').distance(CONTEXT.CARD), undefined);
    assert.equal(probe('PASSPORT M12345678', 'M12345678').nearest([CONTEXT.PASSPORT]), CONTEXT.PASSPORT);
    assert.equal(probe('여권번호는 M12345678', 'M12345678').nearest([CONTEXT.PASSPORT]), CONTEXT.PASSPORT);
  });
});
