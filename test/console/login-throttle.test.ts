import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryLoginThrottleStore, LoginThrottle, throttleSource } from '../../src/console/login-throttle.js';

describe('login throttle', () => {
  it('lets a few wrong keys through, then holds the answers, doubling up to the maximum, with one lock per window', async () => {
    const clock = { now: 0 };
    const throttle = new LoginThrottle({ freeFailures: 3, windowMs: 60_000, firstDelayMs: 1000, maxDelayMs: 4000, clock: () => clock.now });
    const verdicts = [];
    for (let attempt = 0; attempt < 7; attempt += 1) verdicts.push(await throttle.failure('10.0.0.7'));
    assert.deepEqual(
      verdicts.map((verdict) => [verdict.failures, verdict.delayMs, verdict.locked]),
      [
        [1, 0, false],
        [2, 0, false],
        [3, 0, false],
        [4, 1000, true],
        [5, 2000, false],
        [6, 4000, false],
        [7, 4000, false],
      ],
    );
    assert.equal((await throttle.failure('10.0.0.8')).delayMs, 0, 'another source has its own count');
    clock.now = 60_000;
    const fresh = await throttle.failure('10.0.0.7');
    assert.deepEqual([fresh.failures, fresh.delayMs], [1, 0], 'a new window starts from zero');
  });

  it('counts IPv6 clients by /64 network, IPv4 by address', () => {
    assert.equal(throttleSource('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(throttleSource('2001:db8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
    assert.equal(throttleSource('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(throttleSource('::1'), '0:0:0:0::/64');
    assert.equal(throttleSource('192.0.2.1'), '192.0.2.1');
  });

  it('keeps memory bounded under a spray of sources, forgetting the oldest first', async () => {
    const store = new InMemoryLoginThrottleStore(100);
    for (let index = 0; index < 1000; index += 1) await store.addFailure(`198.51.100.${index}`, 0, 60_000);
    assert.equal(store.size, 100);
    assert.equal(await store.addFailure('198.51.100.999', 0, 60_000), 2, 'the newest are kept');
    assert.equal(await store.addFailure('198.51.100.0', 0, 60_000), 1, 'the oldest were forgotten');
  });
});
