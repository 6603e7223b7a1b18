/**
 * Context words that raise (or, for NEGATIVE, lower) the confidence that a nearby number is a given
 * identifier. Korean words match as substrings (agglutinative: 주민등록번호는 contains 주민등록번호);
 * ASCII words must stand alone. Within a category, longer words come first so the alternation picks them.
 */
export const CONTEXT = {
  RRN: 1,
  FRN: 2,
  CRN: 3,
  BRN: 4,
  PASSPORT: 5,
  LICENSE: 6,
  ACCOUNT: 7,
  CARD: 8,
  PHONE: 9,
  IP: 10,
  /** Order numbers, barcodes, serials, tracking numbers: the number is not about a person. */
  NEGATIVE: 11,
} as const;
export type ContextCategory = (typeof CONTEXT)[keyof typeof CONTEXT];
export const CONTEXT_CATEGORY_COUNT = 12;

export const CONTEXT_WORDS: Record<ContextCategory, readonly string[]> = {
  [CONTEXT.RRN]: ['주민등록번호', '주민 등록 번호', '주민등록', '주민번호', '주민 번호', '실명번호', 'resident registration', 'resident number', 'rrn', 'jumin'],
  [CONTEXT.FRN]: [
    '외국인등록번호', '외국인 등록번호', '외국인등록증', '외국인번호', '외국인 번호', '거소신고번호', '외국인',
    'alien registration', 'foreigner registration', 'residence card', 'arn', 'frn',
  ],
  [CONTEXT.CRN]: ['법인등록번호', '법인 등록번호', '법인번호', '법인 번호', '등기번호', 'corporate registration', 'corporation number', 'crn'],
  [CONTEXT.BRN]: ['사업자등록번호', '사업자 등록번호', '사업자번호', '사업자 번호', '사업자', '등록번호(사업자)', 'business registration', 'business number', 'brn', 'tax id'],
  [CONTEXT.PASSPORT]: ['여권번호', '여권 번호', '여권', 'passport'],
  [CONTEXT.LICENSE]: ['운전면허번호', '운전면허', '면허번호', '면허 번호', '면허증', "driver's license", 'driver license', 'driving licence', 'driving license', 'license no', 'licence no'],
  [CONTEXT.ACCOUNT]: [
    '계좌번호', '계좌', '입금', '송금', '이체', '예금주', '환불', '은행', '뱅크', '농협', '수협', '신협', '우체국', '새마을금고',
    '저축', '예금', '국민은행', '신한', '우리은행', '하나은행', '기업은행', '카카오', '토스', 'SC제일', '씨티', 'KB', 'IBK', 'NH',
    'account', 'acct', 'bank', 'iban',
  ],
  [CONTEXT.CARD]: ['신용카드', '체크카드', '카드번호', '카드', 'credit card', 'card number', 'card no', 'card', 'visa', 'mastercard', 'amex'],
  [CONTEXT.PHONE]: ['전화번호', '전화', '연락처', '휴대폰', '핸드폰', '휴대전화', '휴대번호', '폰번호', '연락', '문자', '팩스', 'phone', 'mobile', 'tel', 'fax', 'contact', 'call'],
  [CONTEXT.IP]: ['아이피', '서버', '접속', '호스트', 'ip address', 'ip', 'server', 'host', 'addr'],
  [CONTEXT.NEGATIVE]: [
    '주문번호', '주문 번호', '주문', '바코드', '상품코드', '상품번호', '제품번호', '품번', '부품번호', '모델번호', '모델명', '일련번호', '시리얼',
    '송장', '운송장', '배송번호', '접수번호', '예약번호', '관리번호', '문서번호', '사건번호', '승인번호', '거래번호', '거래 번호', '결제번호',
    '인증번호', 'IMEI', 'MEID', '단말기', '티켓', '좌석', '쿠폰', '회원번호', '고객번호', '학번', '사번', '버전', '빌드', '코드', '항목', '수신자 부담', '대표번호', '고객센터',
    'isbn', 'ean', 'gtin', 'upc', 'barcode', 'order', 'tracking', 'invoice', 'serial', 'sku', 'part number', 'ticket', 'coupon', 'version', 'build',
  ],
};
