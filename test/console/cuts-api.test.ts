import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CutResponse, ProvidersResponse } from '../../src/console/api-types.js';
import { dropPrefix, freshPrefix, REDIS_URL, redisSkipReason } from '../helpers/redis-test.js';
import { ADMIN_KEY, OPERATOR_KEY, startDemoEstate, type DemoEstate } from '../web/demo-estate.js';

const skip = await redisSkipReason();

function cutCall(estate: DemoEstate, path: '/api/cuts' | '/api/cuts/restore', body: unknown, adminKey: string | undefined): Promise<Response> {
  return fetch(`${estate.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json', ...(adminKey === undefined ? {} : { 'x-jaju-admin-key': adminKey }) },
    body: JSON.stringify(body),
  });
}

async function providers(estate: DemoEstate): Promise<ProvidersResponse> {
  return (await (await fetch(`${estate.url}/api/providers`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } })).json()) as ProvidersResponse;
}

describe('cuts from the console (role all)', () => {
  let estate: DemoEstate;
  before(async () => {
    estate = await startDemoEstate();
  });
  after(() => estate.close());

  it('cuts and restores with the admin key, the record first in the ledger, and the gateway serving accordingly', async () => {
    const cut = await cutCall(estate, '/api/cuts', { jurisdiction: 'US', reason: 'drill' }, ADMIN_KEY);
    assert.equal(cut.status, 200);
    const body = (await cut.json()) as CutResponse;
    assert.deepEqual({ action: body.action, scope: body.scope, changed: body.changed }, { action: 'cut', scope: { jurisdiction: 'US' }, changed: true });
    assert.deepEqual(estate.jaju.gateway.runtime.cuts.list(), [{ jurisdiction: 'US' }], 'the live gateway has it');
    const [record] = (await estate.jaju.composed.ledger.query({ kind: 'cut' })).records;
    assert.deepEqual(record?.detail, { scope: { jurisdiction: 'US' }, reason: 'drill' });
    const served = await estate.client('research-assistant').chat.completions.create({ model: 'frontier', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(served.response.headers.get('x-jaju-provider'), 'kr-cloud', 'both US vendors are out of the plan');
    const restore = await cutCall(estate, '/api/cuts/restore', { jurisdiction: 'US' }, ADMIN_KEY);
    assert.equal(restore.status, 200);
    assert.deepEqual(estate.jaju.gateway.runtime.cuts.list(), []);
  });

  it('needs the admin key (401 without or wrong), a known provider (400), and the console origin', async () => {
    assert.equal((await cutCall(estate, '/api/cuts', { provider: 'openai' }, undefined)).status, 401);
    assert.equal((await cutCall(estate, '/api/cuts', { provider: 'openai' }, 'not-the-admin-key')).status, 401);
    assert.equal((await cutCall(estate, '/api/cuts', { provider: 'nobody' }, ADMIN_KEY)).status, 400);
    const crossSite = await fetch(`${estate.url}/api/cuts`, { method: 'POST', headers: { authorization: `Bearer ${OPERATOR_KEY}`, origin: 'https://evil.example', 'x-jaju-admin-key': ADMIN_KEY }, body: JSON.stringify({ provider: 'openai' }) });
    assert.equal(crossSite.status, 403);
    assert.deepEqual(estate.jaju.gateway.runtime.cuts.list(), []);
    assert.equal((await providers(estate)).adminEnabled, true);
  });
});

describe('cuts from a console running apart', () => {
  it('without Redis: refused with the reason, and the page is told cuts are off', async () => {
    const gateway = await startDemoEstate({ role: 'gateway' });
    const consoleEstate = await startDemoEstate({ role: 'console', dataDir: gateway.dataDir });
    try {
      const refused = await cutCall(consoleEstate, '/api/cuts', { provider: 'openai' }, ADMIN_KEY);
      assert.equal(refused.status, 403);
      assert.match(((await refused.json()) as { error: { message: string } }).error.message, /without a shared cut registry \(state\.redis\)/);
      assert.equal((await providers(consoleEstate)).adminEnabled, false);
    } finally {
      await consoleEstate.close();
      await gateway.close();
    }
  });

  it('with Redis: a cut made on the console reaches a gateway process', { skip }, async () => {
    const state = { redis: REDIS_URL, keyPrefix: freshPrefix() };
    const gateway = await startDemoEstate({ role: 'gateway', state });
    const consoleEstate = await startDemoEstate({ role: 'console', state, dataDir: gateway.dataDir });
    try {
      assert.equal((await providers(consoleEstate)).adminEnabled, true);
      assert.equal((await cutCall(consoleEstate, '/api/cuts', { provider: 'openai' }, ADMIN_KEY)).status, 200);
      for (let attempt = 0; attempt < 100 && gateway.jaju.gateway.runtime.cuts.list().length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(gateway.jaju.gateway.runtime.cuts.list(), [{ provider: 'openai' }]);
      const [record] = (await gateway.jaju.composed.ledger.query({ kind: 'cut' })).records;
      assert.deepEqual(record?.detail, { scope: { provider: 'openai' } }, 'one ledger, written by the console');
    } finally {
      await consoleEstate.close();
      await gateway.close();
      await dropPrefix(state.keyPrefix);
    }
  });
});
