import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_AI_NOTICE } from '../../src/gateway/pipeline/ai-notice.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { startGateway, type RunningGateway } from '../helpers/gateway-harness.js';
import { standinPorts } from '../helpers/standin-ports.js';

const APP_KEY = 'app-key-for-tests';
const METRICS_TOKEN = 'metrics-token-for-client-tests';
const NOTICE_KEY = 'app-key-with-notice';
const CUSTOM_NOTICE_KEY = 'app-key-with-custom-notice';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const sovereignty = { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises', retainsData: false, trainsOnData: false } as const;

describe('gateway through the official openai client', () => {
  let openaiUpstream: FakeUpstream;
  let anthropicUpstream: FakeUpstream;
  let gateway: RunningGateway;

  before(async () => {
    openaiUpstream = await startFakeUpstream('openai');
    anthropicUpstream = await startFakeUpstream('anthropic');
    gateway = await startGateway(
      {
        providers: [
          { id: 'onprem', type: 'openai-compatible', baseUrl: openaiUpstream.baseUrl, apiKeyEnv: 'TEST_ONPREM_KEY', sovereignty },
          { id: 'claude', type: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKeyEnv: 'TEST_ANTHROPIC_KEY', sovereignty },
        ],
        models: [
          { alias: 'ko-chat', targets: [{ provider: 'onprem', model: 'exaone-4.0-32b' }] },
          { alias: 'claude-chat', targets: [{ provider: 'claude', model: 'claude-sonnet-4-5' }] },
          { alias: 'embed', targets: [{ provider: 'onprem', model: 'bge-m3' }] },
        ],
        apps: [
          { id: 'bot', keySha256: sha(APP_KEY), grade: 'O' },
          { id: 'citizen-bot', keySha256: sha(NOTICE_KEY), grade: 'O', notice: true },
          { id: 'custom-notice', keySha256: sha(CUSTOM_NOTICE_KEY), grade: 'O', notice: 'AI가 작성함' },
        ],
      },
      standinPorts(),
      { env: { TEST_ONPREM_KEY: 'upstream-secret-1', TEST_ANTHROPIC_KEY: 'upstream-secret-2', JAJU_METRICS_TOKEN: METRICS_TOKEN } },
    );
  });
  after(async () => {
    await gateway.close();
    await openaiUpstream.close();
    await anthropicUpstream.close();
  });

  it('answers a non-streaming chat completion and sets the jaju headers', async () => {
    const { data, response } = await gateway
      .client(APP_KEY)
      .chat.completions.create({ model: 'ko-chat', messages: [{ role: 'user', content: '안녕하세요' }] })
      .withResponse();
    assert.equal(data.choices[0]?.message.content, 'echo: 안녕하세요');
    assert.equal(data.usage?.total_tokens, 18);
    assert.equal(response.headers.get('x-jaju-provider'), 'onprem');
    assert.equal(response.headers.get('x-jaju-ai-generated'), 'true');
    assert.match(response.headers.get('x-jaju-decision-id') ?? '', /^[0-9a-f-]{36}$/);
    const received = openaiUpstream.received.at(-1)!;
    assert.equal(received.body['model'], 'exaone-4.0-32b', 'the alias is replaced by the target model');
    assert.equal(received.headers.authorization, 'Bearer upstream-secret-1', 'the provider key is sent upstream');
    assert.ok(!JSON.stringify(received.headers).includes(APP_KEY), 'the app key never leaves the gateway');
  });

  it('streams with SSE, ending cleanly, without usage unless asked', async () => {
    const stream = await gateway.client(APP_KEY).chat.completions.create({
      model: 'ko-chat',
      messages: [{ role: 'user', content: '스트리밍 시험입니다' }],
      stream: true,
    });
    let text = '';
    let usageChunks = 0;
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usageChunks += 1;
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(text, 'echo: 스트리밍 시험입니다');
    assert.equal(finish, 'stop');
    assert.equal(usageChunks, 0);
    assert.equal((openaiUpstream.received.at(-1)!.body['stream_options'] as { include_usage: boolean }).include_usage, true, 'usage is always requested upstream for the ledger');
  });

  it('honours stream_options.include_usage', async () => {
    const stream = await gateway.client(APP_KEY).chat.completions.create({
      model: 'ko-chat',
      messages: [{ role: 'user', content: 'usage please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: { total_tokens: number } | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    assert.equal(usage?.total_tokens, 18);
  });

  it('computes embeddings', async () => {
    const result = await gateway.client(APP_KEY).embeddings.create({ model: 'embed', input: ['하나', '둘'] });
    assert.equal(result.data.length, 2);
    assert.equal(result.data[1]?.index, 1);
    assert.ok(Array.isArray(result.data[0]?.embedding));
    assert.equal(openaiUpstream.received.at(-1)!.body['model'], 'bge-m3');
  });

  it('lists the aliases the app may use', async () => {
    const models = [];
    for await (const model of gateway.client(APP_KEY).models.list()) models.push(model.id);
    assert.deepEqual(models.sort(), ['claude-chat', 'embed', 'ko-chat']);
    const response = await gateway.fetch('/v1/models', { headers: { authorization: `Bearer ${APP_KEY}` } });
    assert.equal(((await response.json()) as { object: string }).object, 'list');
  });

  it('translates to and from the Anthropic Messages API (non-streaming)', async () => {
    const { data, response } = await gateway
      .client(APP_KEY)
      .chat.completions.create({
        model: 'claude-chat',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: '서울의 날씨는?' },
        ],
        max_tokens: 100,
      })
      .withResponse();
    assert.equal(data.choices[0]?.message.content, 'echo: 서울의 날씨는?');
    assert.equal(data.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(data.usage, { prompt_tokens: 13, completion_tokens: 5, total_tokens: 18 });
    assert.equal(response.headers.get('x-jaju-provider'), 'claude');
    const received = anthropicUpstream.received.at(-1)!;
    assert.equal(received.path, '/v1/messages');
    assert.equal(received.body['system'], 'Be brief.');
    assert.equal(received.body['max_tokens'], 100);
    assert.deepEqual(received.body['messages'], [{ role: 'user', content: [{ type: 'text', text: '서울의 날씨는?' }] }]);
    assert.equal(received.headers['x-api-key'], 'upstream-secret-2');
    assert.ok(received.headers['anthropic-version']);
  });

  it('translates Anthropic streaming events to OpenAI chunks with usage', async () => {
    const stream = await gateway.client(APP_KEY).chat.completions.create({
      model: 'claude-chat',
      messages: [{ role: 'user', content: 'stream from claude' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: { total_tokens: number } | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'echo: stream from claude');
    assert.equal(finish, 'stop');
    assert.equal(usage?.total_tokens, 18);
  });

  it('appends the AI Basic Act notice as the final content for apps that opt in', async () => {
    const plain = await gateway.client(NOTICE_KEY).chat.completions.create({ model: 'ko-chat', messages: [{ role: 'user', content: '안내' }] });
    assert.equal(plain.choices[0]?.message.content, `echo: 안내\n\n${DEFAULT_AI_NOTICE}`);
    const custom = await gateway.client(CUSTOM_NOTICE_KEY).chat.completions.create({ model: 'claude-chat', messages: [{ role: 'user', content: '안내' }] });
    assert.equal(custom.choices[0]?.message.content, 'echo: 안내\n\nAI가 작성함');
    const stream = await gateway.client(NOTICE_KEY).chat.completions.create({ model: 'ko-chat', messages: [{ role: 'user', content: '스트림 안내' }], stream: true });
    let text = '';
    let finishSeenAfterNotice = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason === 'stop') finishSeenAfterNotice = text.endsWith(DEFAULT_AI_NOTICE);
    }
    assert.equal(text, `echo: 스트림 안내\n\n${DEFAULT_AI_NOTICE}`);
    assert.ok(finishSeenAfterNotice, 'the notice comes before the finish_reason');
    const unlabelled = await gateway.client(APP_KEY).chat.completions.create({ model: 'ko-chat', messages: [{ role: 'user', content: '안내' }] });
    assert.equal(unlabelled.choices[0]?.message.content, 'echo: 안내', 'apps that did not opt in get the answer unchanged');
  });

  it('exposes Prometheus metrics fed by the request path, to a scrape with the metrics token', async () => {
    assert.equal((await gateway.fetch('/metrics')).status, 401, 'the metrics name apps and providers: a credential is required');
    assert.equal((await gateway.fetch('/metrics', { headers: { authorization: 'Bearer not-the-token' } })).status, 401);
    const response = await gateway.fetch('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    assert.ok(value(/^jaju_decisions_total\{decision="allow",grade="O",app="bot"\} (\d+)$/m) >= 5, 'allowed decisions are counted');
    assert.ok(value(/^jaju_upstream_latency_seconds_count\{provider="onprem",outcome="ok"\} (\d+)$/m) >= 3, 'upstream latencies are observed');
    assert.ok(value(/^jaju_tokens_total\{provider="onprem",hosting_country="KR"\} (\d+)$/m) >= 18);
    assert.equal(value(/^jaju_circuit_state\{provider="onprem"\} (\d+)$/m), 0);
    assert.equal(value(/^jaju_cuts_in_force (\d+)$/m), 0);
    assert.ok(value(/^jaju_http_requests_total\{route="\/v1\/chat\/completions",status="200"\} (\d+)$/m) >= 5);
  });

  it('answers /healthz without a key', async () => {
    const response = await gateway.fetch('/healthz');
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, 'ok');
  });
});
