import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AuditRecordInput } from '../../src/domain/index.js';
import { InMemoryCircuitStore } from '../../src/route/circuit-store.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { startGateway, type RunningGateway } from '../helpers/gateway-harness.js';
import { parsePrometheus, sampleValue } from '../helpers/prometheus-text.js';
import { standinPorts } from '../helpers/standin-ports.js';

const APP_KEY = 'refusal-records-app-key';
const METRICS_TOKEN = 'refusal-records-metrics';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const sovereignty = { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises' } as const;

describe('every request of a known app is on the record (issue 13, item 3)', () => {
  let upstream: FakeUpstream;
  let gateway: RunningGateway;
  const ports = standinPorts();
  const circuits = new InMemoryCircuitStore({ failureThreshold: 2, cooldownMs: 60_000 });

  before(async () => {
    upstream = await startFakeUpstream('openai');
    gateway = await startGateway(
      {
        server: { maxBodyBytes: 64 * 1024, bodyLimits: { maxMessages: 3 } },
        providers: [
          { id: 'onprem', type: 'openai-compatible', baseUrl: upstream.baseUrl, sovereignty, maxRetries: 0 },
          { id: 'dead', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', sovereignty, maxRetries: 0, timeoutMs: 500 },
          { id: 'claude', type: 'anthropic', baseUrl: upstream.baseUrl, sovereignty },
        ],
        models: [
          { alias: 'chat', targets: [{ provider: 'onprem', model: 'm' }] },
          { alias: 'down', targets: [{ provider: 'dead', model: 'm' }] },
          { alias: 'claude-embed', targets: [{ provider: 'claude', model: 'c' }] },
        ],
        apps: [{ id: 'bot', keySha256: sha(APP_KEY), grade: 'O' }],
      },
      ports,
      { circuits, env: { JAJU_METRICS_TOKEN: METRICS_TOKEN } },
    );
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function post(path: string, body: string, headers: Record<string, string> = {}) {
    const response = await gateway.fetch(path, { method: 'POST', headers: { authorization: `Bearer ${APP_KEY}`, 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    return { status: response.status, requestId: response.headers.get('x-jaju-decision-id') ?? '', text };
  }
  const recordsOf = (requestId: string): AuditRecordInput[] => ports.audit.records.filter((record) => record.requestId === requestId);

  const refusals: [string, string, string, number, string, Record<string, string>?][] = [
    ['malformed JSON', '{"model":"chat","messages":[{"content":"홍길동 010-1234-5678"', '/v1/chat/completions', 400, 'invalid_json'],
    ['an invalid message', '{"model":"chat","messages":[{"content":"x"}]}', '/v1/chat/completions', 400, 'invalid_request'],
    ['a broken shape limit', JSON.stringify({ model: 'chat', messages: [1, 2, 3, 4].map(() => ({ role: 'user', content: 'x' })) }), '/v1/chat/completions', 400, 'invalid_request'],
    ['an unknown alias', '{"model":"secret-project-x","messages":[{"role":"user","content":"x"}]}', '/v1/chat/completions', 404, 'model_not_found'],
    ['a bad grade header', '{"model":"chat","messages":[{"role":"user","content":"x"}]}', '/v1/chat/completions', 400, 'invalid_request', { 'x-jaju-grade': 'TOP' }],
    ['an oversized body', JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'x'.repeat(70_000) }] }), '/v1/chat/completions', 413, 'request_too_large'],
    ['bad embeddings input', '{"model":"chat","input":42}', '/v1/embeddings', 400, 'invalid_request'],
  ];
  for (const [name, body, path, status, code, headers] of refusals) {
    it(`records ${name} as one refuse record (${status} ${code}), never as a dispatch`, async () => {
      const reply = await post(path, body, headers);
      assert.equal(reply.status, status);
      const records = recordsOf(reply.requestId);
      assert.equal(records.length, 1, 'exactly one record for the request');
      const [record] = records;
      assert.equal(record!.kind, 'refuse');
      assert.equal(record!.app, 'bot');
      assert.equal(record!.status, status);
      assert.equal(record!.outcome, 'denied');
      assert.equal(record!.provider, null);
      assert.equal((record!.detail as { code: string }).code, code);
      const text = JSON.stringify(record);
      for (const echoed of ['홍길동', '010-1234-5678', 'secret-project-x']) assert.ok(!text.includes(echoed), `the record holds no client text (${echoed})`);
    });
  }

  it('names the limit a shape refusal broke, and records the alias only when it is one the app may use', async () => {
    const limited = recordsOf((await post('/v1/chat/completions', JSON.stringify({ model: 'chat', messages: [1, 2, 3, 4].map(() => ({ role: 'user', content: 'x' })) }))).requestId)[0]!;
    assert.deepEqual(limited.detail, {
      endpoint: 'chat',
      code: 'invalid_request',
      reason: 'messages: 4 messages exceed the limit (server.bodyLimits.maxMessages = 3)',
      param: 'messages',
      limit: 'server.bodyLimits.maxMessages',
    });
    assert.equal(limited.alias, 'chat');
    const unknown = recordsOf((await post('/v1/chat/completions', '{"model":"nope","messages":[{"role":"user","content":"x"}]}')).requestId)[0]!;
    assert.equal(unknown.alias, null);
  });

  it('answers a body that cannot be serialised with 400, records a refuse and no dispatch, and never moves the circuit', async () => {
    const { adapter } = gateway.gateway.runtime.provider('onprem');
    const chat = adapter.chat.bind(adapter);
    // A value JSON has no form for: the adapter's serialisation fails before any byte leaves.
    adapter.chat = (request, options) => chat({ ...request, seed: 1n as unknown as number }, options);
    try {
      const before = upstream.received.length;
      for (let index = 0; index < 4; index += 1) {
        const reply = await post('/v1/chat/completions', '{"model":"chat","messages":[{"role":"user","content":"x"}]}');
        assert.equal(reply.status, 400);
        assert.match(reply.text, /cannot be sent upstream: .*cannot be serialised \(TypeError\); nothing was sent/);
        const records = recordsOf(reply.requestId);
        assert.deepEqual(records.map((record) => record.kind), ['refuse']);
        assert.deepEqual(records[0]!.decision?.permitted, ['onprem/m'], 'the refusal came after the decision, which it keeps');
      }
      assert.equal(upstream.received.length, before, 'nothing reached the upstream');
      assert.equal(circuits.state('onprem'), 'closed');
      assert.equal(circuits.snapshot()['onprem']?.consecutiveFailures ?? 0, 0);
    } finally {
      adapter.chat = chat;
    }
  });

  it("records an open circuit's refusals as deny (503, core.circuit-open): n requests, n requests on the record", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const reply = await post('/v1/chat/completions', '{"model":"down","messages":[{"role":"user","content":"x"}]}');
      assert.equal(reply.status, 503);
      ids.push(reply.requestId);
    }
    assert.equal(circuits.state('dead'), 'open');
    const kinds = ids.map((id) => recordsOf(id).map((record) => record.kind).join('+'));
    assert.deepEqual(kinds, ['dispatch+complete', 'dispatch+complete', 'deny', 'deny', 'deny']);
    const denial = recordsOf(ids[4]!)[0]!;
    assert.equal(denial.status, 503);
    assert.equal(denial.outcome, 'unavailable');
    assert.ok(denial.decision?.rules.includes('core.circuit-open'));
    assert.deepEqual(denial.decision?.permitted, ['dead/m']);
    assert.match(String((denial.detail as { reason: string }).reason), /dead: circuit open/);
  });

  it('records a target that cannot take the request at all (embeddings on Anthropic) as deny, without touching its circuit', async () => {
    const reply = await post('/v1/embeddings', '{"model":"claude-embed","input":"x"}');
    assert.equal(reply.status, 503);
    const records = recordsOf(reply.requestId);
    assert.deepEqual(records.map((record) => record.kind), ['deny']);
    assert.ok(records[0]!.decision?.rules.includes('core.target-unusable'));
    assert.equal(circuits.state('claude'), 'closed');
  });

  it('puts nothing on the record for a request without a valid key, and counts it instead', async () => {
    const before = ports.audit.records.length;
    const missing = await gateway.fetch('/v1/chat/completions', { method: 'POST', body: '{}' });
    const wrong = await gateway.fetch('/v1/chat/completions', { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '{}' });
    assert.equal(missing.status, 401);
    assert.equal(wrong.status, 401);
    assert.equal(ports.audit.records.length, before);
    const scrape = await gateway.fetch('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const samples = parsePrometheus(await scrape.text());
    assert.ok((sampleValue(samples, 'jaju_unauthenticated_requests_total', { route: '/v1/chat/completions' }) ?? 0) >= 2);
    assert.ok((sampleValue(samples, 'jaju_refusals_total', { code: 'invalid_json', app: 'bot' }) ?? 0) >= 1, 'refusals are counted by code too');
  });
});
