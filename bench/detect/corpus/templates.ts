import { DocumentBuilder } from './document-builder.js';
import type { Random } from './random.js';
import * as value from './values.js';

/**
 * Document templates: realistic Korean (and mixed Korean/English) texts — support chats, forms,
 * medical notes, transfers, invoices, logs, listings — with personal data labelled where it sits,
 * and hard negatives (barcodes, ISBNs, dates, order numbers, versions, amounts, coordinates,
 * numbers inside longer runs) that are never labelled.
 */
export interface Template {
  name: string;
  language: 'ko' | 'mixed';
  /** Relative frequency. */
  weight: number;
  build(b: DocumentBuilder, r: Random): void;
}

function date(r: Random): string {
  const y = r.int(2019, 2025);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  return r.pick([`${y}-${r.pad(m, 2)}-${r.pad(d, 2)}`, `${y}.${r.pad(m, 2)}.${r.pad(d, 2)}`, `${y}년 ${m}월 ${d}일`, `${y}/${r.pad(m, 2)}/${r.pad(d, 2)}`]);
}
function time(r: Random): string {
  return r.pick([`${r.pad(r.int(0, 23), 2)}:${r.pad(r.int(0, 59), 2)}`, `오후 ${r.int(1, 11)}시 ${r.int(0, 59)}분`, `${r.pad(r.int(0, 23), 2)}:${r.pad(r.int(0, 59), 2)}:${r.pad(r.int(0, 59), 2)}`]);
}
function amount(r: Random): string {
  const won = r.int(1, 9999) * 1000;
  return r.pick([`${won.toLocaleString('en-US')}원`, `₩${won.toLocaleString('en-US')}`, `${r.int(1, 9)}억 ${r.int(1, 9)}천만 원`, `$${r.int(10, 9999)}.${r.pad(r.int(0, 99), 2)}`]);
}
function longOrderNumber(r: Random): string {
  return `${r.int(2023, 2025)}${r.pad(r.int(1, 12), 2)}${r.pad(r.int(1, 28), 2)}${r.digits(r.int(6, 10))}`;
}

/** The particle form the word's last syllable wants (받침 → first form). */
function particle(word: string, forms: readonly [string, string]): string {
  const code = word.charCodeAt(word.length - 1);
  return (code - 0xac00) % 28 !== 0 ? forms[0] : forms[1];
}

/** A name with its cue most of the time; sometimes bare (the detector should then miss it: recall is honest). */
function mentionName(b: DocumentBuilder, r: Random, name: string, cue: 'honorific' | 'any'): void {
  const style = r.weighted([['honorific', cue === 'honorific' ? 80 : 45], ['title', 25], ['bare', 15]] as const);
  if (style === 'honorific') b.pii('PERSON_NAME', name).add(r.pick(['님', ' 님', '씨', ' 씨', ' 고객님', ' 회원님']));
  else if (style === 'title') b.pii('PERSON_NAME', name).add(' ', r.pick(['과장', '대리님', '팀장님', '선생님', '교수님', '부장', '사원']));
  else b.pii('PERSON_NAME', name).add(particle(name, r.pick([['이', '가'], ['은', '는'], ['의', '의'], ['에게', '에게']] as const)));
}

/** One sentence full of look-alikes that must not be reported. */
export function hardNegative(b: DocumentBuilder, r: Random): void {
  const sentence = r.pick([
    () => b.add(`상품 바코드 ${value.barcode880(r)} 확인 부탁드립니다.`),
    () => b.add(`${value.barcode880(r)} 새우깡 90g ${amount(r)}`),
    () => b.add(`참고 도서 ISBN ${value.isbn(r)} (정가 ${amount(r)})`),
    () => b.add(`주문번호 ${value.residentShapedOrderNumber(r)} 건은 ${date(r)} 출고됩니다.`),
    () => b.add(`주문번호: ${longOrderNumber(r)}`),
    () => b.add(`거래번호 ${r.int(2023, 2025)}0115010${r.digits(10)} 로 조회하세요.`),
    () => b.add(`운송장 번호 ${r.digits(4)}-${r.digits(4)}-${r.digits(4)} (CJ대한통운)`),
    () => b.add(`버전 ${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 30)}.${r.int(0, 40)} 배포 완료, 이전 버전 v${r.int(1, 5)}.${r.int(0, 9)}.${r.int(0, 9)}`),
    () => b.add(`Windows 10.0.${r.int(19041, 22631)}.${r.int(1000, 4000)} 에서 재현됨`),
    () => b.add(`좌표는 ${r.int(33, 38)}.${r.digits(4)}, ${r.int(126, 129)}.${r.digits(4)} 입니다.`),
    () => b.add(`위도 ${r.int(33, 38)}.${r.digits(6)} 경도 ${r.int(126, 129)}.${r.digits(6)}`),
    () => b.add(`${date(r)} ${time(r)} 기준 누적 매출 ${amount(r)}, 전월 대비 ${r.int(1, 40)}.${r.int(0, 9)}% 증가`),
    () => b.add(`고객센터 1588-${r.digits(4)} 또는 080-${r.int(200, 999)}-${r.digits(4)} (수신자 부담)`),
    () => b.add(`\n${r.int(1, 4)}.${r.int(1, 9)}.${r.int(1, 9)}.${r.int(1, 9)} 추진 배경\n`),
    () => b.add(`사업자번호 형식 예시 ${value.invalidBusinessNumber(r)} 는 유효하지 않습니다.`),
    () => b.add(`테스트 카드 ${value.invalidCardNumber(r)} 는 승인 거절되었습니다.`),
    () => b.add(`인증번호 ${r.digits(6)} 를 입력하세요. 유효시간 3분.`),
    () => b.add(`${r.digits(20)}`),
    () => b.add(`부품번호 M${r.digits(8)} 재고 ${r.int(1, 500)}개`),
    () => b.add(`모델명 SM-S${r.int(900, 999)}N, 일련번호 R${r.digits(3)}A${r.digits(4)}`),
    () => b.add(`버스로 ${r.int(5, 50)}분, 지하철로 ${r.int(2, 9)}정거장 거리입니다.`),
    () => b.add(`이번 활동 ${r.int(2, 9)}개 중 ${r.int(1, 2)}개 완료.`),
    () => b.add(`고객님, 이용자님께 안내드립니다. 담당자 배정 중입니다.`),
    () => b.add(`선생님께서 정보 보호 교육을 진행합니다.`),
    () => b.add(`환자 이송중, 보호자 대기 바랍니다.`),
    () => b.add(`IP 형식 오류: ${r.int(256, 999)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}`),
    () => b.add(`시간 ${r.pad(r.int(0, 23), 2)}:${r.pad(r.int(0, 59), 2)}:${r.pad(r.int(0, 59), 2)}, MAC 00:1A:2B:${r.int(10, 99)}:4D:5E`),
    () => b.add(`총 ${r.int(10, 99)} 개 항목, 코드 ${r.digits(13)} 참조 (${r.int(1, 100)}쪽)`),
    () => b.add(`전화 문의는 평일 09:00~18:00, 점심시간 12:00~13:00 제외.`),
    () => b.add(`Node.js 20.20.2, TypeScript 7.0.2, npm 10.8.1 환경`),
  ]);
  sentence();
}

const OPENING = ['안녕하세요.', '확인 부탁드립니다.', '문의 주셔서 감사합니다.', '아래 내용을 참고해 주세요.', '요청하신 자료입니다.'];

export const TEMPLATES: readonly Template[] = [
  {
    name: 'support-chat', language: 'ko', weight: 10,
    build(b, r) {
      b.add(r.pick(OPENING), ' ');
      mentionName(b, r, value.koreanName(r), 'honorific');
      b.add(', 문의하신 건 확인했습니다. 등록된 연락처 ').pii('KR_PHONE', value.phoneNumber(r)).add('로 안내 문자를 보내드렸습니다. ');
      hardNegative(b, r);
      if (r.chance(0.5)) b.add(' 회신은 ').pii('EMAIL', value.emailAddress(r)).add(' 으로 부탁드립니다.');
    },
  },
  {
    name: 'hr-record', language: 'ko', weight: 8,
    build(b, r) {
      b.add('[인사기록카드]\n성명: ').pii('PERSON_NAME', value.koreanName(r));
      b.add('\n주민등록번호: ').pii('KR_RRN', value.formatThirteen(r, r.chance(0.85) ? value.residentNumber(r) : value.newResidentNumber(r)));
      b.add('\n주소: ').pii('KR_ADDRESS', value.address(r));
      b.add('\n휴대폰: ').pii('KR_PHONE', value.phoneNumber(r));
      b.add('\n이메일: ').pii('EMAIL', value.emailAddress(r));
      b.add(`\n입사일: ${date(r)}\n급여계좌: `);
      const { bank, account } = value.bankAccount(r);
      b.add(`${bank} `).pii('KR_BANK_ACCOUNT', account).add('\n');
      hardNegative(b, r);
    },
  },
  {
    name: 'hospital-intake', language: 'ko', weight: 7,
    build(b, r) {
      b.add('환자 ').pii('PERSON_NAME', value.koreanName(r)).add(` (${r.pick(['남', '여'])}, ${r.int(1, 90)}세) ${date(r)} 내원. `);
      b.add(r.pick(['주민번호 ', '주민등록번호: ', 'RRN ']));
      b.pii('KR_RRN', value.formatThirteen(r, r.chance(0.7) ? value.residentNumber(r) : value.newResidentNumber(r)));
      b.add('. 보호자 ').pii('PERSON_NAME', value.koreanName(r)).add(' (').pii('KR_PHONE', value.phoneNumber(r)).add(').');
      b.add(` 혈압 ${r.int(100, 150)}/${r.int(60, 95)}, 체온 36.${r.int(0, 9)}도. 다음 진료 ${date(r)} ${time(r)}.`);
    },
  },
  {
    name: 'bank-transfer', language: 'ko', weight: 8,
    build(b, r) {
      const { bank, account } = value.bankAccount(r);
      b.add(`아래 계좌로 ${amount(r)} 입금 부탁드립니다.\n${bank} `).pii('KR_BANK_ACCOUNT', account);
      b.add(' 예금주 ').pii('PERSON_NAME', value.koreanName(r)).add('\n입금 확인 후 ').pii('KR_PHONE', value.phoneNumber(r)).add(' 으로 연락 주세요. ');
      hardNegative(b, r);
    },
  },
  {
    name: 'foreigner-visa', language: 'mixed', weight: 5,
    build(b, r) {
      const checked = r.chance(0.7);
      b.add(r.pick(['외국인등록번호 ', '외국인등록번호: ', 'ARN ']));
      b.pii('KR_FRN', value.formatThirteen(r, value.foreignerNumber(r, checked), 'hyphen'));
      b.add(' 소지자 ');
      if (r.chance(0.5)) b.add('Name: ').pii('PERSON_NAME', value.englishName(r)).add(' 의');
      else b.pii('PERSON_NAME', value.koreanName(r)).add(' 씨의');
      b.add(' 체류기간 연장 신청서입니다. 여권번호 ').pii('KR_PASSPORT', value.passportNumber(r, r.chance(0.5))).add(`, 만료일 ${date(r)}.`);
    },
  },
  {
    name: 'company-profile', language: 'ko', weight: 6,
    build(b, r) {
      b.add('상호: (주)한빛테크\n대표자: ').pii('PERSON_NAME', value.koreanName(r));
      b.add('\n사업자등록번호: ').pii('KR_BRN', value.businessNumber(r));
      b.add('\n법인등록번호: ').pii('KR_CRN', value.formatThirteen(r, value.corporateNumber(r), r.chance(0.8) ? 'hyphen' : 'bare'));
      b.add('\n본점 소재지: ').pii('KR_ADDRESS', value.address(r));
      b.add(`\n대표전화 1588-${r.digits(4)}\n담당자 이메일 `).pii('EMAIL', value.emailAddress(r)).add('\n');
      hardNegative(b, r);
    },
  },
  {
    name: 'corporate-bare', language: 'ko', weight: 2,
    build(b, r) {
      // No context word: the corporate check digit and the 7th digit 0 (not a living person) decide.
      b.add('거래처 (주)대한물산 ').pii('KR_CRN', value.formatThirteen(r, value.corporateNumber(r), 'hyphen'));
      b.add(' 외 2개사와 계약 체결. ');
      hardNegative(b, r);
    },
  },
  {
    name: 'car-rental', language: 'ko', weight: 5,
    build(b, r) {
      const style = r.weighted([['hyphen', 70], ['bare', 15], ['old', 15]] as const);
      b.add('렌터카 예약 확인: 운전자 ').pii('PERSON_NAME', value.koreanName(r));
      b.add(style === 'old' ? ', 면허 ' : ', 운전면허번호 ').pii('KR_DRIVER_LICENSE', value.driverLicense(r, style));
      b.add(', 연락처 ').pii('KR_PHONE', value.phoneNumber(r)).add(`. 차량 ${r.int(10, 399)}가 ${r.digits(4)}, 대여일 ${date(r)}.`);
    },
  },
  {
    name: 'card-payment', language: 'ko', weight: 6,
    build(b, r) {
      b.add(r.pick(['결제 카드 ', '카드번호: ', '신용카드 ']));
      b.pii('CREDIT_CARD', value.cardNumber(r)).add(` (유효기간 ${r.pad(r.int(1, 12), 2)}/${r.int(25, 30)}). 승인번호 ${r.digits(8)}. 결제금액 ${amount(r)}. `);
      hardNegative(b, r);
    },
  },
  {
    name: 'server-log', language: 'mixed', weight: 6,
    build(b, r) {
      b.add(`[${date(r)} ${time(r)}] WARN login failed for user `).pii('EMAIL', value.emailAddress(r)).add(' from ').pii('IP_ADDRESS', value.ipAddress(r)).add('\n');
      b.add(`[${date(r)} ${time(r)}] INFO service restarted, build ${r.int(100, 999)}, version v${r.int(1, 4)}.${r.int(0, 9)}.${r.int(0, 20)}\n`);
      b.add('[audit] 접속 IP: ').pii('IP_ADDRESS', value.ipAddress(r)).add(` 응답시간 ${r.int(10, 900)}ms\n`);
      hardNegative(b, r);
    },
  },
  {
    name: 'english-email', language: 'mixed', weight: 6,
    build(b, r) {
      b.add('Dear ').pii('PERSON_NAME', value.englishName(r)).add(',\n\nThank you for your inquiry. Please call me at ').pii('KR_PHONE', value.phoneNumber(r));
      b.add(' or email ').pii('EMAIL', value.emailAddress(r)).add('.\nOur office: ').pii('KR_ADDRESS', value.address(r)).add('.\n');
      hardNegative(b, r);
      b.add('\n\nBest regards,\nMr. ').pii('PERSON_NAME', r.pick(['Kim', 'Lee', 'Park', 'Choi'])).add('\n');
    },
  },
  {
    name: 'product-listing', language: 'ko', weight: 6,
    build(b, r) {
      b.add(`상품명: 무선 이어폰 / 바코드 ${value.barcode880(r)} / 가격 ${amount(r)}\n`);
      b.add(`도서: ISBN ${value.isbn(r)} / 출간일 ${date(r)}\n`);
      hardNegative(b, r);
      if (r.chance(0.5)) b.add('\n판매자 문의 ').pii('KR_PHONE', value.phoneNumber(r));
    },
  },
  {
    name: 'delivery', language: 'ko', weight: 7,
    build(b, r) {
      b.add(`주문번호 ${longOrderNumber(r)}\n운송장번호 ${r.digits(12)}\n받는 분: `).pii('PERSON_NAME', value.koreanName(r));
      b.add('\n배송지: ').pii('KR_ADDRESS', value.address(r)).add('\n연락처: ').pii('KR_PHONE', value.phoneNumber(r)).add('\n');
      b.add(`배송 요청사항: 부재 시 경비실에 맡겨주세요. 예상 도착 ${date(r)}`);
    },
  },
  {
    name: 'meeting-notes', language: 'ko', weight: 5,
    build(b, r) {
      b.add(`회의록 ${date(r)}\n참석자: `).pii('PERSON_NAME', value.koreanName(r)).add(', ').pii('PERSON_NAME', value.koreanName(r)).add(', ').pii('PERSON_NAME', value.koreanName(r));
      b.add(`\n안건: 3.2절 예산 검토(총 ${amount(r)})\n결정: 다음 회의 ${date(r)} 14:00, 회의실 ${r.int(2, 15)}층\n`);
      hardNegative(b, r);
    },
  },
  {
    name: 'school-notice', language: 'ko', weight: 4,
    build(b, r) {
      b.add('학생 ').pii('PERSON_NAME', value.koreanName(r)).add('의 보호자 ');
      mentionName(b, r, value.koreanName(r), 'honorific');
      b.add('께 안내드립니다. 상담 가능한 번호는 ').pii('KR_PHONE', value.phoneNumber(r)).add(' 입니다. ');
      hardNegative(b, r);
    },
  },
  {
    name: 'lease', language: 'ko', weight: 4,
    build(b, r) {
      const { bank, account } = value.bankAccount(r);
      b.add('매물 주소: ').pii('KR_ADDRESS', value.address(r)).add('\n임대인: ').pii('PERSON_NAME', value.koreanName(r));
      b.add(`\n계약금 ${amount(r)}, 잔금일 ${date(r)}\n입금계좌: ${bank} `).pii('KR_BANK_ACCOUNT', account).add('\n');
    },
  },
  {
    name: 'passport-application', language: 'ko', weight: 4,
    build(b, r) {
      b.add('여권 발급 신청서\n성명: ').pii('PERSON_NAME', value.koreanName(r));
      b.add('\n주민등록번호: ').pii('KR_RRN', value.formatThirteen(r, value.residentNumber(r)));
      b.add('\n구여권번호: ').pii('KR_PASSPORT', value.passportNumber(r, false)).add('\n신청일: ', date(r), '\n');
    },
  },
  {
    name: 'birth-registration', language: 'ko', weight: 3,
    build(b, r) {
      b.add('출생신고가 완료되었습니다. 아이 이름: ').pii('PERSON_NAME', value.koreanName(r));
      b.add(', 주민등록번호 ').pii('KR_RRN', value.formatThirteen(r, value.newResidentNumber(r), 'hyphen')).add(` (${date(r)} 발급)`);
    },
  },
  {
    name: 'masked-record', language: 'ko', weight: 3,
    build(b, r) {
      b.add('고객 정보 조회 결과: ').pii('PERSON_NAME', value.koreanName(r)).add(' / ').pii('KR_RRN', value.maskedResidentNumber(r)).add(' / ').pii('KR_PHONE', value.phoneNumber(r));
    },
  },
  {
    name: 'json-record', language: 'mixed', weight: 4,
    build(b, r) {
      b.add('{"name": "').pii('PERSON_NAME', value.koreanName(r)).add('", "phone": "').pii('KR_PHONE', value.phoneNumber(r));
      b.add('", "email": "').pii('EMAIL', value.emailAddress(r)).add('", "address": "').pii('KR_ADDRESS', value.address(r)).add(`", "joined": "${date(r)}"}`);
    },
  },
  {
    name: 'mixed-chat', language: 'mixed', weight: 5,
    build(b, r) {
      b.add('Hi, my name is ').pii('PERSON_NAME', value.englishName(r)).add('. 제 번호는 ').pii('KR_PHONE', value.phoneNumber(r));
      b.add('이고 카드번호는 ').pii('CREDIT_CARD', value.cardNumber(r)).add('입니다. Please refund to my account.');
    },
  },
  {
    name: 'tax-invoice', language: 'ko', weight: 4,
    build(b, r) {
      b.add('전자세금계산서\n공급자 사업자번호 ').pii('KR_BRN', value.businessNumber(r)).add('\n공급받는자 등록번호 ').pii('KR_BRN', value.businessNumber(r));
      b.add(`\n합계금액 ${amount(r)} / 작성일자 ${date(r)}\n`);
      hardNegative(b, r);
    },
  },
  {
    name: 'bare-identifiers', language: 'ko', weight: 4,
    build(b, r) {
      b.add('요청하신 번호 ').pii('KR_RRN', value.formatThirteen(r, value.residentNumber(r), 'hyphen')).add(' 로 조회되었습니다. ');
      b.add('사업자 ').pii('KR_BRN', value.businessNumber(r)).add(', 연락처 ').pii('KR_PHONE', value.phoneNumber(r)).add('. ');
      hardNegative(b, r);
    },
  },
  {
    name: 'uncued-names', language: 'ko', weight: 3,
    build(b, r) {
      const name = value.koreanName(r);
      const ending = r.pick([[['이', '가'], ' 작성한 보고서를 검토했습니다. '], [['과', '와'], ' 함께 현장을 방문했습니다. '], [['의', '의'], ' 의견을 반영했습니다. ']] as const);
      b.pii('PERSON_NAME', name).add(particle(name, ending[0]), ending[1]);
      hardNegative(b, r);
    },
  },
  {
    name: 'vertical-form', language: 'ko', weight: 4,
    build(b, r) {
      b.add('신청인 정보\n\n성명\n').pii('PERSON_NAME', value.koreanName(r));
      b.add('\n주민등록번호\n').pii('KR_RRN', value.formatThirteen(r, r.chance(0.5) ? value.residentNumber(r) : value.newResidentNumber(r), 'hyphen'));
      b.add('\n연락처\n').pii('KR_PHONE', value.phoneNumber(r));
      b.add('\n환불 계좌\n');
      const { bank, account } = value.bankAccount(r);
      b.add(`${bank} `).pii('KR_BANK_ACCOUNT', account).add(`\n\n접수일 ${date(r)} / 접수번호 ${r.digits(10)}`);
    },
  },
  {
    name: 'scanned-fullwidth', language: 'ko', weight: 3,
    build(b, r) {
      b.add('［스캔 문서］ 주민등록번호 ').pii('KR_RRN', value.formatThirteen(r, value.residentNumber(r), 'fullwidth'));
      b.add('　전화 ').pii('KR_PHONE', value.toFullWidth(`010-${r.int(2000, 9999)}-${r.digits(4)}`)).add(`　발급일 ${value.toFullWidth(`${r.int(2015, 2025)}-0${r.int(1, 9)}-1${r.int(0, 9)}`)}`);
    },
  },
  {
    name: 'label-no-colon', language: 'ko', weight: 4,
    build(b, r) {
      b.add(r.pick(['담당자 ', '예금주 ', '신청인 ', '수령인 '])).pii('PERSON_NAME', value.koreanName(r)).add(r.pick([' 앞으로 보내주세요. ', '에게 전달 바랍니다. ', ' (본인 확인 완료) ']));
      b.add('휴대폰 ').pii('KR_PHONE', value.phoneNumber(r)).add(', 사업자 ').pii('KR_BRN', value.businessNumber(r)).add('. ');
      hardNegative(b, r);
    },
  },
  {
    name: 'negatives-only', language: 'ko', weight: 16,
    build(b, r) {
      const count = r.int(2, 5);
      for (let index = 0; index < count; index++) {
        hardNegative(b, r);
        b.add(' ');
      }
    },
  },
  {
    name: 'negatives-english', language: 'mixed', weight: 4,
    build(b, r) {
      b.add(`Release v${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 30)} shipped on ${date(r)}. Order #${longOrderNumber(r)} total ${amount(r)}. `);
      b.add(`Dear Hiring Manager, the meeting is at ${time(r)}. Coordinates ${r.int(33, 38)}.${r.digits(4)}, ${r.int(126, 129)}.${r.digits(4)}. `);
      hardNegative(b, r);
    },
  },
];
