import { generateCorpus } from './corpus/generate-corpus.js';
import { Random } from './corpus/random.js';

/**
 * "Realistic mixed Korean text" for the throughput benchmark: mostly ordinary prose (work
 * messages, notices, reports — Korean with English terms, dates, amounts, versions) and, about one
 * paragraph in five, a document of the labelled corpus with personal data in it.
 */
const PROSE = [
  '이번 분기 실적 보고서를 공유드립니다. 전년 대비 매출은 12.5% 증가했고 영업이익은 3억 2천만 원입니다.',
  '다음 주 화요일 오후 3시에 본사 7층 대회의실에서 프로젝트 킥오프 미팅이 있습니다.',
  'API 응답 시간이 평균 230ms에서 180ms로 개선되었습니다. 캐시 적중률은 87%입니다.',
  '고객 만족도 조사 결과를 바탕으로 상담 프로세스를 개선할 예정입니다. 자세한 내용은 첨부 파일을 참고하세요.',
  'The deployment pipeline now runs integration tests in parallel, which cut the build time by 40 percent.',
  '신규 서비스 출시 일정은 2025년 3월 15일로 확정되었으며, 마케팅팀과 협의하여 홍보 계획을 수립합니다.',
  '보안 점검 결과 취약점 3건이 발견되어 패치를 적용했습니다. 버전 2.4.1 이후에는 문제가 재현되지 않습니다.',
  '회의록: 예산 집행률 64%, 잔여 예산 1,250,000,000원. 하반기 채용 계획은 인사팀에서 별도 공유 예정.',
  'LLM 기반 민원 응대 챗봇의 정확도를 높이기 위해 국내 모델과 해외 모델을 비교 평가했습니다.',
  '배송 지연 관련 문의가 늘어나고 있어 물류 센터와 협력하여 출고 프로세스를 점검하고 있습니다.',
  'Please review the attached design document before Thursday and leave comments inline.',
  '데이터 센터 전력 사용량은 월 1.2GWh이며 PUE는 1.45 수준으로 유지되고 있습니다.',
  '교육 프로그램 참가 신청은 이번 달 말까지 받습니다. 정원은 30명이며 선착순으로 마감됩니다.',
  '시스템 점검으로 인해 토요일 새벽 2시부터 4시까지 서비스 이용이 제한됩니다. 양해 부탁드립니다.',
];

export function realisticText(targetBytes: number, seed = 7): string {
  const random = new Random(seed);
  const documents = generateCorpus(seed, 400);
  const parts: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const paragraph = random.chance(0.2) ? random.pick(documents).text : Array.from({ length: random.int(2, 5) }, () => random.pick(PROSE)).join(' ');
    parts.push(paragraph);
    bytes += Buffer.byteLength(paragraph) + 2;
  }
  return parts.join('\n\n');
}
