import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSince } from '../../src/audit/parse-since.js';

describe('--since', () => {
  const now = new Date('2026-06-30T12:00:00.000Z');

  it('takes a duration back from now', () => {
    assert.equal(parseSince('30m', now), '2026-06-30T11:30:00.000Z');
    assert.equal(parseSince('24h', now), '2026-06-29T12:00:00.000Z');
    assert.equal(parseSince('7d', now), '2026-06-23T12:00:00.000Z');
    assert.equal(parseSince('2w', now), '2026-06-16T12:00:00.000Z');
    assert.equal(parseSince('45s', now), '2026-06-30T11:59:15.000Z');
  });

  it('takes an ISO 8601 date or time, with or without a zone', () => {
    assert.equal(parseSince('2026-06-01', now), '2026-06-01T00:00:00.000Z');
    assert.equal(parseSince('2026-06-01T09:00:00+09:00', now), '2026-06-01T00:00:00.000Z');
    assert.equal(parseSince('2026-06-01T09:30:15.250Z', now), '2026-06-01T09:30:15.250Z');
  });

  it('rejects anything else with a one-line reason', () => {
    for (const value of ['', 'yesterday', '7', '7y', '-7d', '2026-13-45', '06/01/2026']) {
      assert.throws(() => parseSince(value, now), (error: unknown) => error instanceof RangeError && !error.message.includes('\n'), value);
    }
  });
});
