import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { found } from './helpers.js';

describe('passports', () => {
  it('finds the next-generation format alone and the old format with a passport word', () => {
    assert.deepEqual(found('신여권 M123A4567'), ['KR_PASSPORT:M123A4567']);
    assert.deepEqual(found('여권번호 M12345678'), ['KR_PASSPORT:M12345678']);
    assert.deepEqual(found('passport no. S87654321'), ['KR_PASSPORT:S87654321']);
    assert.deepEqual(found('여권 Ｍ１２３Ａ４５６７'), ['KR_PASSPORT:Ｍ１２３Ａ４５６７']);
    assert.deepEqual(found('여권 번호: m12345678'), ['KR_PASSPORT:m12345678']);
    assert.deepEqual(found('코드 m123a4567'), [], 'lower case needs the word');
  });
  it('does not report part, model or serial codes', () => {
    assert.deepEqual(found('부품번호 M12345678'), []);
    assert.deepEqual(found('코드 M12345678'), []);
    assert.deepEqual(found('일련번호 R123A4567'), []);
    assert.deepEqual(found('SKU XM123A45678'), []);
  });
});

describe("driver's licences", () => {
  it('finds RR-YY-NNNNNN-NN with a region code, and the pre-2014 form with a region name', () => {
    assert.deepEqual(found('면허 11-23-123456-01'), ['KR_DRIVER_LICENSE:11-23-123456-01']);
    assert.deepEqual(found('운전면허 서울 12-345678-90 소지'), ['KR_DRIVER_LICENSE:서울 12-345678-90']);
    assert.deepEqual(found('운전면허번호 112312345601'), ['KR_DRIVER_LICENSE:112312345601']);
  });
  it('rejects unknown region codes and bare digits without the word', () => {
    assert.deepEqual(found('면허 27-23-123456-01'), []);
    assert.deepEqual(found('번호 112312345601'), []);
  });
});

describe('business registration numbers', () => {
  it('needs the weighted check digit; bare 10 digits also need a business word', () => {
    assert.deepEqual(found('사업자등록번호 124-81-00998'), ['KR_BRN:124-81-00998']);
    assert.deepEqual(found('거래처 104-86-56659'), ['KR_BRN:104-86-56659']);
    assert.deepEqual(found('사업자번호 1248100998'), ['KR_BRN:1248100998']);
    assert.deepEqual(found('번호 1248100998'), []);
    assert.deepEqual(found('사업자등록번호 104-86-56658'), []);
    assert.deepEqual(found('123-45-67890'), []);
  });
});

describe('bank accounts', () => {
  it('finds bank layouts only with an account word nearest', () => {
    assert.deepEqual(found('입금 계좌: 국민은행 123456-78-901234'), ['KR_BANK_ACCOUNT:123456-78-901234']);
    assert.deepEqual(found('신한 110-123-456789 예금주 확인'), ['KR_BANK_ACCOUNT:110-123-456789']);
    assert.deepEqual(found('새마을금고 9002-1234-5678-9'), ['KR_BANK_ACCOUNT:9002-1234-5678-9']);
    assert.deepEqual(found('번호 123456-78-901234'), []);
  });
  it('does not take other numbers near an account word', () => {
    assert.deepEqual(found('계좌로 2024-01-15까지 50,000원 입금, 거래번호 1234567890'), []);
    assert.deepEqual(found('계좌 안내는 080-123-4567'), []);
  });
});

describe('payment cards', () => {
  it('finds Luhn-valid cards in grouped layouts and 15/16 bare digits', () => {
    assert.deepEqual(found('카드 4111 1111 1111 1111'), ['CREDIT_CARD:4111 1111 1111 1111']);
    assert.deepEqual(found('결제 4111-1111-1111-1111'), ['CREDIT_CARD:4111-1111-1111-1111']);
    assert.deepEqual(found('amex 3782-822463-10005'), ['CREDIT_CARD:3782-822463-10005']);
    assert.deepEqual(found('번호 4111111111111111'), ['CREDIT_CARD:4111111111111111']);
  });
  it('rejects Luhn failures, unknown issuers and order numbers', () => {
    assert.deepEqual(found('카드 4111 1111 1111 1112'), []);
    assert.deepEqual(found('주문번호 4111111111111111'), []);
    assert.deepEqual(found('1111 1111 1111 1117'), [], 'no issuer starts with 1');
    assert.deepEqual(found('IMEI 356938035643809'), [], 'a Luhn-valid IMEI');
    assert.deepEqual(found('단말 356938035643809'), [], '15 bare digits are a card only with an Amex prefix');
  });
});

describe('e-mail addresses', () => {
  it('finds addresses next to Hangul and punctuation', () => {
    assert.deepEqual(found('메일hong.gd@example.co.kr로 보내세요.'), ['EMAIL:hong.gd@example.co.kr']);
    assert.deepEqual(found('(kim+tag@naver.com)'), ['EMAIL:kim+tag@naver.com']);
    assert.deepEqual(found('mail me at a.b@c-d.com.'), ['EMAIL:a.b@c-d.com']);
  });
  it('rejects mentions, versions and domains without a real top-level label', () => {
    assert.deepEqual(found('@username 님, pkg@1.2.3, user@localhost, a@b.c'), []);
  });
});

describe('IP addresses', () => {
  it('finds IPv4 (octets 0–255) and IPv6 (full or compressed)', () => {
    assert.deepEqual(found('서버 192.168.0.1:8080 접속'), ['IP_ADDRESS:192.168.0.1']);
    assert.deepEqual(found('from 10.0.0.1, 2001:db8::1 and fe80::1ff:fe23:4567:890a'), ['IP_ADDRESS:10.0.0.1', 'IP_ADDRESS:2001:db8::1', 'IP_ADDRESS:fe80::1ff:fe23:4567:890a']);
    assert.deepEqual(found('addr 2001:0db8:85a3:0000:0000:8a2e:0370:7334'), ['IP_ADDRESS:2001:0db8:85a3:0000:0000:8a2e:0370:7334']);
  });
  it('rejects versions, outline numbers, out-of-range octets, times, MACs and C++ scopes', () => {
    assert.deepEqual(found('v1.2.3.4, 버전 1.0.0.1, 10.0.19045.3803, 256.1.1.1, 1.2.3.4.5'), []);
    assert.deepEqual(found('서브넷 255.255.255.0, 바인드 0.0.0.0'), []);
    assert.deepEqual(found('\n1.2.1.3 추진 배경\n'), []);
    assert.deepEqual(found('12:30:45 MAC 00:1A:2B:3C:4D:5E std::vector a::b'), []);
  });
});
