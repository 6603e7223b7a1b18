/**
 * Added gateway latency for a 4 KB prompt: scanChatRequest (every request), then, for pseudonymized
 * routes, pseudonymizeChatRequest and the streaming rehydrator.
 *
 *   npx tsx bench/detect/latency.ts [--iterations 20000]
 */
import { parseArgs } from 'node:util';
import { createPseudonymizer, scanChatRequest } from '../../src/detect/index.js';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../../src/domain/index.js';
import { machineLine, percentile } from './machine.js';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20000' } } });
const iterations = Number(values.iterations);

const SYSTEM = [
  '당신은 공공기관 민원 상담을 돕는 AI 비서입니다. 답변은 존댓말로 작성하고, 관련 법령과 절차를 근거와 함께 설명하세요.',
  '개인정보는 필요한 범위에서만 다루고, 확인되지 않은 사실은 추측하지 마세요. 모르는 내용은 담당 부서 연락처를 안내하세요.',
  'Answer in Korean unless the user writes in English. Keep answers under 500 words and use bullet points for procedures.',
].join('\n');
const USER = [
  '안녕하세요. 지난달 신청한 주거급여 건으로 문의드립니다. 신청인은 저희 어머니이시고, 제가 대리인으로 서류를 제출했습니다.',
  '어머니 성함은 김정숙이고 주민등록번호는 540312-2345678입니다. 연락처는 010-2345-6789, 제 이메일은 minsu.kim@example.co.kr입니다.',
  '주소는 서울특별시 관악구 관악로 145, 101동 1203호 (봉천동)이고, 전입일은 2023년 11월 2일입니다.',
  '접수번호 20240115-000123으로 조회했더니 "보완 필요" 상태라고만 나와서 어떤 서류가 부족한지 알 수 없습니다.',
  '임대차계약서 사본과 통장 사본(국민은행 123456-78-901234, 예금주 김정숙)은 이미 제출했는데, 추가로 무엇이 필요한지 알려주세요.',
  '또 소득인정액 기준이 2024년에 바뀌었다고 들었는데, 기준 중위소득의 몇 퍼센트인지, 1인 가구 기준 금액은 얼마인지도 궁금합니다.',
  '처리 기간은 보통 얼마나 걸리나요? 이번 달 말까지 결과가 나오지 않으면 다음 달 임대료 납부에 문제가 생길 수 있어 걱정입니다.',
  '참고로 작년에는 월 27만 원 정도를 지원받았고, 올해 3월에 재신청 안내 문자를 받았습니다. 감사합니다.',
].join(' ');

function build(targetBytes: number): ChatCompletionRequest {
  let user = USER;
  while (Buffer.byteLength(SYSTEM) + Buffer.byteLength(user) < targetBytes) user += ` ${USER.slice(0, 300)}`;
  while (Buffer.byteLength(SYSTEM) + Buffer.byteLength(user) > targetBytes) user = user.slice(0, -1);
  return { model: 'ko-chat', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }] };
}

function timings(work: () => void): number[] {
  for (let index = 0; index < 2000; index++) work();
  const samples = new Array<number>(iterations);
  for (let index = 0; index < iterations; index++) {
    const started = process.hrtime.bigint();
    work();
    samples[index] = Number(process.hrtime.bigint() - started) / 1e3;
  }
  return samples.sort((a, b) => a - b);
}

function report(label: string, sorted: number[]): void {
  console.log(`${label.padEnd(46)} p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} µs   p90 ${percentile(sorted, 90).toFixed(1).padStart(6)} µs   p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} µs`);
}

console.log(machineLine());
const request = build(4096);
const size = Buffer.byteLength(JSON.stringify(request.messages.map((message) => message.content)));
console.log(`prompt: system + user message, ${size} bytes of text; findings ${JSON.stringify(scanChatRequest(request))}; ${iterations} iterations\n`);
report('scanChatRequest (4 KB prompt)', timings(() => scanChatRequest(request)));
const small = build(1024);
report('scanChatRequest (1 KB prompt)', timings(() => scanChatRequest(small)));
const pseudonymizer = createPseudonymizer(new Uint8Array(32).fill(1));
report('session + pseudonymizeChatRequest (4 KB)', timings(() => pseudonymizer.session().pseudonymizeChatRequest(request)));

// Streaming: a 4 KB answer in 4-character chunks that mentions the placeholders.
const session = pseudonymizer.session();
const pseudonymized = session.pseudonymizeChatRequest(request);
const answer = (pseudonymized.messages[1]!.content as string).slice(0, 4000);
const chunks: ChatCompletionChunk[] = [];
for (let offset = 0; offset < answer.length; offset += 4) chunks.push({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: answer.slice(offset, offset + 4) }, finish_reason: null }] });
const perChunk = timings(() => {
  const rehydrator = session.chunkRehydrator();
  for (const chunk of chunks) rehydrator.transform({ ...chunk, choices: [{ ...chunk.choices[0]!, delta: { ...chunk.choices[0]!.delta } }] });
}).map((micros) => micros / chunks.length);
report(`rehydration per stream chunk (${chunks.length} chunks)`, perChunk);
console.log(`\ncommand: npx tsx bench/detect/latency.ts --iterations ${iterations}`);
