import { createHash } from 'node:crypto';
import type { ConfigInput } from '../../src/config/index.js';

/**
 * The workload every variant of the overhead benchmark serves: one app, one alias with two sovereign
 * targets (on-premises first, a CSAP-high domestic cloud second), both pointing at the same loopback
 * fake upstream, and a small Korean chat request of a few hundred bytes.
 */

export const BENCH_APP_KEY = 'bench-app-key-0123456789abcdef';
export const BENCH_ALIAS = 'ko-chat';

export function benchConfigInput(upstreamBaseUrl: string, store: ConfigInput['store']): ConfigInput {
  const sovereign = {
    operatorCountry: 'KR',
    hostingCountry: 'KR',
    weightsOrigin: 'KR',
    openWeights: true,
    retainsData: false,
    trainsOnData: false,
  };
  return {
    home: 'KR',
    // Warn-level lines are still written when something goes wrong; the benchmark runs with logging off.
    server: { host: '127.0.0.1', port: 0, logLevel: 'silent' },
    store,
    providers: [
      { id: 'onprem-llm', type: 'openai-compatible', baseUrl: upstreamBaseUrl, maxRetries: 0, sovereignty: { ...sovereign, deployment: 'on-premises' } },
      {
        id: 'kr-cloud',
        type: 'openai-compatible',
        baseUrl: upstreamBaseUrl,
        maxRetries: 0,
        sovereignty: { ...sovereign, deployment: 'domestic-cloud', certifications: ['CSAP-high'] },
      },
    ],
    models: [
      {
        alias: BENCH_ALIAS,
        targets: [
          { provider: 'onprem-llm', model: 'exaone-4.0-32b' },
          { provider: 'kr-cloud', model: 'solar-pro2' },
        ],
      },
    ],
    apps: [{ id: 'minwon-bot', keySha256: createHash('sha256').update(BENCH_APP_KEY).digest('hex'), grade: 'S', purpose: 'public-service' }],
  };
}

/** A citizen-service chat turn with no personal data (≈ 600 bytes of JSON, mostly Korean text). */
const CLEAN_QUESTION =
  '안녕하세요. 다음 달에 이사를 가게 되어 전입신고를 하려고 합니다. 온라인으로 신청할 수 있는지, 필요한 서류는 무엇인지, 그리고 처리 기간은 보통 얼마나 걸리는지 알려 주세요. 세대주가 아닌 경우에도 혼자 신청할 수 있나요?';

/** The same turn with a resident registration number and a mobile number in it (the scanner finds both). */
const PERSONAL_QUESTION =
  '안녕하세요. 다음 달에 이사를 가게 되어 전입신고를 하려고 합니다. 제 주민등록번호는 900101-1234568이고 연락처는 010-1234-5678입니다. 온라인으로 신청할 수 있는지, 필요한 서류는 무엇인지 알려 주세요.';

export type BodyKind = 'clean' | 'personal';

export function chatRequestBody(kind: BodyKind): string {
  return JSON.stringify({
    model: BENCH_ALIAS,
    messages: [
      { role: 'system', content: '당신은 행정안전부 민원 안내 도우미입니다. 정확하고 친절하게 답하세요.' },
      { role: 'user', content: kind === 'clean' ? CLEAN_QUESTION : PERSONAL_QUESTION },
    ],
    temperature: 0.2,
    max_tokens: 256,
  });
}

/** The fake upstream's fixed answer: an OpenAI chat completion of a few hundred bytes, no single quote in it. */
export const UPSTREAM_RESPONSE = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1767225600,
  model: 'exaone-4.0-32b',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content:
          '전입신고는 정부24에서 온라인으로 신청할 수 있습니다. 신분증만 있으면 되며, 세대주가 아니어도 본인이 직접 신청할 수 있습니다. 처리는 보통 당일에서 2일 이내에 완료됩니다.',
      },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 96, completion_tokens: 64, total_tokens: 160 },
});
