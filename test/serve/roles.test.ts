import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { AuditListResponse, OverviewResponse } from '../../src/console/api-types.js';
import { parseConfig, type ConfigInput } from '../../src/config/index.js';
import { createLogger } from '../../src/gateway/logger.js';
import type { ServeRole } from '../../src/serve/serve-role.js';
import { startJaju, type RunningJaju } from '../../src/serve/start-jaju.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { spawnServe, stopProcess } from '../helpers/spawn-serve.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ensureDashboardBundle } from '../web/bundle.js';

const OPERATOR_KEY = 'operator-key-for-role-tests';
const APP_KEY = 'app-key-for-role-tests';

function configInput(upstream: FakeUpstream, dataDir: string): ConfigInput {
  return {
    home: 'KR',
    server: { logLevel: 'silent' },
    store: { sqlite: join(dataDir, 'jaju.db') },
    providers: [
      {
        id: 'onprem',
        type: 'openai-compatible',
        baseUrl: upstream.baseUrl,
        maxRetries: 0,
        sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises', weightsOrigin: 'KR', openWeights: true, retainsData: false, trainsOnData: false },
      },
    ],
    models: [{ alias: 'ko-chat', targets: [{ provider: 'onprem', model: 'exaone' }] }],
    apps: [{ id: 'minwon', keyEnv: 'ROLE_TEST_APP_KEY', grade: 'S', purpose: 'public-service' }],
  };
}

/** The operator's session cookie, logged in as the page does (same-origin POST). */
async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ key: OPERATOR_KEY }) });
  assert.equal(response.status, 204);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  assert.match(cookie, /^jaju_operator=/);
  return cookie;
}

async function status(url: string, path: string, init: RequestInit = {}): Promise<number> {
  const response = await fetch(`${url}${path}`, init);
  await response.arrayBuffer();
  return response.status;
}

function chat(url: string): Promise<unknown> {
  return new OpenAI({ apiKey: APP_KEY, baseURL: `${url}/v1`, maxRetries: 0 }).chat.completions.create({ model: 'ko-chat', messages: [{ role: 'user', content: '전입 신고 절차' }] });
}

describe('jaju serve --role', () => {
  let upstream: FakeUpstream;
  let dataDir: string;
  const running: RunningJaju[] = [];

  async function start(role: ServeRole, env: NodeJS.ProcessEnv): Promise<RunningJaju> {
    const jaju = await startJaju({ config: parseConfig(configInput(upstream, dataDir), null, dataDir), role, env, port: 0, host: '127.0.0.1', logger: createLogger('silent') });
    running.push(jaju);
    return jaju;
  }

  before(async () => {
    ensureDashboardBundle();
    upstream = await startFakeUpstream('openai');
    dataDir = tempDir();
  });
  after(async () => {
    for (const jaju of running) await jaju.close();
    await upstream.close();
  });

  it('gateway: answers /v1/*, /healthz and the admin API, and has no dashboard page nor /api/*', async () => {
    const { url, console: consoleHandle } = await start('gateway', { ROLE_TEST_APP_KEY: APP_KEY, JAJU_OPERATOR_KEY: OPERATOR_KEY });
    assert.equal(consoleHandle, undefined);
    await chat(url);
    assert.equal(await status(url, '/v1/models', { headers: { authorization: `Bearer ${APP_KEY}` } }), 200);
    assert.equal(await status(url, '/healthz'), 200);
    assert.equal(await status(url, '/admin/status'), 403, 'the admin API is there (off without an admin key)');
    for (const path of ['/', '/index.html', '/overview', '/assets/index.js', '/api/session', '/api/overview']) {
      assert.equal(await status(url, path, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } }), 404, path);
    }
    assert.equal(await status(url, '/api/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ key: OPERATOR_KEY }) }), 404);
  });

  it('console: serves the page and /api/* over the shared ledger, needs no app key, and has no /v1/* nor admin API', async () => {
    // No ROLE_TEST_APP_KEY: a console sends no app traffic, so it does not need the apps' keys.
    const { url, console: consoleHandle } = await start('console', { JAJU_OPERATOR_KEY: OPERATOR_KEY });
    assert.ok(consoleHandle);
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);
    const cookie = await login(url);
    const overview = await fetch(`${url}/api/overview`, { headers: { cookie } });
    assert.equal(overview.status, 200);
    const body = (await overview.json()) as OverviewResponse;
    assert.equal(body.providers, 1);
    assert.ok(body.ledgerHead && body.ledgerHead.seq >= 2, 'the records the gateway role wrote are in the shared ledger');
    const audit = (await (await fetch(`${url}/api/audit?kind=dispatch`, { headers: { cookie } })).json()) as AuditListResponse;
    assert.equal(audit.records[0]?.app, 'minwon');
    for (const [method, path] of [['POST', '/v1/chat/completions'], ['POST', '/v1/embeddings'], ['GET', '/v1/models'], ['POST', '/v1/route/preview'], ['GET', '/admin/status'], ['POST', '/admin/cuts']] as const) {
      assert.equal(await status(url, path, { method, headers: { authorization: `Bearer ${APP_KEY}`, 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) }), 404, `${method} ${path}`);
    }
    assert.equal(await status(url, '/healthz'), 200);
  });

  it('all: serves both on one port', async () => {
    const { url } = await start('all', { ROLE_TEST_APP_KEY: APP_KEY, JAJU_OPERATOR_KEY: OPERATOR_KEY });
    await chat(url);
    assert.equal(await status(url, '/healthz'), 200);
    assert.equal((await fetch(`${url}/`)).status, 200);
    const cookie = await login(url);
    const overview = (await (await fetch(`${url}/api/overview`, { headers: { cookie } })).json()) as OverviewResponse;
    assert.equal(overview.traffic.sinceStart.requests, 1, 'in one process the meter sees the call as it is recorded');
  });

  it('as separate processes: the console follows what a gateway process records', async () => {
    const dir = tempDir();
    const file = join(dir, 'jaju.json');
    writeFileSync(file, JSON.stringify(configInput(upstream, dir)));
    const env = { JAJU_OPERATOR_KEY: OPERATOR_KEY, ROLE_TEST_APP_KEY: APP_KEY };
    const gateway = await spawnServe(['--config', file, '--port', '0', '--role', 'gateway'], dir, env);
    const consoleProcess = await spawnServe(['--config', file, '--port', '0', '--role', 'console'], dir, { JAJU_OPERATOR_KEY: OPERATOR_KEY });
    try {
      // The banner's later lines may arrive after the "listening" line that spawnServe waits for.
      for (let attempt = 0; attempt < 200 && !(/config:/.test(gateway.output()) && /config:/.test(consoleProcess.output())); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.match(gateway.output(), /role gateway/);
      assert.doesNotMatch(gateway.output(), /dashboard:/);
      assert.match(consoleProcess.output(), /dashboard:/);
      assert.doesNotMatch(consoleProcess.output(), /gateway: /);
      assert.equal(await status(consoleProcess.url, '/v1/models', { headers: { authorization: `Bearer ${APP_KEY}` } }), 404);
      assert.equal(await status(gateway.url, '/api/session', { headers: { authorization: `Bearer ${OPERATOR_KEY}` } }), 404);

      await chat(gateway.url);
      await chat(gateway.url);
      const cookie = await login(consoleProcess.url);
      // The console reads new ledger records every second; allow a few rounds on a loaded machine.
      let requests = 0;
      for (let attempt = 0; attempt < 100 && requests < 2; attempt += 1) {
        const overview = (await (await fetch(`${consoleProcess.url}/api/overview`, { headers: { cookie } })).json()) as OverviewResponse;
        requests = overview.traffic.sinceStart.requests;
        if (requests < 2) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(requests, 2, 'the console process counted the two calls the gateway process served');
      const audit = (await (await fetch(`${consoleProcess.url}/api/audit?kind=complete`, { headers: { cookie } })).json()) as AuditListResponse;
      assert.equal(audit.records.length, 2);
    } finally {
      assert.equal(await stopProcess(gateway.child), 0);
      assert.equal(await stopProcess(consoleProcess.child), 0);
    }
  });
});
