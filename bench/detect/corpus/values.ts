import { businessCheckDigitValid, corporateCheckDigitValid, ean13Valid, foreignerCheckDigitValid, luhnValid, residentCheckDigitValid } from '../../../src/detect/numeric/checksums.js';
import type { Random } from './random.js';

/**
 * Generators of realistic Korean personal data (valid by construction: dates, check digits,
 * layouts) and of the look-alikes that must not be reported. Check digits are found by trying the
 * ten candidates against the validators, which the checksum property tests pin independently.
 */
function completeCheckDigit(prefix: string, valid: (digits: string) => boolean): string {
  for (let digit = 0; digit <= 9; digit++) if (valid(prefix + digit)) return prefix + digit;
  throw new Error(`no check digit for ${prefix}`);
}

function failingCheckDigit(prefix: string, valid: (digits: string) => boolean, random: Random): string {
  for (;;) {
    const candidate = prefix + random.int(0, 9);
    if (!valid(candidate)) return candidate;
  }
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function birthDate(random: Random, fromYear: number, toYear: number): { year: number; month: number; day: number } {
  const year = random.int(fromYear, toYear);
  const month = random.int(1, 12);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const day = random.int(1, month === 2 && leap ? 29 : DAYS[month - 1]!);
  return { year, month, day };
}

function yymmdd(random: Random, date: { year: number; month: number; day: number }): string {
  return random.pad(date.year % 100, 2) + random.pad(date.month, 2) + random.pad(date.day, 2);
}

/** Formats 13 digits the way people write them. */
export function formatThirteen(random: Random, digits: string, style?: 'hyphen' | 'space' | 'bare' | 'spaced-hyphen' | 'fullwidth'): string {
  const chosen = style ?? random.weighted([['hyphen', 70], ['bare', 14], ['space', 5], ['spaced-hyphen', 5], ['fullwidth', 6]] as const);
  const head = digits.slice(0, 6);
  const tail = digits.slice(6);
  switch (chosen) {
    case 'hyphen':
      return `${head}-${tail}`;
    case 'space':
      return `${head} ${tail}`;
    case 'bare':
      return digits;
    case 'spaced-hyphen':
      return `${head} - ${tail}`;
    case 'fullwidth':
      return toFullWidth(`${head}-${tail}`);
  }
}

export function toFullWidth(text: string): string {
  return text.replace(/[0-9A-Za-z-]/g, (character) => (character === '-' ? '－' : String.fromCharCode(character.charCodeAt(0) + 0xfee0)));
}

/** Pre-Oct-2020 RRN: valid date, G by century/sex, valid check digit. */
export function residentNumber(random: Random): string {
  const date = birthDate(random, 1940, 2019);
  const gender = date.year >= 2000 ? random.pick([3, 4]) : random.pick([1, 2]);
  const prefix = yymmdd(random, date) + gender + random.pad(random.int(0, 95), 2) + random.digits(3);
  return completeCheckDigit(prefix, residentCheckDigitValid);
}

/** Issued since Oct 2020 (a birth, or a changed number): random tail, usually no valid check digit. */
export function newResidentNumber(random: Random): string {
  const recentBirth = random.chance(0.6);
  const date = recentBirth ? birthDate(random, 2021, 2025) : birthDate(random, 1950, 2019);
  const gender = date.year >= 2000 ? random.pick([3, 4]) : random.pick([1, 2]);
  return failingCheckDigit(yymmdd(random, date) + gender + random.digits(5), residentCheckDigitValid, random);
}

export function foreignerNumber(random: Random, checked: boolean): string {
  const date = birthDate(random, 1950, 2019);
  const gender = date.year >= 2000 ? random.pick([7, 8]) : random.pick([5, 6]);
  const prefix = yymmdd(random, date) + gender + random.digits(5);
  return checked ? completeCheckDigit(prefix, foreignerCheckDigitValid) : failingCheckDigit(prefix, foreignerCheckDigitValid, random);
}

export function maskedResidentNumber(random: Random): string {
  const date = birthDate(random, 1950, 2015);
  const gender = date.year >= 2000 ? random.pick([3, 4]) : random.pick([1, 2]);
  return `${yymmdd(random, date)}-${gender}******`;
}

const REGISTRY_OFFICES = ['1101', '1144', '1201', '1301', '1311', '1345', '1358', '1412', '1501', '1611', '1711', '1801', '2001', '2301', '2401', '2501'];
const CORPORATION_TYPES = ['11', '11', '11', '12', '13', '14', '21', '22', '71'];

/** Corporate registration number RRRRTT-SSSSSSC (serials mostly below 100000, so the 7th digit is 0). */
export function corporateNumber(random: Random): string {
  const serial = random.chance(0.85) ? `0${random.digits(5)}` : random.digits(6);
  return completeCheckDigit(random.pick(REGISTRY_OFFICES) + random.pick(CORPORATION_TYPES) + serial, corporateCheckDigitValid);
}

const BUSINESS_TYPES = ['01', '05', '10', '13', '22', '37', '41', '52', '81', '81', '86', '87', '82', '85', '88', '90', '96'];

export function businessNumber(random: Random): string {
  for (;;) {
    const prefix = String(random.int(101, 899)) + random.pick(BUSINESS_TYPES) + random.pad(random.int(1, 9999), 4);
    const digits = completeCheckDigit(prefix, businessCheckDigitValid);
    return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
  }
}

export function invalidBusinessNumber(random: Random): string {
  const prefix = String(random.int(101, 899)) + random.pick(BUSINESS_TYPES) + random.pad(random.int(1, 9999), 4);
  const digits = failingCheckDigit(prefix, businessCheckDigitValid, random);
  return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
}

const PASSPORT_LETTERS = ['M', 'M', 'M', 'M', 'S', 'R', 'G', 'D', 'O'];
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export function passportNumber(random: Random, nextGeneration: boolean): string {
  const letter = random.pick(PASSPORT_LETTERS);
  return nextGeneration ? `${letter}${random.digits(3)}${random.pick([...ALPHABET])}${random.digits(4)}` : `${letter}${random.digits(8)}`;
}

const LICENSE_REGIONS = ['11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '28'];
const LICENSE_REGION_NAMES = ['서울', '부산', '경기', '강원', '충북', '충남', '전북', '전남', '경북', '경남', '제주', '대구', '인천', '광주', '대전', '울산'];

export function driverLicense(random: Random, style: 'hyphen' | 'bare' | 'old'): string {
  const year = random.pad(random.int(0, 99), 2);
  const serial = random.digits(6);
  const tail = random.digits(2);
  if (style === 'old') return `${random.pick(LICENSE_REGION_NAMES)} ${year}-${serial}-${tail}`;
  const region = random.pick(LICENSE_REGIONS);
  return style === 'hyphen' ? `${region}-${year}-${serial}-${tail}` : `${region}${year}${serial}${tail}`;
}

export function phoneNumber(random: Random): string {
  const style = random.weighted([
    ['mobile', 48], ['mobile-space', 5], ['mobile-dot', 4], ['mobile-bare', 8], ['seoul', 9], ['area', 10], ['intl', 6], ['paren', 4], ['voip', 4], ['fullwidth', 2],
  ] as const);
  const mobile = () => `010-${random.int(2000, 9999)}-${random.digits(4)}`;
  switch (style) {
    case 'mobile':
      return random.chance(0.9) ? mobile() : `${random.pick(['011', '016', '017', '019'])}-${random.int(200, 999)}-${random.digits(4)}`;
    case 'mobile-space':
      return `010 ${random.int(2000, 9999)} ${random.digits(4)}`;
    case 'mobile-dot':
      return `010.${random.int(2000, 9999)}.${random.digits(4)}`;
    case 'mobile-bare':
      return `010${random.int(2000, 9999)}${random.digits(4)}`;
    case 'seoul':
      return `02-${random.int(200, 9999)}-${random.digits(4)}`;
    case 'area':
      return `${random.pick(['031', '032', '033', '041', '042', '043', '044', '051', '052', '053', '054', '055', '061', '062', '063', '064'])}-${random.int(200, 999)}-${random.digits(4)}`;
    case 'intl':
      return random.chance(0.5) ? `+82 10-${random.int(2000, 9999)}-${random.digits(4)}` : `+82-2-${random.int(200, 999)}-${random.digits(4)}`;
    case 'paren':
      return `(02) ${random.int(200, 999)}-${random.digits(4)}`;
    case 'voip':
      return `070-${random.int(2000, 9999)}-${random.digits(4)}`;
    case 'fullwidth':
      return toFullWidth(mobile());
  }
}

/** Bank name and an account number in that bank's usual layout. */
export function bankAccount(random: Random): { bank: string; account: string } {
  const layouts: [string, number[]][] = [
    ['국민은행', [6, 2, 6]], ['KB국민은행', [3, 2, 4, 3]], ['신한은행', [3, 3, 6]], ['우리은행', [4, 3, 6]], ['하나은행', [3, 6, 5]],
    ['IBK기업은행', [3, 6, 2, 3]], ['농협', [3, 4, 4, 2]], ['NH농협은행', [6, 2, 6]], ['카카오뱅크', [4, 2, 7]], ['토스뱅크', [4, 4, 4]],
    ['우체국', [6, 2, 6]], ['새마을금고', [4, 2, 6, 1]], ['SC제일은행', [3, 2, 6]], ['부산은행', [3, 4, 4, 2]],
  ];
  const [bank, groups] = random.pick(layouts);
  const bare = random.chance(0.15);
  let account = groups.map((length, index) => (index === 0 ? String(random.int(1, 9)) + random.digits(length - 1) : random.digits(length))).join(bare ? '' : '-');
  if (bank === '카카오뱅크' && !bare) account = `3333-${account.slice(5)}`;
  return { bank, account };
}

export function cardNumber(random: Random): string {
  const kind = random.weighted([['visa', 40], ['master', 30], ['amex', 8], ['jcb', 7], ['domestic', 15]] as const);
  let prefix: string;
  let length = 16;
  if (kind === 'visa') prefix = `4${random.digits(5)}`;
  else if (kind === 'master') prefix = `5${random.int(1, 5)}${random.digits(4)}`;
  else if (kind === 'amex') {
    prefix = `3${random.pick([4, 7])}${random.digits(4)}`;
    length = 15;
  } else if (kind === 'jcb') prefix = `35${random.int(28, 89)}${random.digits(2)}`;
  else prefix = `9${random.int(1, 4)}${random.digits(4)}`;
  const digits = completeCheckDigit(prefix + random.digits(length - prefix.length - 1), luhnValid);
  if (length === 15) return `${digits.slice(0, 4)}-${digits.slice(4, 10)}-${digits.slice(10)}`;
  const style = random.weighted([['hyphen', 60], ['space', 25], ['bare', 15]] as const);
  if (style === 'bare') return digits;
  const separator = style === 'hyphen' ? '-' : ' ';
  return [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8, 12), digits.slice(12)].join(separator);
}

export function invalidCardNumber(random: Random): string {
  const digits = failingCheckDigit(`4${random.digits(14)}`, luhnValid, random);
  return [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8, 12), digits.slice(12)].join('-');
}

const LOCAL_PARTS = ['minsu.kim', 'hong.gd', 'jiyoung', 'lee_sh', 'parkjh82', 'choi.yuna', 'sjkang', 'yoon.dh', 'jang.mi', 'hr-team', 'cs.center', 'emily.park', 'j.smith', 'dev.ops', 'kim2024'];
const DOMAINS = ['naver.com', 'daum.net', 'gmail.com', 'kakao.com', 'hanmail.net', 'korea.kr', 'company.co.kr', 'snu.ac.kr', 'samsung.com', 'example.org'];

export function emailAddress(random: Random): string {
  return `${random.pick(LOCAL_PARTS)}${random.chance(0.3) ? random.int(1, 99) : ''}@${random.pick(DOMAINS)}`;
}

export function ipAddress(random: Random): string {
  if (random.chance(0.15)) {
    return random.pick([
      `2001:db8:${random.int(1, 0xffff).toString(16)}::${random.int(1, 0xfff).toString(16)}`,
      `fe80::${random.int(1, 0xfff).toString(16)}:${random.int(1, 0xffff).toString(16)}:fe${random.int(10, 99)}:${random.int(1000, 9999)}`,
      `2001:0db8:85a3:0000:0000:8a2e:0370:${random.int(1000, 9999)}`,
    ]);
  }
  return random.pick([
    () => `192.168.${random.int(0, 255)}.${random.int(1, 254)}`,
    () => `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    () => `172.${random.int(16, 31)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    () => `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
  ])();
}

// Provinces with their districts and some real roads / neighbourhoods.
const PLACES: { province: string[]; district: string; roads: string[]; neighbourhoods: string[] }[] = [
  { province: ['서울특별시', '서울시', '서울'], district: '강남구', roads: ['테헤란로', '도산대로', '봉은사로', '선릉로', '논현로'], neighbourhoods: ['역삼동', '삼성동', '대치동', '논현동'] },
  { province: ['서울특별시', '서울'], district: '종로구', roads: ['세종대로', '종로', '율곡로', '대학로'], neighbourhoods: ['청운동', '혜화동', '종로5가', '숭인동'] },
  { province: ['서울특별시'], district: '중구', roads: ['세종대로', '을지로', '퇴계로', '소공로'], neighbourhoods: ['명동2가', '충무로1가', '신당동'] },
  { province: ['서울특별시', '서울시'], district: '마포구', roads: ['월드컵북로', '양화로', '독막로', '마포대로'], neighbourhoods: ['서교동', '합정동', '망원동'] },
  { province: ['서울특별시'], district: '송파구', roads: ['올림픽로', '송파대로', '백제고분로'], neighbourhoods: ['잠실동', '가락동', '문정동'] },
  { province: ['서울특별시'], district: '관악구', roads: ['관악로', '남부순환로', '신림로'], neighbourhoods: ['신림동', '봉천동'] },
  { province: ['부산광역시', '부산'], district: '해운대구', roads: ['해운대로', '센텀중앙로', '달맞이길'], neighbourhoods: ['우동', '중동', '좌동'] },
  { province: ['부산광역시'], district: '부산진구', roads: ['중앙대로', '가야대로', '서면로'], neighbourhoods: ['부전동', '전포동'] },
  { province: ['대구광역시'], district: '수성구', roads: ['달구벌대로', '수성로', '동대구로'], neighbourhoods: ['범어동', '만촌동'] },
  { province: ['인천광역시'], district: '연수구', roads: ['송도과학로', '컨벤시아대로'], neighbourhoods: ['송도동', '연수동'] },
  { province: ['광주광역시'], district: '북구', roads: ['용봉로', '무등로'], neighbourhoods: ['용봉동', '문흥동'] },
  { province: ['대전광역시'], district: '유성구', roads: ['대학로', '엑스포로', '과학로'], neighbourhoods: ['궁동', '봉명동', '어은동'] },
  { province: ['울산광역시'], district: '남구', roads: ['삼산로', '번영로'], neighbourhoods: ['삼산동', '달동'] },
  { province: ['세종특별자치시'], district: '', roads: ['한누리대로', '도움6로'], neighbourhoods: ['어진동', '나성동'] },
  { province: ['경기도'], district: '성남시 분당구', roads: ['판교역로', '분당로', '정자일로'], neighbourhoods: ['정자동', '서현동', '삼평동'] },
  { province: ['경기도', '경기'], district: '수원시 영통구', roads: ['광교중앙로', '월드컵로', '삼성로'], neighbourhoods: ['매탄동', '이의동'] },
  { province: ['경기도'], district: '고양시 일산동구', roads: ['중앙로', '일산로'], neighbourhoods: ['장항동', '백석동'] },
  { province: ['경기도'], district: '양평군 양평읍', roads: ['양평로', '중앙로'], neighbourhoods: ['양근리', '오빈리'] },
  { province: ['강원특별자치도', '강원도'], district: '춘천시', roads: ['중앙로', '공지로', '강원대학길'], neighbourhoods: ['효자동', '석사동'] },
  { province: ['충청북도', '충북'], district: '청주시 흥덕구', roads: ['가경로', '직지대로'], neighbourhoods: ['복대동', '가경동'] },
  { province: ['충청남도'], district: '천안시 동남구', roads: ['만남로', '충절로'], neighbourhoods: ['신부동', '원성동'] },
  { province: ['전북특별자치도', '전라북도'], district: '전주시 완산구', roads: ['팔달로', '기린대로'], neighbourhoods: ['효자동', '중앙동'] },
  { province: ['전라남도'], district: '여수시', roads: ['시청로', '좌수영로'], neighbourhoods: ['학동', '문수동'] },
  { province: ['경상북도', '경북'], district: '포항시 남구', roads: ['포스코대로', '희망대로'], neighbourhoods: ['대잠동', '효자동'] },
  { province: ['경상남도'], district: '창원시 성산구', roads: ['중앙대로', '원이대로'], neighbourhoods: ['상남동', '용호동'] },
  { province: ['제주특별자치도', '제주도'], district: '제주시', roads: ['중앙로', '연북로', '첨단로'], neighbourhoods: ['이도이동', '연동', '노형동'] },
];
const BUILDINGS = ['래미안아파트', '푸르지오아파트', '현대빌딩', '해피오피스텔', '그린빌라', '센트럴타워'];

export function address(random: Random): string {
  const place = random.pick(PLACES);
  const parts: string[] = [];
  const withProvince = place.district === '' || random.chance(0.85);
  if (withProvince) parts.push(random.pick(place.province));
  if (place.district !== '') parts.push(place.district);
  if (random.chance(0.75)) {
    let road = random.pick(place.roads);
    if (random.chance(0.25)) road += random.chance(0.5) ? `${random.int(1, 40)}길` : ` ${random.int(1, 99)}번길`;
    const number = random.chance(0.2) ? `${random.int(1, 400)}-${random.int(1, 30)}` : String(random.int(1, 400));
    let text = `${parts.join(' ')} ${road} ${number}`;
    const detail = random.weighted([['none', 35], ['floor', 20], ['unit', 25], ['building', 10], ['ho', 10]] as const);
    if (detail === 'floor') text += `, ${random.int(1, 25)}층`;
    else if (detail === 'unit') text += `, ${random.int(101, 120)}동 ${random.int(1, 25)}0${random.int(1, 4)}호`;
    else if (detail === 'building') text += ` ${random.pick(BUILDINGS)} ${random.int(1, 15)}층`;
    else if (detail === 'ho') text += ` ${random.int(1, 9)}0${random.int(1, 9)}호`;
    if (random.chance(0.3)) text += ` (${random.pick(place.neighbourhoods)})`;
    return text;
  }
  const lot = random.chance(0.5) ? `${random.int(1, 999)}-${random.int(1, 99)}` : String(random.int(1, 999));
  return `${parts.join(' ')} ${random.pick(place.neighbourhoods)} ${lot}${random.chance(0.2) ? '번지' : ''}`;
}

const SURNAMES: readonly (readonly [string, number])[] = [
  ['김', 215], ['이', 147], ['박', 84], ['최', 47], ['정', 43], ['강', 24], ['조', 21], ['윤', 21], ['장', 20], ['임', 17],
  ['한', 15], ['오', 15], ['서', 15], ['신', 14], ['권', 14], ['황', 14], ['안', 14], ['송', 13], ['전', 11], ['홍', 11],
  ['유', 10], ['고', 9], ['문', 9], ['양', 8], ['손', 8], ['배', 8], ['백', 7], ['허', 6], ['남', 6], ['노', 5], ['남궁', 1], ['황보', 1],
];
const GIVEN_NAMES = [
  '민준', '서연', '지우', '서준', '하은', '도윤', '지호', '예준', '수아', '지민', '현우', '영희', '철수', '영수', '순자', '정숙', '미경', '성호',
  '동현', '은지', '혜진', '상훈', '재현', '유진', '승민', '지훈', '민지', '수빈', '예린', '하준', '시우', '주원', '지영', '민서', '준호', '태희',
  '길동', '경민', '소연', '다은', '우진', '건우', '서윤', '채원', '윤서', '나연', '정훈', '미숙', '옥순', '광수', '진우', '은영', '선영', '종민',
];

export function koreanName(random: Random): string {
  return random.weighted(SURNAMES) + random.pick(GIVEN_NAMES);
}

export function englishName(random: Random): string {
  return random.pick(['John Smith', 'Emily Park', 'Kim Min-su', 'Lee Ji-young', 'David Choi', 'Sarah Johnson', 'Michael Kang', 'Hong Gil-dong']);
}

// ---- look-alikes that must stay clean -------------------------------------------------------

export function barcode880(random: Random): string {
  return completeCheckDigit(`880${random.digits(9)}`, ean13Valid);
}

export function isbn(random: Random): string {
  const body = `97889${random.digits(7)}`;
  const digits = completeCheckDigit(body, ean13Valid);
  return random.chance(0.5) ? digits : `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5, 9)}-${digits.slice(9, 12)}-${digits.slice(12)}`;
}

/** An order number shaped like an RRN (date + 7 digits) — labelled as an order number in the text. */
export function residentShapedOrderNumber(random: Random): string {
  const date = birthDate(random, 2023, 2025);
  return `${yymmdd(random, date)}-${random.int(1, 4)}${random.digits(6)}`;
}
