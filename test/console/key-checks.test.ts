import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePrometheus, sampleValue } from '../helpers/prometheus-text.js';
import { OPERATOR_KEY, startDemoEstate, type DemoEstate } from '../web/demo-estate.js';

/** Wrong keys hold their answer for 1 s here: long enough that "answered while the flood is pending" is a count, not a race. */
const THROTTLE = { freeFailures: 3, firstDelayMs: 1000, maxDelayMs: 1000 };

function login(estate: DemoEstate, key: string, client?: string): Promise<Response> {
  return fetch(`${estate.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: estate.url, ...(client ? { 'x-forwarded-for': client } : {}) },
    body: JSON.stringify({ key }),
  });
}

async function lockRecords(estate: DemoEstate) {
  return (await estate.jaju.composed.ledger.query({ kind: 'lock' })).records;
}

describe('operator key checks behind a trusted proxy', () => {
  let estate: DemoEstate;
  before(async () => {
    estate = await startDemoEstate({ trustedProxies: ['127.0.0.1'], console: { throttle: THROTTLE } });
  });
  after(() => estate.close());

  it('logs the right key in at once during a flood of wrong keys from the same address, and records one lock event', async () => {
    const client = '203.0.113.5';
    for (let attempt = 0; attempt < THROTTLE.freeFailures; attempt += 1) {
      const response = await login(estate, 'guess', client);
      assert.equal(response.status, 401, 'the first wrong keys are simply refused');
      await response.arrayBuffer();
    }
    let settled = 0;
    const flood = Array.from({ length: 20 }, () =>
      login(estate, 'guess', client).then(async (response) => {
        settled += 1;
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { error: { code: string; message: string } } };
      }),
    );
    const right = await login(estate, OPERATOR_KEY, client);
    assert.equal(right.status, 204, 'the right key is never refused');
    assert.match(right.headers.get('set-cookie') ?? '', /^jaju_operator=/);
    assert.ok(settled < flood.length, `the right key was answered while ${flood.length - settled} wrong ones were still held back`);
    const cookie = (right.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.equal((await fetch(`${estate.url}/api/session`, { headers: { cookie } })).status, 200);

    const answers = await Promise.all(flood);
    for (const answer of answers) {
      assert.equal(answer.status, 429);
      assert.equal(answer.body.error.code, 'rate_limited');
      assert.match(answer.body.error.message, /^wrong operator key; \d+ wrong keys from this address in 15 minutes, .*\(a correct key is never delayed\)$/);
      assert.equal(answer.retryAfter, '1');
    }

    const locks = await lockRecords(estate);
    assert.equal(locks.length, 1, 'one lock event per source and window');
    assert.deepEqual(
      { ...locks[0]!.detail, failures: undefined },
      { subject: 'operator-key', source: client, failures: undefined, windowSeconds: 900, delayMs: 1000 },
    );
    assert.equal(locks[0]!.detail!['failures'], THROTTLE.freeFailures + 1);

    const metrics = parsePrometheus(await (await fetch(`${estate.url}/metrics`)).text());
    assert.equal(sampleValue(metrics, 'jaju_console_key_locks_total'), 1);
    assert.equal(sampleValue(metrics, 'jaju_console_key_failures_total'), THROTTLE.freeFailures + flood.length);
  });

  it('counts wrong keys per client behind the proxy: another client is not slowed', async () => {
    const response = await login(estate, 'guess', '203.0.113.77');
    assert.equal(response.status, 401);
  });

  it('throttles wrong bearer keys as well, and still takes the right one', async () => {
    const client = '203.0.113.9';
    const session = (authorization: string) => fetch(`${estate.url}/api/session`, { headers: { authorization, 'x-forwarded-for': client } });
    for (let attempt = 0; attempt < THROTTLE.freeFailures; attempt += 1) assert.equal((await session('Bearer guess')).status, 401);
    const slowed = session('Bearer guess');
    const right = await session(`Bearer ${OPERATOR_KEY}`);
    assert.equal(right.status, 200);
    assert.equal((await slowed).status, 429);
    assert.equal((await lockRecords(estate)).length, 2);
  });
});

describe('operator key checks without a trusted proxy', () => {
  let estate: DemoEstate;
  before(async () => {
    estate = await startDemoEstate({ console: { throttle: THROTTLE } });
  });
  after(() => estate.close());

  it('ignores X-Forwarded-For from an untrusted peer: a client cannot spread its guesses over invented addresses', async () => {
    for (let attempt = 0; attempt < THROTTLE.freeFailures; attempt += 1) assert.equal((await login(estate, 'guess', `198.51.100.${attempt}`)).status, 401);
    assert.equal((await login(estate, 'guess', '198.51.100.99')).status, 429);
    const [lock] = await lockRecords(estate);
    assert.equal(lock?.detail?.['source'], '127.0.0.1');
    assert.equal((await login(estate, OPERATOR_KEY, '198.51.100.1')).status, 204);
  });
});
