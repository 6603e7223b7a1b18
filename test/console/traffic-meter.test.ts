import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_CALL, type AuditRecordInput } from '../../src/domain/index.js';
import { TrafficMeter } from '../../src/console/traffic-meter.js';

const PROVIDERS = [
  { id: 'onprem', hostingCountry: 'KR', deployment: 'on-premises' as const },
  { id: 'kr-cloud', hostingCountry: 'KR', deployment: 'domestic-cloud' as const },
  { id: 'openai', hostingCountry: 'US', deployment: 'foreign-cloud' as const },
];

function record(kind: AuditRecordInput['kind'], fields: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    kind,
    requestId: 'r',
    app: 'app',
    alias: 'chat',
    grade: 'O',
    purpose: 'general',
    highImpact: false,
    findings: {},
    decision: null,
    ...NO_CALL,
    detail: null,
    ...fields,
  };
}

const dispatch = (provider: string, country: string, grade: 'C' | 'S' | 'O', attempt = 1) =>
  record('dispatch', { provider, hostingCountry: country, grade, detail: { attempt } });
const complete = (provider: string, country: string, grade: 'C' | 'S' | 'O', tokens: number, latencyMs: number, outcome: 'ok' | 'error' = 'ok') =>
  record('complete', { provider, hostingCountry: country, grade, outcome, latencyMs, tokens: { prompt: tokens - 1, completion: 1, total: tokens }, detail: { attempt: 1 } });

function meterAt(start: number) {
  const clock = { now: start };
  const meter = new TrafficMeter({ home: 'KR', providers: PROVIDERS, windowSeconds: 120, clock: () => clock.now });
  return { meter, clock };
}

describe('traffic meter', () => {
  it('counts requests, calls, tokens and denials per second by jurisdiction, tier, provider and grade', () => {
    const { meter, clock } = meterAt(1_000_000_000);
    meter.observe(dispatch('onprem', 'KR', 'S'));
    meter.observe(complete('onprem', 'KR', 'S', 10, 20));
    meter.observe(dispatch('openai', 'US', 'O'));
    meter.observe(complete('openai', 'US', 'O', 30, 200));
    clock.now += 1000;
    meter.observe(record('deny', { grade: 'C', outcome: 'denied' }));
    meter.observe(dispatch('kr-cloud', 'KR', 'O'));
    meter.observe(complete('kr-cloud', 'KR', 'O', 5, 50, 'error'));

    const snapshot = meter.snapshot({ seconds: 60, stepSeconds: 1 });
    assert.equal(snapshot.times.length, 60);
    assert.equal(snapshot.times.at(-1), Math.floor(clock.now / 1000) * 1000, 'the last step is the current second');
    assert.deepEqual(snapshot.requests.slice(-2), [2, 2]);
    assert.deepEqual(snapshot.calls.slice(-2), [2, 1]);
    assert.deepEqual(snapshot.tokens.slice(-2), [40, 5]);
    assert.deepEqual(snapshot.denials.slice(-2), [0, 1]);
    assert.deepEqual(snapshot.errors.slice(-2), [0, 1]);
    assert.deepEqual(snapshot.callsByJurisdiction['KR']!.slice(-2), [1, 1]);
    assert.deepEqual(snapshot.callsByJurisdiction['US']!.slice(-2), [1, 0]);
    assert.equal(snapshot.callsByJurisdiction['(other)'], undefined, 'an empty "other" series is left out');
    assert.deepEqual(snapshot.tokensByTier['on-premises']!.slice(-2), [10, 0]);
    assert.deepEqual(snapshot.tokensByTier['domestic-cloud']!.slice(-2), [0, 5]);
    assert.deepEqual(snapshot.tokensByTier['foreign-cloud']!.slice(-2), [30, 0]);
    assert.deepEqual(snapshot.tokensByTier['national-network']!.slice(-2), [0, 0]);
    assert.deepEqual(snapshot.callsByProvider['openai']!.slice(-2), [1, 0]);
    assert.deepEqual(snapshot.requestsByGrade['C']!.slice(-2), [0, 1]);
    assert.deepEqual(snapshot.requestsByGrade['S']!.slice(-2), [1, 0]);
    assert.deepEqual(snapshot.requestsByGrade['O']!.slice(-2), [1, 1]);
    assert.equal(snapshot.lastMinute.requests, 4);
    assert.equal(snapshot.lastMinute.tokens, 45);
    assert.equal(snapshot.lastMinute.byProvider['openai']!.calls, 1);
    assert.equal(snapshot.lastMinute.byProvider['kr-cloud']!.errors, 1);
    assert.equal(snapshot.lastMinute.byProvider['openai']!.latencyMeanMs, 200);
    assert.deepEqual(snapshot.sinceStart, { requests: 4, calls: 3, tokens: 45, denials: 1, startedAt: 1_000_000_000 });
  });

  it('counts a failed-over request once, and each of its calls', () => {
    const { meter } = meterAt(2_000_000_000);
    meter.observe(dispatch('onprem', 'KR', 'O', 1));
    meter.observe(complete('onprem', 'KR', 'O', 0, 5, 'error'));
    meter.observe(dispatch('kr-cloud', 'KR', 'O', 2));
    meter.observe(complete('kr-cloud', 'KR', 'O', 9, 40));
    const minute = meter.snapshot().lastMinute;
    assert.equal(minute.requests, 1);
    assert.equal(minute.calls, 2);
    assert.equal(minute.errors, 1);
  });

  it('flags S and C calls dispatched outside the home country, not O ones', () => {
    const { meter } = meterAt(3_000_000_000);
    meter.observe(dispatch('openai', 'US', 'O'));
    meter.observe(dispatch('onprem', 'KR', 'C'));
    assert.equal(meter.sum('sensitiveAbroad', 60), 0);
    meter.observe(dispatch('openai', 'US', 'S'));
    meter.observe(dispatch('openai', 'US', 'C', 2));
    assert.equal(meter.sum('sensitiveAbroad', 60), 2);
    assert.equal(meter.snapshot().lastMinute.sensitiveAbroad, 2);
  });

  it('forgets seconds that fall out of the window, and sums over steps', () => {
    const { meter, clock } = meterAt(4_000_000_000);
    for (let second = 0; second < 10; second += 1) {
      meter.observe(record('deny', { grade: 'O' }));
      clock.now += 1000;
    }
    assert.equal(meter.sum('denials', 120), 10);
    const stepped = meter.snapshot({ seconds: 20, stepSeconds: 5 });
    assert.equal(stepped.times.length, 4);
    assert.equal(stepped.denials.reduce((a, b) => a + b, 0), 10);
    assert.ok(stepped.denials.every((value) => value <= 5), 'stepped.denials.every((value) => value <= 5)');
    clock.now += 115_000; // the first denials are now more than 120 s old
    meter.observe(record('deny', { grade: 'O' }));
    assert.ok(meter.sum('denials', 120) < 11, 'seconds older than the window are dropped');
    clock.now += 200_000; // a long silence clears the whole ring on the next record
    meter.observe(record('deny', { grade: 'O' }));
    assert.equal(meter.sum('denials', 120), 1);
  });

  it('keeps counting when the clock steps back, and labels unknown providers "(other)"', () => {
    const { meter, clock } = meterAt(5_000_000_000);
    meter.observe(complete('onprem', 'KR', 'O', 1, 1));
    clock.now -= 3000;
    meter.observe(complete('onprem', 'KR', 'O', 1, 1));
    meter.observe(complete('retired-vendor', 'JP', 'O', 7, 1));
    clock.now += 3000;
    const snapshot = meter.snapshot({ seconds: 60, stepSeconds: 60 });
    assert.equal(snapshot.lastMinute.calls, 3);
    assert.deepEqual(snapshot.callsByProvider['(other)'], [1]);
    assert.deepEqual(snapshot.tokensByJurisdiction['(other)'], [7]);
  });

  it('ignores control records (cut, restore, crisis)', () => {
    const { meter } = meterAt(6_000_000_000);
    meter.observe(record('cut', { app: null, grade: null, detail: { scope: { provider: 'openai' } } }));
    assert.deepEqual(meter.snapshot().sinceStart, { requests: 0, calls: 0, tokens: 0, denials: 0, startedAt: 6_000_000_000 });
  });

  it('gives latency percentiles per provider over the last minutes', () => {
    const { meter } = meterAt(7_000_000_000);
    for (let index = 1; index <= 100; index += 1) meter.observe(complete('onprem', 'KR', 'O', 1, index * 10));
    const traffic = meter.snapshot().lastMinute.byProvider['onprem']!;
    assert.ok(traffic.latencyP50Ms! >= 250 && traffic.latencyP50Ms! <= 1000, `p50 ${traffic.latencyP50Ms}`);
    assert.ok(traffic.latencyP95Ms! >= 900 && traffic.latencyP95Ms! <= 1000, `p95 ${traffic.latencyP95Ms}`);
    assert.ok(traffic.latencyP95Ms! > traffic.latencyP50Ms!, 'traffic.latencyP95Ms! > traffic.latencyP50Ms!');
    assert.equal(traffic.latencyMeanMs, 505);
    assert.equal(meter.snapshot().lastMinute.byProvider['openai']!.latencyP50Ms, null, 'no calls: no percentile');
  });
});
