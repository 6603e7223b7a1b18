import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { found } from './helpers.js';

describe('phone numbers', () => {
  it('finds mobile numbers in hyphen, space, dot, bare and full-width forms', () => {
    for (const phone of ['010-1234-5678', '010 1234 5678', '010.1234.5678', '01012345678', '011-123-4567', '０１０－１２３４－５６７８']) {
      assert.deepEqual(found(`연락처 ${phone} 입니다`), [`KR_PHONE:${phone}`], phone);
    }
  });

  it('finds landlines by area code, 070 and 050X numbers, and international forms', () => {
    for (const phone of ['02-123-4567', '02-1234-5678', '031-123-4567', '064-712-3456', '(02) 123-4567', '02)123-4567', '070-1234-5678', '0505-123-4567', '+82 10-1234-5678', '+82-2-123-4567', '+82 (0)10 1234 5678', '+821012345678']) {
      assert.deepEqual(found(`전화: ${phone} 로`), [`KR_PHONE:${phone}`], phone);
    }
  });

  it('needs a phone word for a bare landline', () => {
    assert.deepEqual(found('전화 0212345678'), ['KR_PHONE:0212345678']);
    assert.deepEqual(found('번호 0212345678'), []);
  });

  it('does not report business-only numbers (대표번호, 080 toll-free, 060)', () => {
    assert.deepEqual(found('고객센터 1588-1234, 080-123-4567, 060-700-1234'), []);
  });

  it('does not report phone-like digits inside longer runs or codes', () => {
    assert.deepEqual(found('거래번호 20240115010123456789'), []);
    assert.deepEqual(found('123-010-1234-5678'), []);
    assert.deepEqual(found('ID010-1234-5678'), []);
    assert.deepEqual(found('01012345678901'), []);
    assert.deepEqual(found('02-0123-4567'), [], 'a subscriber number never starts with 0');
  });

  it('separates a phone from neighbouring numbers joined by spaces, dots or parentheses', () => {
    assert.deepEqual(found('총 3 010-1234-5678'), ['KR_PHONE:010-1234-5678']);
    assert.deepEqual(found('보호자 (010-1234-5678)'), ['KR_PHONE:010-1234-5678']);
    assert.deepEqual(found('010-1234-5678.12'), ['KR_PHONE:010-1234-5678']);
  });

  it('keeps dates, times, amounts and versions clean', () => {
    assert.deepEqual(found('2024-01-15 14:30, 2024.01.15, 1,234,000원, v10.1.12, 12.5%'), []);
  });
});
