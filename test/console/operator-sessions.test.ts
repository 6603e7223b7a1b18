import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { OperatorSessions, SESSION_COOKIE, clearedSessionCookie, sessionCookie, sessionIdOf } from '../../src/console/operator-sessions.js';
import { InMemorySessionStore } from '../../src/console/session-store.js';

function request(headers: Record<string, string> = {}, encrypted = false): IncomingMessage {
  return { headers, socket: { encrypted } } as unknown as IncomingMessage;
}

const withCookie = (id: string) => request({ cookie: `other=1; ${SESSION_COOKIE}=${id}` });

describe('operator sessions', () => {
  it('exchanges the right key for a session id and refuses a wrong one', async () => {
    const sessions = new OperatorSessions('the-operator-key');
    assert.equal(await sessions.login('wrong'), undefined);
    assert.equal(await sessions.login('the-operator-key '), undefined, 'no trimming: the key must match exactly');
    const id = await sessions.login('the-operator-key');
    assert.ok(id && id.length >= 40, 'a 256-bit id');
    assert.equal(await sessions.fromCookie(withCookie(id)), true);
    assert.equal(await sessions.fromCookie(withCookie(`${id}x`)), false);
    assert.equal(await sessions.fromCookie(request()), false);
  });

  it('checks keys in constant time, and matches nothing without an operator key', () => {
    const sessions = new OperatorSessions('the-operator-key');
    assert.equal(sessions.keyMatches('the-operator-key'), true);
    assert.equal(sessions.keyMatches('the-admin-key'), false);
    const disabled = new OperatorSessions(undefined);
    assert.equal(disabled.enabled, false);
    assert.equal(disabled.keyMatches(''), false);
  });

  it('ends a session after the idle time and after the maximum age, and on logout', async () => {
    const clock = { now: 0 };
    const sessions = new OperatorSessions('k', { idleMs: 1000, maxAgeMs: 5000, clock: () => clock.now });
    const idle = (await sessions.login('k'))!;
    clock.now = 1001;
    assert.equal(await sessions.fromCookie(withCookie(idle)), false, 'idle too long');

    const busy = (await sessions.login('k'))!;
    for (clock.now = 1500; clock.now <= 6000; clock.now += 500) {
      const alive = await sessions.fromCookie(withCookie(busy));
      assert.equal(alive, clock.now - 1001 <= 5000, `at ${clock.now}`);
    }

    const third = (await sessions.login('k'))!;
    await sessions.logout(withCookie(third));
    assert.equal(await sessions.fromCookie(withCookie(third)), false);
  });

  it('keeps at most maxSessions in the in-memory store, dropping the least recently used, and stores only digests', async () => {
    const store = new InMemorySessionStore(3);
    const sessions = new OperatorSessions('k', { store });
    const ids = await Promise.all(Array.from({ length: 3 }, () => sessions.login('k')));
    assert.equal(await sessions.fromCookie(withCookie(ids[0]!)), true, 'the first one is used again: now the most recent');
    await sessions.login('k');
    await sessions.login('k');
    assert.equal(store.size, 3);
    assert.equal(await sessions.fromCookie(withCookie(ids[0]!)), true);
    assert.equal(await sessions.fromCookie(withCookie(ids[1]!)), false);
    assert.equal(await store.get(ids[0]!, 0), undefined, 'the store is keyed by digests, not by ids');
  });

  it('sets an HttpOnly SameSite=Strict cookie, Secure behind TLS', () => {
    const plain = sessionCookie('abc', 60, request());
    assert.match(plain, /^jaju_operator=abc; Path=\/; HttpOnly; SameSite=Strict; Max-Age=60$/);
    assert.match(sessionCookie('abc', 60, request({ 'x-forwarded-proto': 'https' })), /; Secure$/);
    assert.match(sessionCookie('abc', 60, request({}, true)), /; Secure$/);
    assert.match(clearedSessionCookie(request()), /Max-Age=0/);
    assert.equal(sessionIdOf(request({ cookie: 'a=b; jaju_operator=' })), undefined);
  });
});
