import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { LoginThrottle } from '../../src/console/login-throttle.js';
import { OperatorSessions, SESSION_COOKIE, clearedSessionCookie, sessionCookie, sessionIdOf } from '../../src/console/operator-sessions.js';

function request(headers: Record<string, string> = {}, encrypted = false): IncomingMessage {
  return { headers, socket: { encrypted } } as unknown as IncomingMessage;
}

describe('operator sessions', () => {
  it('exchanges the right key for a session id and refuses a wrong one', () => {
    const sessions = new OperatorSessions('the-operator-key');
    assert.equal(sessions.login('wrong'), undefined);
    assert.equal(sessions.login('the-operator-key '), undefined, 'no trimming: the key must match exactly');
    const id = sessions.login('the-operator-key');
    assert.ok(id && id.length >= 40, 'id && id.length >= 40');
    assert.equal(sessions.authenticate(request({ cookie: `other=1; ${SESSION_COOKIE}=${id}` })), true);
    assert.equal(sessions.authenticate(request({ cookie: `${SESSION_COOKIE}=${id}x` })), false);
    assert.equal(sessions.authenticate(request()), false);
  });

  it('accepts the operator key as a bearer token, and nothing else', () => {
    const sessions = new OperatorSessions('the-operator-key');
    assert.equal(sessions.authenticate(request({ authorization: 'Bearer the-operator-key' })), true);
    assert.equal(sessions.authenticate(request({ authorization: 'Bearer the-admin-key' })), false);
    assert.equal(sessions.authenticate(request({ authorization: 'Basic dGhlLW9wZXJhdG9yLWtleQ==' })), false);
  });

  it('ends a session after the idle time and after the maximum age, and on logout', () => {
    const clock = { now: 0 };
    const sessions = new OperatorSessions('k', { idleMs: 1000, maxAgeMs: 5000, clock: () => clock.now });
    const idle = sessions.login('k')!;
    clock.now = 1001;
    assert.equal(sessions.authenticate(request({ cookie: `${SESSION_COOKIE}=${idle}` })), false, 'idle too long');

    const busy = sessions.login('k')!;
    for (clock.now = 1500; clock.now <= 6000; clock.now += 500) {
      const alive = sessions.authenticate(request({ cookie: `${SESSION_COOKIE}=${busy}` }));
      assert.equal(alive, clock.now - 1001 <= 5000, `at ${clock.now}`);
    }

    const third = sessions.login('k')!;
    sessions.logout(request({ cookie: `${SESSION_COOKIE}=${third}` }));
    assert.equal(sessions.authenticate(request({ cookie: `${SESSION_COOKIE}=${third}` })), false);
  });

  it('keeps at most maxSessions, dropping the oldest', () => {
    const sessions = new OperatorSessions('k', { maxSessions: 3 });
    const ids = Array.from({ length: 5 }, () => sessions.login('k')!);
    assert.equal(sessions.size, 3);
    assert.equal(sessions.authenticate(request({ cookie: `${SESSION_COOKIE}=${ids[0]}` })), false);
    assert.equal(sessions.authenticate(request({ cookie: `${SESSION_COOKIE}=${ids[4]}` })), true);
  });

  it('is disabled without an operator key', () => {
    const sessions = new OperatorSessions(undefined);
    assert.equal(sessions.enabled, false);
    assert.equal(sessions.login(''), undefined);
    assert.equal(sessions.authenticate(request({ authorization: 'Bearer ' })), false);
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

describe('login throttle', () => {
  it('blocks an address after too many wrong keys, until the window passes', () => {
    const clock = { now: 0 };
    const throttle = new LoginThrottle(3, 60_000, () => clock.now);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      assert.equal(throttle.retryAfterMs('1.2.3.4'), 0);
      throttle.recordFailure('1.2.3.4');
    }
    clock.now = 10_000;
    assert.equal(throttle.retryAfterMs('1.2.3.4'), 50_000);
    assert.equal(throttle.retryAfterMs('5.6.7.8'), 0, 'other addresses are not affected');
    clock.now = 60_000;
    assert.equal(throttle.retryAfterMs('1.2.3.4'), 0);
  });

  it('forgets the failures of an address that then logs in', () => {
    const throttle = new LoginThrottle(2, 60_000, () => 0);
    throttle.recordFailure('a');
    throttle.recordSuccess('a');
    throttle.recordFailure('a');
    assert.equal(throttle.retryAfterMs('a'), 0);
  });
});
