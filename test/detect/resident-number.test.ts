import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { found } from './helpers.js';

describe('resident, foreigner and corporate registration numbers', () => {
  it('finds a pre-2020 RRN in every written form, with offsets into the original text', () => {
    assert.deepEqual(found('주민등록번호 960121-1021413'), ['KR_RRN:960121-1021413']);
    assert.deepEqual(found('번호는 9601211021413 입니다'), ['KR_RRN:9601211021413']);
    assert.deepEqual(found('번호 960121 1021413'), ['KR_RRN:960121 1021413']);
    assert.deepEqual(found('번호 960121 - 1021413'), ['KR_RRN:960121 - 1021413']);
    assert.deepEqual(found('번호 ９６０１２１－１０２１４１３'), ['KR_RRN:９６０１２１－１０２１４１３']);
    assert.deepEqual(found('번호 960121–1021413'), ['KR_RRN:960121–1021413'], 'en dash');
  });

  it('counts a post-Oct-2020 number (no valid check digit) only when a context word says so', () => {
    assert.deepEqual(found('신생아 주민번호 210315-3847561 입니다'), ['KR_RRN:210315-3847561']);
    assert.deepEqual(found('RRN: 210315-3847561'), ['KR_RRN:210315-3847561']);
    assert.deepEqual(found('주민등록번호\n210315-3847561'), ['KR_RRN:210315-3847561'], 'label on the line above');
    assert.deepEqual(found('번호 210315-3847561 입니다'), [], 'same digits, no context, failed check digit');
    assert.deepEqual(found('주민등록번호: 211345-3847561'), [], 'context cannot rescue an impossible date');
  });

  it('finds foreigner numbers (G 5–8) with the +2 check digit, or with context', () => {
    assert.deepEqual(found('외국인등록번호: 911124-5678906 / 050912-6000012'), ['KR_FRN:911124-5678906', 'KR_FRN:050912-6000012']);
    assert.deepEqual(found('번호 911124-5678906'), ['KR_FRN:911124-5678906']);
    assert.deepEqual(found('번호 911124-5678901'), [], 'failed check digit, no context');
    assert.deepEqual(found('외국인등록번호 911124-5678901'), ['KR_FRN:911124-5678901']);
  });

  it('reports masked numbers (birth date and sex are still personal data)', () => {
    assert.deepEqual(found('고객 900101-1******'), ['KR_RRN:900101-1******']);
    assert.deepEqual(found('고객 900101-5******'), ['KR_FRN:900101-5******']);
    assert.deepEqual(found('주민등록번호: 900101-1*******'), ['KR_RRN:900101-1*******'], 'one star too many');
    assert.deepEqual(found('고객 901345-1******'), [], 'impossible date');
  });

  it('tells corporate numbers from RRNs: G = 0 cannot be a living person; 법인 context decides the rest', () => {
    assert.deepEqual(found('삼성전자(130111-0006246)'), ['KR_CRN:130111-0006246']);
    assert.deepEqual(found('법인등록번호 110111-0062432'), ['KR_CRN:110111-0062432']);
    assert.deepEqual(found('법인등록번호 130111-0006247'), [], 'corporate check digit fails');
    assert.deepEqual(found('법인번호 1301110006246'), ['KR_CRN:1301110006246']);
    assert.deepEqual(found('번호 1301110006246'), [], 'bare 13 digits need the word');
  });

  it('keeps hard negatives clean: barcodes, ISBNs, order numbers shaped like RRNs, long runs', () => {
    assert.deepEqual(found('바코드 8801043014809'), []);
    assert.deepEqual(found('새우깡 8801043014809 1,500원'), [], '880 EAN-13 without context');
    assert.deepEqual(found('ISBN 9788954612346, ISBN 978-89-546-1234-6'), []);
    assert.deepEqual(found('주문번호 240115-1234565 출고 완료'), [], 'date-shaped order number, valid RRN check digit');
    assert.deepEqual(found('거래번호 96012110214139 / 19601211021413'), [], 'RRN digits inside longer runs');
    assert.deepEqual(found('v960121-1021413a'), [], 'glued to letters');
    assert.deepEqual(found('1234567890123'), [], 'impossible month');
  });

  it('keeps the old check digit from rescuing 1800s numbers without context', () => {
    assert.deepEqual(found('번호 971013-9019902'), []);
    assert.deepEqual(found('주민등록번호 971013-9019902'), ['KR_RRN:971013-9019902']);
  });
});
