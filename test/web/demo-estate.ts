import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { parseConfig, type ConfigInput } from '../../src/config/index.js';
import { createLogger } from '../../src/gateway/logger.js';
import { startJaju, type RunningJaju, type StartOptions } from '../../src/serve/start-jaju.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';

/**
 * A small sovereign AI estate, as in examples/jaju.yaml, with every vendor replaced by a loopback fake
 * upstream: an on-premises model, a national-network enclave accredited for C, a CSAP-certified
 * domestic cloud, and two US vendors. Used by the dashboard's end-to-end test and the screenshot script.
 */
export const OPERATOR_KEY = 'operator-key-for-dashboard-tests';
export const ADMIN_KEY = 'admin-key-for-dashboard-tests';

export const APP_KEYS = {
  'minwon-bot': 'app-key-minwon',
  'research-assistant': 'app-key-research',
  'hr-screening': 'app-key-hr',
  'defence-analyst': 'app-key-defence',
} as const;
export type DemoApp = keyof typeof APP_KEYS;

export interface DemoEstate {
  jaju: RunningJaju;
  url: string;
  upstreams: Record<string, FakeUpstream>;
  dataDir: string;
  client(app: DemoApp): OpenAI;
  close(): Promise<void>;
}

const PROVIDERS = [
  { id: 'onprem-llm', flavour: 'openai', delayMs: 25, sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises', weightsOrigin: 'KR', openWeights: true, retainsData: false, trainsOnData: false } },
  { id: 'gov-enclave', flavour: 'openai', delayMs: 40, sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'national-network', accreditedGrades: ['C'], weightsOrigin: 'KR', openWeights: true, retainsData: false, trainsOnData: false } },
  { id: 'kr-cloud', flavour: 'openai', delayMs: 70, sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'domestic-cloud', certifications: ['CSAP-high'], weightsOrigin: 'KR', openWeights: false, retainsData: false, trainsOnData: false } },
  { id: 'openai', flavour: 'openai', delayMs: 140, sovereignty: { operatorCountry: 'US', hostingCountry: 'US', deployment: 'foreign-cloud', weightsOrigin: 'US', openWeights: false, retainsData: true, trainsOnData: false } },
  { id: 'anthropic', flavour: 'anthropic', delayMs: 160, sovereignty: { operatorCountry: 'US', hostingCountry: 'US', deployment: 'foreign-cloud', weightsOrigin: 'US', openWeights: false, retainsData: true, trainsOnData: false } },
] as const;

/** Starts the fakes and jaju (SQLite ledger in a fresh temp folder) on 127.0.0.1:0. */
export interface DemoEstateOptions {
  latency?: boolean;
  logLevel?: string;
  trustedProxies?: string[];
  console?: StartOptions['console'];
  role?: StartOptions['role'];
  /** Shared state (cuts through Redis). */
  state?: { redis: string; keyPrefix: string };
  /** Another estate's data folder, to share its ledger (a second process of the same deployment). */
  dataDir?: string;
}

export async function startDemoEstate(options: DemoEstateOptions = {}): Promise<DemoEstate> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jaju-dashboard-'));
  const upstreams: Record<string, FakeUpstream> = {};
  for (const provider of PROVIDERS) {
    const fake = await startFakeUpstream(provider.flavour);
    fake.fallback = { kind: 'ok', ...(options.latency ? { delayMs: provider.delayMs } : {}) };
    upstreams[provider.id] = fake;
  }
  const input: ConfigInput = {
    home: 'KR',
    server: { logLevel: 'silent', ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}) },
    store: { sqlite: join(dataDir, 'jaju.db') },
    ...(options.state ? { state: options.state } : {}),
    providers: PROVIDERS.map((provider) => ({
      id: provider.id,
      type: provider.flavour === 'anthropic' ? 'anthropic' : 'openai-compatible',
      baseUrl: upstreams[provider.id]!.baseUrl,
      maxRetries: 0,
      sovereignty: { ...provider.sovereignty, accreditedGrades: 'accreditedGrades' in provider.sovereignty ? [...provider.sovereignty.accreditedGrades] : [], certifications: 'certifications' in provider.sovereignty ? [...provider.sovereignty.certifications] : [] },
      ...(provider.id === 'onprem-llm' ? { capacityRps: 40 } : {}),
    })),
    models: [
      { alias: 'ko-chat', targets: [{ provider: 'onprem-llm', model: 'exaone-4.0-32b' }, { provider: 'kr-cloud', model: 'solar-pro2' }, { provider: 'openai', model: 'gpt-4.1' }] },
      { alias: 'secure-chat', targets: [{ provider: 'gov-enclave', model: 'exaone-4.0-32b' }, { provider: 'onprem-llm', model: 'exaone-4.0-32b' }] },
      { alias: 'frontier', targets: [{ provider: 'anthropic', model: 'claude-sonnet-4-5' }, { provider: 'openai', model: 'gpt-4.1' }, { provider: 'kr-cloud', model: 'solar-pro2' }] },
    ],
    apps: [
      { id: 'minwon-bot', keyEnv: 'DEMO_MINWON_KEY', grade: 'S', purpose: 'public-service', notice: true, criticality: 3 },
      { id: 'research-assistant', keyEnv: 'DEMO_RESEARCH_KEY', grade: 'O', purpose: 'research' },
      { id: 'hr-screening', keyEnv: 'DEMO_HR_KEY', grade: 'S', purpose: 'hr', highImpact: true, criticality: 2 },
      { id: 'defence-analyst', keyEnv: 'DEMO_DEFENCE_KEY', grade: 'C', purpose: 'defence', models: ['secure-chat', 'ko-chat', 'frontier'], criticality: 5 },
    ],
  };
  const config = parseConfig(input, null, dataDir);
  const env = {
    JAJU_OPERATOR_KEY: OPERATOR_KEY,
    JAJU_ADMIN_KEY: ADMIN_KEY,
    DEMO_MINWON_KEY: APP_KEYS['minwon-bot'],
    DEMO_RESEARCH_KEY: APP_KEYS['research-assistant'],
    DEMO_HR_KEY: APP_KEYS['hr-screening'],
    DEMO_DEFENCE_KEY: APP_KEYS['defence-analyst'],
  };
  const jaju = await startJaju({ config, env, port: 0, host: '127.0.0.1', logger: createLogger(options.logLevel ?? 'silent'), ...(options.console ? { console: options.console } : {}), ...(options.role ? { role: options.role } : {}) });
  return {
    jaju,
    url: jaju.url,
    upstreams,
    dataDir,
    client: (app) => new OpenAI({ apiKey: APP_KEYS[app], baseURL: `${jaju.url}/v1`, maxRetries: 0, timeout: 20_000 }),
    async close() {
      await jaju.close();
      await Promise.all(Object.values(upstreams).map((fake) => fake.close()));
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One mixed request, as the estate's apps send them; returns whether it was served. */
export async function sendDemoRequest(estate: DemoEstate, index: number): Promise<boolean> {
  const kinds: [DemoApp, string, string][] = [
    ['minwon-bot', 'ko-chat', '전입 신고 절차를 알려 주세요.'],
    ['minwon-bot', 'ko-chat', '민원인 홍길동(010-1234-5678)의 주소 변경 신청을 요약해 주세요.'],
    ['research-assistant', 'frontier', 'Summarise the AI Basic Act in three lines.'],
    ['research-assistant', 'ko-chat', '연구 보고서 초안을 검토해 주세요. 담당 hong@example.kr'],
    ['research-assistant', 'frontier', '주민등록번호 900101-1234568 인 사람의 민원 이력을 분석해 주세요.'],
    ['hr-screening', 'ko-chat', '지원자 평가 기준을 정리해 주세요.'],
    ['defence-analyst', 'secure-chat', '작전 보고서를 요약하라.'],
    ['defence-analyst', 'frontier', '위성 사진 판독 결과를 정리하라.'],
  ];
  const [app, model, text] = kinds[index % kinds.length]!;
  try {
    await estate.client(app).chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
    return true;
  } catch {
    return false; // denials (403) and cut-offs (503) are part of the traffic
  }
}
