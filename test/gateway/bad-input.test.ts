import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/gateway/logger.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { startGateway, type RunningGateway } from '../helpers/gateway-harness.js';
import { standinPorts } from '../helpers/standin-ports.js';

const APP_KEY = 'bad-input-key-0123456789';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const sovereignty = { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises' } as const;

describe('bad input gets the documented error and loses nothing', () => {
  let upstream: FakeUpstream;
  let gateway: RunningGateway;
  const logLines: string[] = [];

  before(async () => {
    upstream = await startFakeUpstream();
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        logLines.push(String(chunk));
        callback();
      },
    });
    gateway = await startGateway(
      {
        server: { maxBodyBytes: 1024 * 1024 },
        providers: [{ id: 'onprem', type: 'openai-compatible', baseUrl: upstream.baseUrl, apiKeyEnv: 'BAD_INPUT_UPSTREAM_KEY', sovereignty }],
        models: [{ alias: 'chat', targets: [{ provider: 'onprem', model: 'm' }] }],
        apps: [{ id: 'bot', keySha256: sha(APP_KEY), grade: 'O' }],
      },
      standinPorts(),
      { logger: createLogger('trace', sink), env: { BAD_INPUT_UPSTREAM_KEY: 'upstream-very-secret' } },
    );
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function post(path: string, body: string, headers: Record<string, string> = {}) {
    const response = await gateway.fetch(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${APP_KEY}`, 'content-type': 'application/json', ...headers },
      body,
    });
    const json = (await response.json()) as { error: { message: string; type: string; code: string } };
    return { status: response.status, error: json.error };
  }

  const cases: [string, string, number, string, RegExp][] = [
    ['malformed JSON', '{"model": "chat", "messages": [', 400, 'invalid_json', /not valid JSON/],
    ['an empty body', '', 400, 'invalid_request', /empty/],
    ['a JSON array', '[1,2]', 400, 'invalid_request', /JSON object/],
    ['missing messages', '{"model":"chat"}', 400, 'invalid_request', /^messages: required/],
    ['messages of the wrong type', '{"model":"chat","messages":"hi"}', 400, 'invalid_request', /^messages: expected a list/],
    ['an empty messages list', '{"model":"chat","messages":[]}', 400, 'invalid_request', /at least one/],
    ['a message without role', '{"model":"chat","messages":[{"content":"x"}]}', 400, 'invalid_request', /messages\[0\]\.role/],
    ['a content part without text', '{"model":"chat","messages":[{"role":"user","content":[{"type":"text"}]}]}', 400, 'invalid_request', /content\[0\]\.text/],
    ['a non-boolean stream', '{"model":"chat","messages":[{"role":"user","content":"x"}],"stream":"yes"}', 400, 'invalid_request', /^stream:/],
    ['a string temperature', '{"model":"chat","messages":[{"role":"user","content":"x"}],"temperature":"hot"}', 400, 'invalid_request', /^temperature/],
    ['a missing model', '{"messages":[{"role":"user","content":"x"}]}', 400, 'invalid_request', /^model: required/],
    ['an unknown alias', '{"model":"gpt-9","messages":[{"role":"user","content":"x"}]}', 404, 'model_not_found', /gpt-9/],
  ];
  for (const [name, body, status, code, message] of cases) {
    it(`rejects ${name} with ${status} ${code}`, async () => {
      const result = await post('/v1/chat/completions', body);
      assert.equal(result.status, status);
      assert.equal(result.error.code, code);
      assert.match(result.error.message, message);
    });
  }

  it('rejects a bad x-jaju-grade header', async () => {
    const result = await post('/v1/chat/completions', '{"model":"chat","messages":[{"role":"user","content":"x"}]}', { 'x-jaju-grade': 'TOP-SECRET' });
    assert.equal(result.status, 400);
    assert.match(result.error.message, /x-jaju-grade/);
  });

  it('rejects bad embeddings input', async () => {
    const result = await post('/v1/embeddings', '{"model":"chat","input":42}');
    assert.equal(result.status, 400);
    assert.match(result.error.message, /^input:/);
  });

  it('answers 401 for a missing or wrong key', async () => {
    const missing = await gateway.fetch('/v1/chat/completions', { method: 'POST', body: '{}' });
    assert.equal(missing.status, 401);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'invalid_api_key');
    const wrong = await post('/v1/chat/completions', '{}', { authorization: 'Bearer not-the-key' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.error.type, 'authentication_error');
    const models = await gateway.fetch('/v1/models');
    assert.equal(models.status, 401);
  });

  it('rejects a 20 MB body with 413 and stays up', async () => {
    const big = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'x'.repeat(20 * 1024 * 1024) }] });
    const result = await post('/v1/chat/completions', big);
    assert.equal(result.status, 413);
    assert.equal(result.error.code, 'request_too_large');
    assert.match(result.error.message, /1048576 bytes/);
    const health = await gateway.fetch('/healthz');
    assert.equal(health.status, 200);
  });

  it('rejects a chunked oversized body with 413', async () => {
    const url = new URL(`${gateway.url}/v1/chat/completions`);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${APP_KEY}`, 'transfer-encoding': 'chunked' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      const piece = Buffer.alloc(256 * 1024, 0x61);
      for (let index = 0; index < 8; index += 1) request.write(piece);
      request.end();
    });
    assert.equal(status, 413);
  });

  it('answers 404 for unknown paths and 405 for wrong methods, as OpenAI-style errors', async () => {
    const unknown = await gateway.fetch('/v1/completions-old');
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'not_found');
    const wrongMethod = await gateway.fetch('/v1/chat/completions');
    assert.equal(wrongMethod.status, 405);
  });

  it('survives malformed HTTP', async () => {
    const { connect } = await import('node:net');
    const url = new URL(gateway.url);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('GARBAGE / NOT-HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += String(chunk)));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.equal((await gateway.fetch('/healthz')).status, 200);
  });

  it('never logs keys or message bodies', async () => {
    await gateway.client(APP_KEY).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'SECRET-PROMPT-TEXT 900101-1234567' }] });
    await post('/v1/chat/completions', '{"model":"chat","messages":[{"role":"user","content":"SECRET-PROMPT-TEXT"}],"temperature":"x"}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const log = logLines.join('');
    assert.ok(log.length > 0, 'something was logged at trace level');
    for (const secret of [APP_KEY, 'upstream-very-secret', 'SECRET-PROMPT-TEXT', '900101-1234567']) {
      assert.ok(!log.includes(secret), `the log contains ${secret}`);
    }
  });
});
