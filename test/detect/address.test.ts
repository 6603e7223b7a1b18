import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { found, foundOf } from './helpers.js';

describe('Korean addresses', () => {
  it('finds road-name addresses with province, district, road and building number', () => {
    assert.deepEqual(foundOf('본사: 서울특별시 강남구 테헤란로 123 입니다', 'KR_ADDRESS'), ['서울특별시 강남구 테헤란로 123']);
    assert.deepEqual(foundOf('경기도 성남시 분당구 판교역로 235에서 만나요', 'KR_ADDRESS'), ['경기도 성남시 분당구 판교역로 235']);
    assert.deepEqual(foundOf('울산광역시 울주군 온양읍 솔밭1길 12', 'KR_ADDRESS'), ['울산광역시 울주군 온양읍 솔밭1길 12']);
    assert.deepEqual(foundOf('중구 세종대로 110', 'KR_ADDRESS'), ['중구 세종대로 110'], 'a district alone anchors it');
    assert.deepEqual(foundOf('서울 강남구 테헤란로10길 5', 'KR_ADDRESS'), ['서울 강남구 테헤란로10길 5']);
    assert.deepEqual(foundOf('부산 해운대구 중앙로 23번길 7', 'KR_ADDRESS'), ['부산 해운대구 중앙로 23번길 7']);
  });

  it('extends over the detail and the reference in parentheses, not over the postal code', () => {
    assert.deepEqual(foundOf('(06236) 서울특별시 강남구 테헤란로 123, 4층 (역삼동)', 'KR_ADDRESS'), ['서울특별시 강남구 테헤란로 123, 4층 (역삼동)']);
    assert.deepEqual(foundOf('서울시 송파구 올림픽로 300, 101동 1203호로 배송', 'KR_ADDRESS'), ['서울시 송파구 올림픽로 300, 101동 1203호']);
    assert.deepEqual(foundOf('대전광역시 유성구 대학로 99 래미안아파트 12층', 'KR_ADDRESS'), ['대전광역시 유성구 대학로 99 래미안아파트 12층']);
    assert.deepEqual(foundOf('서울시 마포구 양화로 45 메세나폴리스 2층', 'KR_ADDRESS'), ['서울시 마포구 양화로 45 메세나폴리스 2층']);
    assert.deepEqual(foundOf('경기 수원시 영통구 광교중앙로 145 (하동, 광교 자연앤힐스테이트) 1101동 1502호', 'KR_ADDRESS'), ['경기 수원시 영통구 광교중앙로 145 (하동, 광교 자연앤힐스테이트) 1101동 1502호']);
  });

  it('finds lot-number addresses', () => {
    assert.deepEqual(foundOf('서울특별시 강남구 삼성동 159-1', 'KR_ADDRESS'), ['서울특별시 강남구 삼성동 159-1']);
    assert.deepEqual(foundOf('경기도 양평군 양평읍 양근리 123-4번지', 'KR_ADDRESS'), ['경기도 양평군 양평읍 양근리 123-4번지']);
    assert.deepEqual(foundOf('서울시 종로구 종로5가 12', 'KR_ADDRESS'), ['서울시 종로구 종로5가 12']);
  });

  it('accepts a bare road address after an address label', () => {
    assert.deepEqual(foundOf('주소: 테헤란로 123', 'KR_ADDRESS'), ['테헤란로 123']);
    assert.deepEqual(foundOf('테헤란로 123', 'KR_ADDRESS'), [], 'no anchor, no label');
  });

  it('does not mistake prose for addresses', () => {
    for (const text of ['버스로 10분, 지하철로 3정거장', '서울로 3시간 걸려요', '이번 활동 3개 중 1개', '대구로 2일 출장', '차량 12가 3456', '101동 1203호 앞']) {
      assert.deepEqual(found(text), [], text);
    }
  });
});
