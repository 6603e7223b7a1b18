import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DetectorError, detect } from '../../src/detect/index.js';
import { isFindingType } from '../../src/domain/index.js';

const SAMPLE = [
  '고객 김민수님의 주민등록번호는 960121-1021413이고 연락처는 010-1234-5678입니다.',
  '이메일 minsu.kim@example.co.kr, 카드 4111 1111 1111 1111, 서버 192.168.0.1',
  '주소 서울특별시 강남구 테헤란로 123, 4층 (역삼동). 사업자등록번호 124-81-00998',
  '여권번호 M12345678, 운전면허 11-23-123456-01, 입금 계좌 국민은행 123456-78-901234',
].join('\n');

describe('detect()', () => {
  it('returns findings sorted by start, never overlapping, with valid types and offsets', () => {
    const findings = detect(SAMPLE);
    assert.deepEqual(
      findings.map((finding) => finding.type),
      ['PERSON_NAME', 'KR_RRN', 'KR_PHONE', 'EMAIL', 'CREDIT_CARD', 'IP_ADDRESS', 'KR_ADDRESS', 'KR_BRN', 'KR_PASSPORT', 'KR_DRIVER_LICENSE', 'KR_BANK_ACCOUNT'],
    );
    for (let index = 0; index < findings.length; index++) {
      const finding = findings[index]!;
      assert.ok(isFindingType(finding.type));
      assert.ok(finding.start >= 0 && finding.end > finding.start && finding.end <= SAMPLE.length);
      if (index > 0) assert.ok(finding.start >= findings[index - 1]!.end, 'sorted and non-overlapping');
      assert.deepEqual(Object.keys(finding).sort(), ['end', 'start', 'type']);
    }
  });

  it('gives offsets into the original text when it holds full-width or non-BMP characters', () => {
    const text = '😀 연락처: ０１０－１２３４－５６７８, 메일 ａ@example.com';
    const [phone] = detect(text);
    assert.equal(text.slice(phone!.start, phone!.end), '０１０－１２３４－５６７８');
    assert.equal(phone!.start, text.indexOf('０'));
  });

  it('finds nothing in empty text or in prose full of look-alikes', () => {
    assert.deepEqual(detect(''), []);
    const prose = [
      '2024년 3분기 매출은 1,234,567,000원으로 전년 대비 12.5% 증가했습니다. 버전 2.3.1 배포, Node.js 20.20.2.',
      '바코드 8801043014809, ISBN 978-89-546-1234-6, 좌표 37.5665, 126.9780, 주문번호 240115-1234565.',
      '고객센터 1588-1234 (평일 09:00~18:00). 인증번호 123456. 거래번호 20240115010123456789.',
      '\n1.2.1.3 추진 배경\n고객님과 이용자님, 선생님께 감사드립니다. 버스로 10분 거리입니다.',
    ].join(' ');
    assert.deepEqual(detect(prose), []);
  });

  it('throws DetectorError for anything but a string', () => {
    for (const value of [undefined, null, 42, { text: 'x' }, ['a']]) {
      assert.throws(() => detect(value as unknown as string), DetectorError);
    }
  });
});
