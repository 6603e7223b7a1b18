import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { openLedger } from '../../src/audit/index.js';
import { loadConfigFile, type Config } from '../../src/config/index.js';
import type { AuditRecord } from '../../src/domain/index.js';
import { openFileLimit } from '../../src/gateway/http/open-file-limit.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { parsePrometheus, sampleValue } from '../helpers/prometheus-text.js';
import { JAJU_BIN, spawnServe, stopProcess } from '../helpers/spawn-serve.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Issue 13, "Done when": a real `jaju serve` process under hostile clients. Outcomes only (closed,
 * answered, status codes); waits are bounded, never asserted as timings. The flood is sized to this
 * machine's open-file limit (both processes hold one descriptor per socket) and every socket is
 * closed before the test ends.
 */

const APP_KEY = 'fault-injection-app-key';
const ADMIN_KEY = 'fault-injection-admin-key';
const METRICS_TOKEN = 'fault-injection-metrics-token';
const OPERATOR_KEY = 'fault-injection-operator-key';

// Sockets this test may hold at once: well inside `ulimit -n` for this process and the gateway's.
const FILE_LIMIT = openFileLimit() ?? 1024;
const MAX_CONNECTIONS = Math.max(40, Math.min(120, Math.floor((FILE_LIMIT - 300) / 4)));
const PER_ADDRESS = Math.floor(MAX_CONNECTIONS / 2.4);
const RESERVED = 8;
// Long enough that a busy machine still holds a flood open while it is probed; short enough for a fast test.
const HEADERS_TIMEOUT_MS = 2_500;

interface RawSocket {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
  isClosed: () => boolean;
}

/** A TCP connection from `localAddress` (any 127.0.0.0/8 address reaches the gateway on loopback). */
function open(port: number, localAddress: string, firstBytes?: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    let data = '';
    let isClosed = false;
    const closed = new Promise<void>((done) => socket.once('close', () => ((isClosed = true), done())));
    socket.on('data', (piece) => (data += String(piece)));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      if (firstBytes) socket.write(firstBytes);
      resolve({ socket, received: () => data, closed, isClosed: () => isClosed });
    });
    socket.once('error', reject);
  });
}

/** Opens `count` connections at once (all within one header timeout, however busy the machine). */
function openMany(count: number, port: number, localAddress: string, firstBytes?: string): Promise<RawSocket[]> {
  return Promise.all(Array.from({ length: count }, () => open(port, localAddress, firstBytes)));
}

/** Resolves when every socket has closed, or rejects after `ms` (a bounded wait, not a timing assertion). */
async function allClosed(sockets: RawSocket[], ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(sockets.map((raw) => raw.closed)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${sockets.filter((raw) => !raw.isClosed()).length} sockets still open`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

function destroyAll(sockets: RawSocket[]): void {
  for (const raw of sockets) raw.socket.destroy();
}

interface Reply {
  status: number;
  body: string;
}

/** One HTTP request over a new connection from `localAddress` (or over `agent`); 0 = the connection closed without an answer. */
function call(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string; agent?: Agent } = {}): Promise<Reply> {
  const target = new URL(path, url);
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: options.method ?? 'GET',
        headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
        agent: options.agent ?? false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (response) => {
        let body = '';
        response.on('data', (piece) => (body += String(piece)));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(options.body);
  });
}

const chatBody = (content = '안녕하세요', model = 'chat') => JSON.stringify({ model, messages: [{ role: 'user', content }] });
const appHeaders = { authorization: `Bearer ${APP_KEY}` };

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('fault injection against a running gateway process (issue 13)', () => {
  let upstream: FakeUpstream;
  let flaky: FakeUpstream;
  let child: ChildProcess;
  let url = '';
  let port = 0;
  let config: Config;
  let configFile = '';
  let cwd = '';
  const sockets: RawSocket[] = [];

  before(async () => {
    upstream = await startFakeUpstream('openai');
    flaky = await startFakeUpstream('openai');
    flaky.fallback = { kind: 'status', status: 500 };
    cwd = tempDir();
    configFile = join(cwd, 'jaju.yaml');
    const sovereignty = '{ operatorCountry: KR, hostingCountry: KR, deployment: on-premises, retainsData: false, trainsOnData: false }';
    writeFileSync(
      configFile,
      [
        'server:',
        '  adminKeyEnv: FAULT_ADMIN_KEY',
        '  operatorKeyEnv: FAULT_OPERATOR_KEY',
        `  headersTimeoutMs: ${HEADERS_TIMEOUT_MS}`,
        '  bodyIdleTimeoutMs: 1500',
        '  bodyTimeoutMs: 4000',
        `  maxConnections: ${MAX_CONNECTIONS}`,
        `  maxConnectionsPerAddress: ${PER_ADDRESS}`,
        `  reservedConnections: ${RESERVED}`,
        '  bodyLimits: { maxDepth: 32, maxMessages: 50 }',
        '  metrics: { tokenEnv: FAULT_METRICS_TOKEN }',
        '  logLevel: error',
        'store: { sqlite: ./data/jaju.db }',
        'providers:',
        `  - { id: onprem, type: openai-compatible, baseUrl: "${upstream.baseUrl}", timeoutMs: 2000, maxRetries: 0, sovereignty: ${sovereignty} }`,
        `  - { id: flaky, type: openai-compatible, baseUrl: "${flaky.baseUrl}", timeoutMs: 2000, maxRetries: 0, sovereignty: ${sovereignty} }`,
        'models:',
        '  - { alias: chat, targets: [{ provider: onprem, model: m1 }] }',
        '  - { alias: flaky-chat, targets: [{ provider: flaky, model: m2 }] }',
        'apps:',
        '  - { id: bot, keyEnv: FAULT_APP_KEY, grade: O }',
        '',
      ].join('\n'),
    );
    config = loadConfigFile(configFile);
    const started = await spawnServe(['--config', configFile, '--port', '0'], cwd, {
      FAULT_APP_KEY: APP_KEY,
      FAULT_ADMIN_KEY: ADMIN_KEY,
      FAULT_OPERATOR_KEY: OPERATOR_KEY,
      FAULT_METRICS_TOKEN: METRICS_TOKEN,
    });
    child = started.child;
    url = started.url;
    port = Number(new URL(url).port);
  });

  after(async () => {
    destroyAll(sockets);
    if (child) await stopProcess(child);
    await upstream?.close();
    await flaky?.close();
  });

  async function metrics(): Promise<ReturnType<typeof parsePrometheus>> {
    const reply = await call(url, '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(reply.status, 200);
    return parsePrometheus(reply.body);
  }

  async function ledgerRecords(): Promise<AuditRecord[]> {
    const ledger = await openLedger(config, { readOnly: true });
    try {
      return (await ledger.query({ app: 'bot', limit: 1000, order: 'asc' })).records;
    } finally {
      await ledger.close();
    }
  }

  /** Polls the ledger until `ready` holds (records are appended as the gateway answers; completes in the background). */
  async function ledgerWhen(ready: (records: AuditRecord[]) => boolean): Promise<AuditRecord[]> {
    let records: AuditRecord[] = [];
    for (let waited = 0; waited < 10_000; waited += 100) {
      records = await ledgerRecords();
      if (ready(records)) return records;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return records;
  }

  const client = () => new OpenAI({ apiKey: APP_KEY, baseURL: `${url}/v1`, maxRetries: 0, timeout: 10_000 });

  it('needs a credential for /metrics: the operator key, the admin key or the metrics token', async () => {
    assert.equal((await call(url, '/metrics')).status, 401);
    assert.equal((await call(url, '/metrics', { headers: { authorization: `Bearer ${APP_KEY}` } })).status, 401, 'an app key is not a metrics credential');
    for (const credential of [METRICS_TOKEN, OPERATOR_KEY, ADMIN_KEY]) {
      const reply = await call(url, '/metrics', { headers: { authorization: `Bearer ${credential}` } });
      assert.equal(reply.status, 200);
      assert.match(reply.body, /jaju_http_requests_total/);
    }
    assert.ok((sampleValue(await metrics(), 'jaju_unauthenticated_requests_total', { route: '/metrics' }) ?? 0) >= 2, 'refused scrapes are counted');
  });

  it('closes half-sent request heads with 408 while /healthz and legitimate requests are served', async () => {
    const slow = await openMany(PER_ADDRESS - 5, port, '127.0.0.2', 'POST /v1/chat/completions HTTP/1.1\r\nHost: jaju\r\nAuthorization: Bearer ');
    sockets.push(...slow);
    assert.equal((await call(url, '/healthz', { localAddress: '127.0.0.1' })).status, 200);
    const answer = await client().chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: '서비스 중' }] });
    assert.equal(answer.choices[0]?.message.content, 'echo: 서비스 중');
    await allClosed(slow);
    for (const raw of slow) assert.match(raw.received(), /^HTTP\/1\.1 408 /, 'each slow head was told 408 before being closed');
    assert.ok((sampleValue(await metrics(), 'jaju_request_timeouts_total', { phase: 'headers' }) ?? 0) >= slow.length);
  });

  it('closes stalled and trickling bodies with 408 and puts them on the record', async () => {
    const head = (length: number) => `POST /v1/chat/completions HTTP/1.1\r\nHost: jaju\r\nAuthorization: Bearer ${APP_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    const stalled = await openMany(10, port, '127.0.0.4', `${head(1000)}{"model":"chat",`);
    sockets.push(...stalled);
    const trickle = await open(port, '127.0.0.4', head(1000));
    sockets.push(trickle);
    const dripping = setInterval(() => trickle.socket.write(' '), 250);
    try {
      assert.equal((await call(url, '/healthz')).status, 200);
      const answer = await client().chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: '정상 요청' }] });
      assert.equal(answer.choices[0]?.message.content, 'echo: 정상 요청');
      await allClosed([...stalled, trickle]);
    } finally {
      clearInterval(dripping);
    }
    for (const raw of stalled) {
      assert.match(raw.received(), /^HTTP\/1\.1 408 /);
      assert.match(raw.received(), /server\.bodyIdleTimeoutMs/);
    }
    assert.match(trickle.received(), /^HTTP\/1\.1 408 /);
    assert.match(trickle.received(), /server\.bodyTimeoutMs/, 'a body that keeps dripping still has a total deadline');
    const records = await ledgerWhen((list) => list.filter((record) => record.kind === 'refuse' && record.status === 408).length >= 11);
    const timedOut = records.filter((record) => record.kind === 'refuse' && record.status === 408);
    assert.equal(timedOut.length, 11, 'every slow body of an authenticated app is on the record');
    assert.deepEqual(new Set(timedOut.map((record) => (record.detail as { code: string }).code)), new Set(['request_timeout']));
  });

  it('refuses connections beyond the per-address cap with 429 while other clients are served', async () => {
    const held = await openMany(PER_ADDRESS, port, '127.0.0.3');
    sockets.push(...held);
    const over = await Promise.all(Array.from({ length: 5 }, () => call(url, '/healthz', { localAddress: '127.0.0.3' })));
    for (const reply of over) {
      assert.equal(reply.status, 429);
      assert.equal((JSON.parse(reply.body) as { error: { code: string } }).error.code, 'too_many_connections');
    }
    assert.equal((await call(url, '/healthz', { localAddress: '127.0.0.1' })).status, 200, 'another address still gets /healthz');
    const served = await call(url, '/v1/chat/completions', { method: 'POST', headers: appHeaders, body: chatBody(), localAddress: '127.0.0.5' });
    assert.equal(served.status, 200, 'and its requests');
    assert.ok((sampleValue(await metrics(), 'jaju_connections_refused_total', { reason: 'per_address' }) ?? 0) >= 5);
    await allClosed(held);
  });

  it('keeps /healthz answering when the global cap is reached, and serves again once the flood is timed out', async () => {
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      assert.equal((await call(url, '/v1/chat/completions', { method: 'POST', headers: appHeaders, body: chatBody(), agent: keepAlive })).status, 200);
      // More silent connections than the cap and the reserve hold, from several addresses, each under its own cap.
      const wanted = MAX_CONNECTIONS + RESERVED + 10;
      const groups = Array.from({ length: Math.ceil(wanted / PER_ADDRESS) }, (_, index) => Math.min(PER_ADDRESS, wanted - index * PER_ADDRESS));
      const flood = (await Promise.all(groups.map((count, index) => openMany(count, port, `127.0.1.${index + 1}`)))).flat();
      sockets.push(...flood);
      for (let probe = 0; probe < 3; probe += 1) {
        assert.equal((await call(url, '/healthz', { localAddress: '127.0.0.1' })).status, 200, '/healthz answers from the reserve');
      }
      const busy = await call(url, '/v1/chat/completions', { method: 'POST', headers: appHeaders, body: chatBody(), localAddress: '127.0.0.1' });
      assert.equal(busy.status, 503, 'a new connection beyond the cap is told the gateway is busy');
      assert.equal((JSON.parse(busy.body) as { error: { code: string } }).error.code, 'server_busy');
      const kept = await call(url, '/v1/chat/completions', { method: 'POST', headers: appHeaders, body: chatBody('연결 유지'), agent: keepAlive });
      assert.equal(kept.status, 200, 'a client with an open keep-alive connection keeps being served');
      assert.ok((sampleValue(await metrics(), 'jaju_connections_refused_total', { reason: 'global' }) ?? 0) >= 1);
      await allClosed(flood);
      const again = await call(url, '/v1/chat/completions', { method: 'POST', headers: appHeaders, body: chatBody(), localAddress: '127.0.0.1' });
      assert.equal(again.status, 200, 'new connections are served again once the silent flood was closed');
    } finally {
      keepAlive.destroy();
    }
  });

  it('answers deep nesting and oversized shapes with 400 naming the limit, and leaves every circuit closed', async () => {
    const deep = `{"model":"chat","messages":[{"role":"user","content":"x"}],"metadata":${nested(10_000)}}`;
    const tooMany = JSON.stringify({ model: 'chat', messages: Array.from({ length: 60 }, () => ({ role: 'user', content: 'x' })) });
    for (let index = 0; index < 6; index += 1) {
      const reply = await call(url, '/v1/chat/completions', { method: 'POST', headers: appHeaders, body: deep });
      assert.equal(reply.status, 400);
      assert.match(reply.body, /server\.bodyLimits\.maxDepth/);
    }
    const shape = await call(url, '/v1/chat/completions', { method: 'POST', headers: appHeaders, body: tooMany });
    assert.equal(shape.status, 400);
    assert.match(shape.body, /server\.bodyLimits\.maxMessages/);
    const status = await call(url, '/admin/status', { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const providers = (JSON.parse(status.body) as { providers: { id: string; circuit: string }[] }).providers;
    assert.deepEqual(
      providers.map((provider) => [provider.id, provider.circuit]),
      [
        ['onprem', 'closed'],
        ['flaky', 'closed'],
      ],
    );
    assert.equal(sampleValue(await metrics(), 'jaju_circuit_state', { provider: 'onprem' }), 0);
    const records = await ledgerWhen((list) => list.filter((record) => (record.detail as { limit?: string }).limit?.startsWith('server.bodyLimits.') ?? false).length >= 7);
    const limited = records.filter((record) => (record.detail as { limit?: string }).limit?.startsWith('server.bodyLimits.'));
    assert.equal(limited.length, 7, 'every limit refusal is on the record');
    assert.ok(limited.every((record) => record.kind === 'refuse' && record.status === 400 && record.provider === null));
    assert.ok(!records.some((record) => record.kind === 'dispatch' && record.requestId !== null && limited.some((refused) => refused.requestId === record.requestId)), 'none was dispatched');
  });

  it("puts an open circuit's refusals and a cut's refusals on the record: the ledger alone explains every request", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 15; index += 1) {
      const reply = await client().chat.completions.create({ model: 'flaky-chat', messages: [{ role: 'user', content: `요청 ${index}` }] }).withResponse().catch((error: unknown) => error);
      assert.ok(reply instanceof OpenAI.APIError, 'the flaky provider never answers well');
      assert.equal(reply.status, 503);
      ids.push(reply.headers?.get('x-jaju-decision-id') ?? '');
    }
    const cut = await call(url, '/admin/cuts', { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify({ provider: 'onprem' }) });
    assert.equal(cut.status, 200);
    const refusedByCut = await call(url, '/v1/chat/completions', { method: 'POST', headers: appHeaders, body: chatBody() });
    assert.equal(refusedByCut.status, 503);
    await call(url, '/admin/cuts/restore', { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify({ provider: 'onprem' }) });

    const records = await ledgerWhen((list) => new Set(list.filter((record) => record.alias === 'flaky-chat' && record.kind !== 'dispatch').map((record) => record.requestId)).size >= 15);
    const flakyRecords = records.filter((record) => record.alias === 'flaky-chat');
    assert.equal(new Set(flakyRecords.map((record) => record.requestId)).size, 15, '15 requests, 15 requests on the record');
    const circuitDenials = flakyRecords.filter((record) => record.kind === 'deny');
    assert.ok(circuitDenials.length >= 5, `most requests after the circuit opened were refused by it (${circuitDenials.length})`);
    for (const denial of circuitDenials) {
      assert.equal(denial.status, 503);
      assert.equal(denial.outcome, 'unavailable');
      assert.ok(denial.decision?.rules.includes('core.circuit-open'), 'the record says the circuit refused it');
    }
    assert.ok(ids.every((id) => flakyRecords.some((record) => record.requestId === id)), 'each answer names a request on the record');
    const cutDenial = records.find((record) => record.kind === 'deny' && record.alias === 'chat' && record.decision?.rules.includes('core.cut-target'));
    assert.ok(cutDenial, "the cut's refusal is on the record");
  });

  it('leaves a ledger that jaju audit verify accepts', async () => {
    const verify = spawn(process.execPath, [JAJU_BIN, 'audit', 'verify', '--config', configFile], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    verify.stdout.on('data', (piece) => (stdout += String(piece)));
    const code = await new Promise<number | null>((resolve) => verify.on('exit', resolve));
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^ok: /);
  });
});
