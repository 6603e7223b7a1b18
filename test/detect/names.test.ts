import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { found, foundOf } from './helpers.js';

describe('person names', () => {
  it('finds names after a label, with or without a colon, and lists of names', () => {
    assert.deepEqual(foundOf('성명: 홍길동', 'PERSON_NAME'), ['홍길동']);
    assert.deepEqual(foundOf('예금주 김민수', 'PERSON_NAME'), ['김민수']);
    assert.deepEqual(foundOf('이름은 김민수입니다', 'PERSON_NAME'), ['김민수']);
    assert.deepEqual(foundOf('성명(한글): 남궁민수', 'PERSON_NAME'), ['남궁민수']);
    assert.deepEqual(foundOf('참석자: 김철수, 이영희, 박민수', 'PERSON_NAME'), ['김철수', '이영희', '박민수']);
    assert.deepEqual(foundOf('{"name": "홍길동", "고객명": "이서연"}', 'PERSON_NAME'), ['홍길동', '이서연']);
    assert.deepEqual(foundOf('성명: 김구', 'PERSON_NAME'), ['김구'], 'two syllables after an explicit label');
  });

  it('finds names before an honorific or title', () => {
    assert.deepEqual(foundOf('김민수님 안녕하세요', 'PERSON_NAME'), ['김민수']);
    assert.deepEqual(foundOf('홍길동 고객님께', 'PERSON_NAME'), ['홍길동']);
    assert.deepEqual(foundOf('박지영 과장님께서', 'PERSON_NAME'), ['박지영']);
    assert.deepEqual(foundOf('이하준 씨의 신청서', 'PERSON_NAME'), ['이하준']);
  });

  it('finds names cued by sex or age in parentheses, or written right before a phone number or e-mail', () => {
    assert.deepEqual(foundOf('홍길동(남, 45세, 010-1111-2222)은 입원하였다.', 'PERSON_NAME'), ['홍길동']);
    assert.deepEqual(foundOf('김민준 010-2222-3333, 이서연 (seoyeon@example.com)', 'PERSON_NAME'), ['김민준', '이서연']);
    assert.deepEqual(foundOf('연락처 010-2222-3333, 이메일 a@example.com, 문의처 02-123-4567', 'PERSON_NAME'), []);
  });

  it('finds every other mention of a name once one mention had a cue', () => {
    assert.deepEqual(foundOf('김민수님이 오셨다. 김민수는 회의에 갔고 김민수의 자료를 받았다. 김민수기', 'PERSON_NAME'), ['김민수', '김민수', '김민수']);
  });

  it('finds English names after a label, a title, a greeting or an introduction', () => {
    assert.deepEqual(foundOf('Name: John Smith', 'PERSON_NAME'), ['John Smith']);
    assert.deepEqual(foundOf('Dear Emily Park, hello. Mr. Kim called.', 'PERSON_NAME'), ['Emily Park', 'Kim']);
    assert.deepEqual(foundOf('Hi, my name is Hong Gil-dong.', 'PERSON_NAME'), ['Hong Gil-dong']);
  });

  it('does not report role words, pronouns, common nouns or names without a cue', () => {
    for (const text of [
      '고객님, 이용자님께 안내드립니다.',
      '담당자 배정 중입니다.',
      '선생님께서 정보 보호 교육을 진행합니다.',
      '환자 이송중, 보호자 대기 바랍니다.',
      '김 과장님께 전달',
      '이름표를 붙이세요',
      'Dear Hiring Manager,',
      'Customer Service Team',
      '김민수가 왔다',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });
});
