import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { startGateway, type RunningGateway } from '../helpers/gateway-harness.js';
import { standinPorts } from '../helpers/standin-ports.js';

const APP_KEY = 'server-limits-app-key';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const sovereignty = { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises' } as const;

describe('metrics on their own listener (server.metrics.port)', () => {
  it('serves /metrics and /healthz there without a credential, and nothing on the main listener', async () => {
    const gateway = await startGateway({ server: { metrics: { port: 0, host: '127.0.0.1' } } }, standinPorts());
    try {
      const metricsUrl = gateway.metricsUrl ?? '';
      assert.match(metricsUrl, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const scrape = await fetch(metricsUrl);
      assert.equal(scrape.status, 200);
      assert.match(await scrape.text(), /jaju_http_requests_total/);
      assert.equal((await fetch(metricsUrl.replace('/metrics', '/healthz'))).status, 200);
      assert.equal((await fetch(metricsUrl.replace('/metrics', '/v1/models'))).status, 404, 'only monitoring lives there');
      assert.equal((await gateway.fetch('/metrics')).status, 404, 'the main listener no longer serves /metrics');
    } finally {
      await gateway.close();
    }
  });

  it('still asks for the metrics token there when one is set', async () => {
    const gateway = await startGateway({ server: { metrics: { port: 0 } } }, standinPorts(), { env: { JAJU_METRICS_TOKEN: 'scrape-token' } });
    try {
      assert.equal((await fetch(gateway.metricsUrl!)).status, 401);
      assert.equal((await fetch(gateway.metricsUrl!, { headers: { authorization: 'Bearer scrape-token' } })).status, 200);
    } finally {
      await gateway.close();
    }
  });
});

describe('per-client caps behind a trusted proxy (server.trustedProxies)', () => {
  let upstream: FakeUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startFakeUpstream('openai');
    upstream.fallback = { kind: 'ok', delayMs: 400 };
    gateway = await startGateway(
      {
        server: { trustedProxies: ['127.0.0.1'], maxConnectionsPerAddress: 2 },
        providers: [{ id: 'onprem', type: 'openai-compatible', baseUrl: upstream.baseUrl, sovereignty }],
        models: [{ alias: 'chat', targets: [{ provider: 'onprem', model: 'm' }] }],
        apps: [{ id: 'bot', keySha256: sha(APP_KEY), grade: 'O' }],
      },
      standinPorts(),
    );
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const ask = (client: string) =>
    gateway
      .fetch('/v1/chat/completions', {
        method: 'POST',
        headers: { authorization: `Bearer ${APP_KEY}`, 'content-type': 'application/json', 'x-forwarded-for': `${client}, 127.0.0.1` },
        body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'x' }] }),
      })
      .then(async (response) => ({ status: response.status, body: await response.text() }));

  it('counts requests in flight per forwarded client, not per proxy connection', async () => {
    const replies = await Promise.all([ask('198.51.100.1'), ask('198.51.100.1'), ask('198.51.100.1'), ask('198.51.100.2'), ask('198.51.100.2')]);
    const first = replies.slice(0, 3).map((reply) => reply.status).sort();
    assert.deepEqual(first, [200, 200, 429], 'the third request of one client is over its cap');
    assert.match(replies.find((reply) => reply.status === 429)!.body, /"code":"too_many_connections"/);
    assert.deepEqual(replies.slice(3).map((reply) => reply.status), [200, 200], 'another client behind the same proxy is not affected');
    assert.equal((await ask('198.51.100.1')).status, 200, 'finished requests free the client’s slots');
  });
});

describe('a request answered before its body is read does not keep the connection', () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await startGateway({}, standinPorts());
  });
  after(async () => {
    await gateway.close();
  });

  it('answers 401 and closes, rather than reading the rest of the body at the client’s pace', async () => {
    const url = new URL(gateway.url);
    const reply = await new Promise<{ text: string; closed: boolean }>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: jaju\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"model":');
      });
      let text = '';
      socket.on('data', (piece) => (text += String(piece)));
      socket.on('close', () => resolve({ text, closed: true }));
      socket.on('error', () => undefined);
    });
    assert.match(reply.text, /^HTTP\/1\.1 401 /);
    assert.match(reply.text, /connection: close/i);
    assert.ok(reply.closed);
  });
});
