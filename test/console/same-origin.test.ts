import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { checkSameOrigin, ownOrigin } from '../../src/console/same-origin.js';
import { ClientAddresses } from '../../src/gateway/http/client-address.js';
import { OPERATOR_KEY, startDemoEstate, type DemoEstate } from '../web/demo-estate.js';

function request(headers: Record<string, string>, peer = '192.0.2.10', encrypted = false): IncomingMessage {
  return { headers: { host: 'console.example:8080', ...headers }, socket: { remoteAddress: peer, encrypted } } as unknown as IncomingMessage;
}

const noProxies = new ClientAddresses([]);
const proxy = new ClientAddresses(['10.0.0.0/8']);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return `${(error as { status: number }).status} ${(error as Error).message}`;
  }
  return 'accepted';
}

describe('same-origin check of state-changing console calls', () => {
  it('accepts Sec-Fetch-Site: same-origin and an Origin equal to the console own origin', () => {
    assert.equal(checkSameOrigin(request({ 'sec-fetch-site': 'same-origin' }), noProxies), 'any');
    assert.equal(checkSameOrigin(request({ origin: 'http://console.example:8080' }), noProxies), 'any');
    assert.equal(checkSameOrigin(request({ origin: 'HTTP://Console.Example:8080' }), noProxies), 'any');
  });

  it('refuses other sites, Origin: null, and a cross-site Sec-Fetch-Site, naming the reason', () => {
    assert.match(refusal(() => checkSameOrigin(request({ origin: 'http://evil.example' }), noProxies)), /^403 .*Origin http:\/\/evil\.example is not this console's origin http:\/\/console\.example:8080/);
    assert.match(refusal(() => checkSameOrigin(request({ origin: 'https://console.example:8080' }), noProxies)), /^403 /, 'another scheme is another origin');
    assert.match(refusal(() => checkSameOrigin(request({ origin: 'null' }), noProxies)), /^403 .*Origin: null/);
    assert.match(refusal(() => checkSameOrigin(request({ 'sec-fetch-site': 'cross-site', origin: 'http://console.example:8080' }), noProxies)), /^403 .*Sec-Fetch-Site: cross-site/);
    assert.match(refusal(() => checkSameOrigin(request({ 'sec-fetch-site': 'same-site' }), noProxies)), /^403 /, 'a sibling subdomain is another site');
    assert.match(refusal(() => checkSameOrigin(request({ origin: 'not a url' }), noProxies)), /^403 /);
  });

  it('without Origin and Sec-Fetch-Site, allows only bearer authentication', () => {
    assert.equal(checkSameOrigin(request({}), noProxies), 'bearer-only');
  });

  it('believes X-Forwarded-Proto and -Host only from a trusted proxy', () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'jaju.agency.go.kr' };
    assert.equal(ownOrigin(request(forwarded, '10.1.2.3'), proxy), 'https://jaju.agency.go.kr');
    assert.equal(ownOrigin(request(forwarded, '192.0.2.10'), proxy), 'http://console.example:8080');
    assert.equal(ownOrigin(request({}, '192.0.2.10', true), noProxies), 'https://console.example:8080');
    assert.equal(checkSameOrigin(request({ ...forwarded, origin: 'https://jaju.agency.go.kr' }, '10.1.2.3'), proxy), 'any');
    assert.match(refusal(() => checkSameOrigin(request({ ...forwarded, origin: 'https://jaju.agency.go.kr' }, '192.0.2.10'), proxy)), /^403 /);
  });
});

describe('same-origin check through the console (HTTP)', () => {
  let estate: DemoEstate;
  let cookie: string;
  const preview = { app: 'minwon-bot', alias: 'ko-chat', text: '안녕하세요' };

  async function post(path: string, headers: Record<string, string>, body: unknown = preview): Promise<{ status: number; message: string }> {
    const response = await fetch(`${estate.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, message: text ? ((JSON.parse(text) as { error?: { message: string } }).error?.message ?? '') : '' };
  }

  before(async () => {
    estate = await startDemoEstate();
    const login = await fetch(`${estate.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: estate.url }, body: JSON.stringify({ key: OPERATOR_KEY }) });
    assert.equal(login.status, 204);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  });
  after(() => estate.close());

  it('takes a session cookie with the console own Origin or Sec-Fetch-Site: same-origin', async () => {
    assert.equal((await post('/api/policy/preview', { cookie, origin: estate.url })).status, 200);
    assert.equal((await post('/api/policy/preview', { cookie, 'sec-fetch-site': 'same-origin' })).status, 200);
  });

  it('refuses a session cookie without an Origin, with Origin: null, or from another site: 403 naming the reason', async () => {
    const missing = await post('/api/policy/preview', { cookie });
    assert.equal(missing.status, 403);
    assert.match(missing.message, /session cookie must carry the page's Origin/);
    const nullOrigin = await post('/api/policy/preview', { cookie, origin: 'null' });
    assert.deepEqual(nullOrigin, { status: 403, message: 'cross-origin request refused (Origin: null)' });
    const evil = await post('/api/audit/verify', { cookie, origin: 'https://evil.example' }, {});
    assert.equal(evil.status, 403);
    assert.match(evil.message, /Origin https:\/\/evil\.example is not this console's origin/);
    assert.equal((await post('/api/policy/preview', { cookie, 'sec-fetch-site': 'cross-site' })).status, 403);
  });

  it('takes a bearer key without an Origin (scripts), but not from another site', async () => {
    assert.equal((await post('/api/policy/preview', { authorization: `Bearer ${OPERATOR_KEY}` })).status, 200);
    assert.equal((await post('/api/policy/preview', { authorization: `Bearer ${OPERATOR_KEY}`, origin: 'https://evil.example' })).status, 403);
    assert.equal((await post('/api/policy/preview', { authorization: `Bearer ${OPERATOR_KEY}`, origin: 'null' })).status, 403);
  });

  it('refuses a login or logout that does not come from the page', async () => {
    const bare = await post('/api/login', {}, { key: OPERATOR_KEY });
    assert.equal(bare.status, 403);
    assert.match(bare.message, /must come from the dashboard page/);
    assert.equal((await post('/api/login', { origin: 'null' }, { key: OPERATOR_KEY })).status, 403);
    assert.equal((await post('/api/logout', { cookie }, {})).status, 403);
    assert.equal((await fetch(`${estate.url}/api/session`, { headers: { cookie } })).status, 200, 'the refused logout left the session alone');
  });

  it('lets safe methods through without an Origin', async () => {
    assert.equal((await fetch(`${estate.url}/api/overview`, { headers: { cookie } })).status, 200);
  });
});
