import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { InMemoryCircuitStore } from '../../src/route/circuit-store.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { startGateway, type RunningGateway } from '../helpers/gateway-harness.js';
import { standinPorts } from '../helpers/standin-ports.js';

const APP_KEY = 'failure-test-key';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const onPrem = { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises', retainsData: false, trainsOnData: false } as const;
const domestic = { ...onPrem, deployment: 'domestic-cloud' } as const;

/** A loopback port with nothing listening: connections are refused. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function expectApiError(promise: Promise<unknown>, status: number, code?: string): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OpenAI.APIError, `expected an APIError, got ${String(error)}`);
    assert.equal(error.status, status, `status: ${error.message}`);
    if (code) assert.equal(error.code, code);
    return error;
  }
  assert.fail('the request succeeded');
}

describe('gateway failure paths', () => {
  let primary: FakeUpstream;
  let secondary: FakeUpstream;
  let gateway: RunningGateway;
  let deadPort: number;
  const circuits = new InMemoryCircuitStore({ failureThreshold: 3, cooldownMs: 300 });

  before(async () => {
    primary = await startFakeUpstream('openai');
    secondary = await startFakeUpstream('openai');
    deadPort = await refusedPort();
    const common = { maxRetries: 1, timeoutMs: 300 };
    gateway = await startGateway(
      {
        server: { requestTimeoutMs: 3_000 },
        providers: [
          { id: 'primary', type: 'openai-compatible', baseUrl: primary.baseUrl, sovereignty: onPrem, ...common },
          { id: 'secondary', type: 'openai-compatible', baseUrl: secondary.baseUrl, sovereignty: domestic, ...common },
          { id: 'dead', type: 'openai-compatible', baseUrl: `http://127.0.0.1:${deadPort}/v1`, sovereignty: onPrem, ...common },
        ],
        models: [
          { alias: 'failover', targets: [{ provider: 'primary', model: 'm1' }, { provider: 'secondary', model: 'm2' }] },
          { alias: 'only-primary', targets: [{ provider: 'primary', model: 'm1' }] },
          { alias: 'dead-then-secondary', targets: [{ provider: 'dead', model: 'm0' }, { provider: 'secondary', model: 'm2' }] },
          { alias: 'only-dead', targets: [{ provider: 'dead', model: 'm0' }] },
        ],
        apps: [{ id: 'bot', keySha256: sha(APP_KEY), grade: 'O' }],
      },
      standinPorts(),
      { circuits },
    );
  });
  after(async () => {
    await gateway.close();
    await primary.close();
    await secondary.close();
  });

  const reset = () => {
    primary.script = [];
    primary.fallback = { kind: 'ok' };
    secondary.script = [];
    secondary.fallback = { kind: 'ok' };
    primary.received.length = 0;
    secondary.received.length = 0;
    for (const provider of ['primary', 'secondary', 'dead']) circuits.recordSuccess(provider);
  };
  const ask = (model: string, content = 'hello') => gateway.client(APP_KEY).chat.completions.create({ model, messages: [{ role: 'user', content }] }).withResponse();

  it('fails over when the upstream refuses connections', async () => {
    reset();
    const { data, response } = await ask('dead-then-secondary');
    assert.equal(response.headers.get('x-jaju-provider'), 'secondary');
    assert.equal(data.choices[0]?.message.content, 'echo: hello');
  });

  it('answers 503 with an OpenAI error when the only target refuses connections', async () => {
    reset();
    const error = await expectApiError(ask('only-dead'), 503, 'no_provider_available');
    assert.match(error.message, /dead/);
  });

  it('retries a 500 on the same target, then fails over', async () => {
    reset();
    primary.fallback = { kind: 'status', status: 500 };
    const { response } = await ask('failover');
    assert.equal(response.headers.get('x-jaju-provider'), 'secondary');
    assert.equal(primary.received.length, 2, 'one try and one retry on the primary');
  });

  it('retries a 429 honouring Retry-After and succeeds on the same target', async () => {
    reset();
    primary.script = [{ kind: 'status', status: 429, retryAfter: '0' }];
    const { response } = await ask('failover');
    assert.equal(response.headers.get('x-jaju-provider'), 'primary');
    assert.equal(primary.received.length, 2);
    assert.equal(secondary.received.length, 0);
  });

  it('passes a client-fault 400 from the upstream back without failing over', async () => {
    reset();
    primary.script = [{ kind: 'status', status: 400, body: JSON.stringify({ error: { message: 'max_tokens too large' } }) }];
    const error = await expectApiError(ask('failover'), 400);
    assert.match(error.message, /max_tokens too large/);
    assert.equal(secondary.received.length, 0);
  });

  it('times out a hanging upstream and fails over', async () => {
    reset();
    primary.fallback = { kind: 'hang' };
    const started = Date.now();
    const { response } = await ask('failover');
    assert.equal(response.headers.get('x-jaju-provider'), 'secondary');
    assert.ok(Date.now() - started < 3_000, 'well within the request deadline');
  });

  it('answers 503 naming the timeout when the only target hangs', async () => {
    reset();
    primary.fallback = { kind: 'hang' };
    const error = await expectApiError(ask('only-primary'), 503, 'no_provider_available');
    assert.match(error.message, /timed out/);
  });

  it('treats a non-JSON body as a failure and fails over', async () => {
    reset();
    primary.fallback = { kind: 'non-json' };
    const { response } = await ask('failover');
    assert.equal(response.headers.get('x-jaju-provider'), 'secondary');
  });

  it('fails over when a stream is malformed before its first event', async () => {
    reset();
    primary.fallback = { kind: 'malformed-sse' };
    const stream = await gateway.client(APP_KEY).chat.completions.create({ model: 'failover', messages: [{ role: 'user', content: 'x' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'echo: x');
    assert.ok(secondary.received.length >= 1);
  });

  it('ends a stream that breaks mid-way with an error event, not a silent truncation', async () => {
    reset();
    primary.fallback = { kind: 'close-mid-stream', afterChunks: 2 };
    const stream = await gateway.client(APP_KEY).chat.completions.create({
      model: 'only-primary',
      messages: [{ role: 'user', content: 'a fairly long answer that is streamed in parts' }],
      stream: true,
    });
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
      (error: unknown) => error instanceof OpenAI.APIError && /failed/.test(error.message),
    );
    assert.ok(text.length > 0, 'the client saw the first part before the error');
  });

  it('reports a malformed event mid-stream as an error event', async () => {
    reset();
    primary.fallback = { kind: 'malformed-mid-stream' };
    const response = await gateway.fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${APP_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'only-primary', messages: [{ role: 'user', content: 'malformed later' }], stream: true }),
    });
    assert.equal(response.status, 200);
    const text = await response.text();
    const events = text.trim().split('\n\n');
    assert.match(events.at(-1) ?? '', /^data: \{"error":\{"message":"upstream stream from primary failed: .*not JSON/);
    assert.ok(!text.includes('[DONE]'));
  });

  it('ends a healthy stream with [DONE]', async () => {
    reset();
    const response = await gateway.fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${APP_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'only-primary', messages: [{ role: 'user', content: 'x' }], stream: true }),
    });
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.ok(text.trimEnd().endsWith('data: [DONE]'), 'a healthy stream ends with [DONE]');
  });

  it('opens the circuit after consecutive failures, skips the target, then probes half-open', async () => {
    reset();
    primary.fallback = { kind: 'status', status: 503 };
    for (let index = 0; index < 2; index += 1) await ask('failover'); // 2 targets × (1 + 1 retry) → 2 breaker failures
    await ask('failover'); // third failure opens it
    assert.equal(circuits.state('primary'), 'open');
    const before = primary.received.length;
    const { response } = await ask('failover');
    assert.equal(response.headers.get('x-jaju-provider'), 'secondary');
    assert.equal(primary.received.length, before, 'an open circuit sends nothing to the target');
    await expectApiError(ask('only-primary'), 503, 'no_provider_available');
    await new Promise((resolve) => setTimeout(resolve, 350));
    primary.fallback = { kind: 'ok' };
    const probe = await ask('failover');
    assert.equal(probe.response.headers.get('x-jaju-provider'), 'primary', 'the half-open probe succeeds and closes the circuit');
    assert.equal(circuits.state('primary'), 'closed');
  });

  it('cancels the upstream call when the client disconnects', async () => {
    reset();
    primary.fallback = { kind: 'slow-stream', chunkDelayMs: 100, chunks: 50 };
    const controller = new AbortController();
    const stream = await gateway
      .client(APP_KEY)
      .chat.completions.create({ model: 'only-primary', messages: [{ role: 'user', content: 'x'.repeat(200) }], stream: true }, { signal: controller.signal });
    let chunks = 0;
    // The SDK ends the iteration quietly on an abort of its own; what matters is what the upstream saw.
    for await (const _chunk of stream) {
      chunks += 1;
      if (chunks === 2) controller.abort();
    }
    assert.ok(chunks < 50, 'the stream stopped early');
    const abortedBefore = primary.aborted;
    for (let waited = 0; waited < 2_000 && primary.aborted === abortedBefore; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(primary.aborted, abortedBefore + 1, 'the upstream saw its connection closed');
  });

  it('enforces the whole-request deadline', async () => {
    reset();
    primary.fallback = { kind: 'slow-stream', chunkDelayMs: 200, chunks: 100 };
    const response = await gateway.fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${APP_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'only-primary', messages: [{ role: 'user', content: 'y'.repeat(300) }], stream: true }),
    });
    const text = await response.text();
    assert.match(text, /"code":"upstream_timeout"/);
    assert.ok(!text.includes('[DONE]'));
  });
});
