import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SovereigntyIndicators } from '../../src/control/indicators/index.js';
import type { AuditRecord } from '../../src/domain/index.js';
import { indicatorValues, trendBucketMs } from '../../src/console/indicators-cache.js';
import { PeekableRecords } from '../../src/console/peekable-records.js';

async function* records(times: string[]): AsyncGenerator<AuditRecord> {
  let seq = 0;
  for (const time of times) yield { seq: ++seq, time } as AuditRecord;
}

async function collect(source: AsyncIterable<AuditRecord>): Promise<number[]> {
  const out: number[] = [];
  for await (const record of source) out.push(record.seq);
  return out;
}

describe('indicator trend', () => {
  it('splits one scan into consecutive time buckets without losing or repeating a record', async () => {
    const source = new PeekableRecords(records(['2026-01-01T00:00:01Z', '2026-01-01T00:00:09Z', '2026-01-01T00:00:10Z', '2026-01-01T00:00:25Z', '2026-01-01T00:00:40Z']));
    assert.deepEqual(await collect(source.until('2026-01-01T00:00:10Z')), [1, 2]);
    assert.deepEqual(await collect(source.until('2026-01-01T00:00:20Z')), [3]);
    assert.deepEqual(await collect(source.until('2026-01-01T00:00:30Z')), [4]);
    assert.deepEqual(await collect(source.until('2026-01-01T00:00:30Z')), [], 'an empty bucket');
    assert.deepEqual(await collect(source.until('2026-01-02T00:00:00Z')), [5]);
    assert.deepEqual(await collect(source.until('2026-01-03T00:00:00Z')), []);
    await source.close();
  });

  it('uses the whole window on a full ledger, and only the span with records on a young one', () => {
    const to = new Date('2026-01-02T00:00:00Z');
    const from = new Date('2026-01-01T00:00:00Z');
    assert.equal(trendBucketMs(from, to, null, 12), 2 * 3600_000, 'no records: the window');
    assert.equal(trendBucketMs(from, to, new Date('2025-12-31T00:00:00Z'), 12), 2 * 3600_000);
    assert.equal(trendBucketMs(from, to, new Date('2026-01-01T23:00:00Z'), 12), 300_000, 'one hour of records: 5-minute steps');
    assert.equal(trendBucketMs(from, to, new Date('2026-01-01T23:59:30Z'), 12), 10_000, 'never below 10 s');
  });

  it('turns the indicators module report into the overview figures, trend and alarms', () => {
    const ratio = (count: number, of: number) => ({ count, of, share: of > 0 ? count / of : null });
    const report = (domestic: number, of: number, sensitiveOk: boolean) =>
      ({
        requests: { total: of, denied: 1 },
        domestic: { requests: ratio(domestic, of), tokens: ratio(domestic * 10, of * 10) },
        sensitiveInCountry: { all: ratio(sensitiveOk ? 4 : 3, 4), alarm: !sensitiveOk },
        foreignLawExposure: { tokens: ratio(of - domestic, of) },
        concentration: { byOperator: { hhi: 6000 }, byJurisdiction: { hhi: 5000 } },
        models: { openWeights: { tokens: ratio(1, 2) }, domesticOrigin: { tokens: ratio(1, 4) } },
        personalData: { total: { raw: { items: 3 }, pseudonymized: { items: 1 }, blocked: { requests: 2 } } },
        continuity: [
          { scenario: 'a', score: 0.8 },
          { scenario: 'b', score: 0.95 },
        ],
      }) as unknown as SovereigntyIndicators;
    const values = indicatorValues(report(9, 10, false), [report(1, 2, true), report(0, 0, true)]);
    const byKey = Object.fromEntries(values.map((value) => [value.key, value]));
    assert.equal(byKey['domesticRequests']!.value, 0.9);
    assert.deepEqual(byKey['domesticRequests']!.trend, [0.5, null], 'a bucket without traffic has no value, not 0 %');
    assert.equal(byKey['sensitiveInCountry']!.value, 0.75);
    assert.equal(byKey['sensitiveInCountry']!.alarm, true);
    assert.equal(byKey['hhiOperator']!.alarm, true, 'above 2,500 is highly concentrated');
    assert.equal(byKey['hhiJurisdiction']!.alarm, undefined, 'all traffic at home is concentration by design, not an alarm');
    assert.equal(byKey['personalPseudonymized']!.value, 0.25);
    assert.equal(byKey['personalBlocked']!.value, 2);
    assert.equal(byKey['deniedShare']!.value, 0.1);
    assert.equal(byKey['continuityWorst']!.value, 0.8);
  });
});
