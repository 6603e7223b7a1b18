import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openLedger, type AuditLedger } from '../../../src/audit/index.js';
import { parseConfig, type Config } from '../../../src/config/index.js';
import type { ContinuityResult } from '../../../src/control/drill/index.js';
import { computeIndicators, indicatorGauges, renderIndicatorsText, type SovereigntyIndicators } from '../../../src/control/indicators/index.js';
import { NO_CALL, type AuditRecordInput, type FindingCounts, type Grade, type SendMode } from '../../../src/domain/index.js';
import { tempDir } from '../../helpers/temp-dir.js';

/**
 * A ledger of known records, built through the real ledger API, and every indicator checked against
 * figures computed by hand from it (the arithmetic is spelled out next to each assertion).
 */

const PROFILES = {
  onprem: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises', openWeights: true, weightsOrigin: 'KR' },
  krcloud: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'domestic-cloud', openWeights: false, weightsOrigin: 'KR', certifications: ['CSAP-high'] },
  openai: { operatorCountry: 'US', hostingCountry: 'US', deployment: 'foreign-cloud', openWeights: false, weightsOrigin: 'US' },
  mistral: { operatorCountry: 'FR', hostingCountry: 'FR', deployment: 'foreign-cloud', openWeights: true, weightsOrigin: 'FR' },
} as const;
type ProviderId = keyof typeof PROFILES;

function configFor(dir: string): Config {
  return parseConfig({
    home: 'KR',
    store: { sqlite: join(dir, 'jaju.db') },
    providers: (Object.keys(PROFILES) as ProviderId[]).map((id) => ({ id, type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', sovereignty: PROFILES[id] })),
    models: [{ alias: 'chat', targets: [{ provider: 'onprem', model: 'm' }] }],
  });
}

const BASE: AuditRecordInput = {
  kind: 'dispatch',
  requestId: null,
  app: 'app-a',
  alias: 'chat',
  grade: 'O',
  purpose: 'general',
  highImpact: false,
  findings: {},
  decision: { permitted: [], denied: [], rules: [] },
  ...NO_CALL,
  detail: null,
};

let clock = Date.parse('2026-03-02T00:00:00.000Z');
const tick = () => new Date((clock += 1000)).toISOString();

function target(provider: ProviderId, mode: SendMode) {
  return { provider, model: 'm', operatorCountry: PROFILES[provider].operatorCountry, hostingCountry: PROFILES[provider].hostingCountry, mode };
}

/** One upstream attempt: its dispatch and complete records. */
function call(requestId: string, grade: Grade, provider: ProviderId, options: { attempt?: number; mode?: SendMode; findings?: FindingCounts; tokens?: number | null; outcome?: 'ok' | 'error'; complete?: boolean }): AuditRecordInput[] {
  const attempt = options.attempt ?? 1;
  const common = { ...BASE, requestId, grade, findings: options.findings ?? {}, ...target(provider, options.mode ?? 'raw') };
  const dispatch: AuditRecordInput = { ...common, kind: 'dispatch', time: tick(), detail: { attempt, endpoint: 'chat', stream: false } };
  if (options.complete === false) return [dispatch];
  const total = options.tokens ?? null;
  const complete: AuditRecordInput = {
    ...common,
    kind: 'complete',
    time: tick(),
    outcome: options.outcome ?? 'ok',
    status: options.outcome === 'error' ? 502 : 200,
    latencyMs: 40,
    tokens: total === null ? null : { prompt: total / 2, completion: total / 2, total },
    detail: { attempt, endpoint: 'chat', stream: false },
  };
  return [dispatch, complete];
}

function deny(requestId: string, status: 403 | 503, findings: FindingCounts = {}): AuditRecordInput {
  return { ...BASE, kind: 'deny', requestId, time: tick(), findings, outcome: 'denied', status, detail: { endpoint: 'chat', reason: 'test' } };
}

function control(kind: 'cut' | 'restore'): AuditRecordInput {
  return { ...BASE, kind, app: null, alias: null, grade: null, purpose: null, findings: {}, decision: null, time: tick(), detail: { scope: { provider: 'openai' } } };
}

describe('computeIndicators over a known ledger', () => {
  let ledger: AuditLedger;
  let config: Config;
  let from: Date;
  let to: Date;
  let indicators: SovereigntyIndicators;
  const continuity: ContinuityResult[] = [
    { scenario: 'onprem-down', title: 'On-prem down', score: 0.5, weighting: 'criticality', requests: 10, served: 5, window: { from: null, to: null }, ranAt: '2026-03-01T00:00:00.000Z' },
    { scenario: 'foreign-cloud-cut', title: 'Foreign cloud cut', score: 0.9, weighting: 'requests', requests: 10, served: 9, window: { from: null, to: null }, ranAt: '2026-03-01T00:00:00.000Z' },
  ];

  before(async () => {
    config = configFor(dir);
    ledger = await openLedger(config, { anchorTimer: false });
    // Before the window: a huge foreign call that must not count.
    const early = call('r0', 'O', 'openai', { tokens: 1_000_000 });
    from = new Date(clock + 500);
    const inside: AuditRecordInput[] = [
      ...call('r1', 'S', 'onprem', { tokens: 500 }),
      ...call('r2', 'O', 'openai', { tokens: 200, mode: 'pseudonymized', findings: { EMAIL: 2 } }),
      ...call('r3', 'O', 'krcloud', { tokens: 100, mode: 'pseudonymized', findings: { KR_RRN: 1, KR_PHONE: 1 } }),
      // r4 fails over: openai errors, mistral answers; the name went raw to both.
      ...call('r4', 'O', 'openai', { attempt: 1, outcome: 'error', tokens: null, findings: { PERSON_NAME: 1 } }),
      ...call('r4', 'O', 'mistral', { attempt: 2, tokens: 100, findings: { PERSON_NAME: 1 } }),
      deny('r5', 403, { KR_RRN: 2 }),
      deny('r6', 503),
      control('cut'),
      // r7: S data to a US-operated target, the violation the alarm exists for.
      ...call('r7', 'S', 'openai', { tokens: 100 }),
      control('restore'),
      // r8: dispatched, never completed (in flight or crashed).
      ...call('r8', 'O', 'onprem', { complete: false }),
    ];
    to = new Date(clock + 500);
    const late = call('r9', 'C', 'openai', { tokens: 1_000_000 });
    for (const record of [...early, ...inside, ...late]) await ledger.append(record);
    indicators = await computeIndicators(ledger.scan({ sinceTime: from.toISOString() }), { config, from, to, continuity });
  });
  after(async () => {
    await ledger.close();
  });
  // The folder's removal is registered after the close above, so the ledger closes before its folder goes.
  const dir = tempDir();

  it('counts records and requests inside the window only', () => {
    // 7 dispatches + 6 completes + 2 denies; cut/restore and r0/r9 are not request records of the window.
    assert.equal(indicators.records, 15);
    // deny r5, r6 + first dispatches r1, r2, r3, r4, r7, r8 = 8; served r1 r2 r3 r4 r7 = 5; failed = 8 − 5 − 2 = 1 (r8).
    assert.deepEqual(indicators.requests, { total: 8, served: 5, denied: 2, deniedByPolicy: 1, deniedUnavailable: 1, failed: 1 });
    // 500 + 200 + 100 + 100 + 100 (r4's failed attempt has no tokens).
    assert.equal(indicators.tokens, 1000);
    assert.equal(indicators.window.from, from.toISOString());
    assert.equal(indicators.window.to, to.toISOString());
    assert.ok(indicators.window.firstRecord! >= from.toISOString() && indicators.window.lastRecord! < to.toISOString());
  });

  it('measures domestic share and foreign-law exposure', () => {
    // Hosted in KR: r1 (onprem, 500) and r3 (krcloud, 100) of 5 served / 1000 tokens.
    assert.deepEqual(indicators.domestic.requests, { count: 2, of: 5, share: 0.4 });
    assert.deepEqual(indicators.domestic.tokens, { count: 600, of: 1000, share: 0.6 });
    // Operator outside KR: r2, r7 (US, 300 tokens), r4 (FR, 100 tokens).
    assert.deepEqual(indicators.foreignLawExposure.requests, { count: 3, of: 5, share: 0.6 });
    assert.deepEqual(indicators.foreignLawExposure.tokens, { count: 400, of: 1000, share: 0.4 });
    assert.deepEqual(indicators.foreignLawExposure.byOperatorCountry, { FR: { requests: 1, tokens: 100 }, US: { requests: 2, tokens: 300 } });
  });

  it('computes HHI by operator and by jurisdiction, by tokens and by requests', () => {
    const { byOperator, byJurisdiction } = indicators.concentration;
    // Tokens by operator: onprem .5, openai .3, krcloud .1, mistral .1 → 50² + 30² + 10² + 10² = 3600.
    assert.ok(Math.abs(byOperator.hhi! - 3600) < 1e-9, `HHI ${byOperator.hhi}`);
    assert.equal(byOperator.level, 'high');
    assert.equal(byOperator.top, 'onprem');
    // Requests by operator: onprem 1, openai 2, krcloud 1, mistral 1 of 5 → 20² + 40² + 20² + 20² = 2800.
    assert.ok(Math.abs(byOperator.hhiByRequests! - 2800) < 1e-9);
    assert.deepEqual(
      byOperator.shares.map((share) => [share.key, share.tokens, share.requests]),
      [['onprem', 500, 1], ['openai', 300, 2], ['krcloud', 100, 1], ['mistral', 100, 1]],
    );
    // Tokens by operator country: KR .6, US .3, FR .1 → 3600 + 900 + 100 = 4600; requests KR 2, US 2, FR 1 → 1600 + 1600 + 400.
    assert.ok(Math.abs(byJurisdiction.hhi! - 4600) < 1e-9);
    assert.ok(Math.abs(byJurisdiction.hhiByRequests! - 3600) < 1e-9);
    assert.equal(byJurisdiction.top, 'KR');
  });

  it('checks that S and C sends stayed in the home jurisdiction, and raises the alarm when not', () => {
    const sensitive = indicators.sensitiveInCountry;
    // S sends: r1 to onprem (KR/KR) and r7 to openai (US/US); no C send in the window (r9 is after it).
    assert.deepEqual(sensitive.S, { count: 1, of: 2, share: 0.5 });
    assert.deepEqual(sensitive.C, { count: 0, of: 0, share: null });
    assert.deepEqual(sensitive.all, { count: 1, of: 2, share: 0.5 });
    assert.equal(sensitive.alarm, true);
    assert.equal(sensitive.violations.length, 1);
    assert.deepEqual(
      { requestId: sensitive.violations[0]!.requestId, provider: sensitive.violations[0]!.provider, operatorCountry: sensitive.violations[0]!.operatorCountry },
      { requestId: 'r7', provider: 'openai', operatorCountry: 'US' },
    );
    assert.deepEqual(
      indicators.alarms.map((alarm) => [alarm.severity, alarm.code]),
      // Jurisdiction concentration on the home country is the goal, not a warning.
      [['alarm', 'sensitive-outside-home'], ['warning', 'operator-concentration']],
    );
  });

  it('measures open-weight and domestic-origin shares from the declared profiles', () => {
    // Open weights: onprem (500) and mistral (100); domestic origin: onprem (500) and krcloud (100).
    assert.deepEqual(indicators.models.openWeights.requests, { count: 2, of: 5, share: 0.4 });
    assert.deepEqual(indicators.models.openWeights.tokens, { count: 600, of: 1000, share: 0.6 });
    assert.deepEqual(indicators.models.domesticOrigin.requests, { count: 2, of: 5, share: 0.4 });
    assert.deepEqual(indicators.models.domesticOrigin.tokens, { count: 600, of: 1000, share: 0.6 });
    assert.equal(indicators.models.unknownProvider, 0);
  });

  it('counts personal data sent raw, pseudonymized and blocked, by type', () => {
    const flows = indicators.personalData.byType;
    assert.deepEqual(flows.EMAIL, { raw: { sends: 0, items: 0 }, pseudonymized: { sends: 1, items: 2 }, blocked: { requests: 0, items: 0 } });
    assert.deepEqual(flows.KR_RRN, { raw: { sends: 0, items: 0 }, pseudonymized: { sends: 1, items: 1 }, blocked: { requests: 1, items: 2 } });
    assert.deepEqual(flows.KR_PHONE, { raw: { sends: 0, items: 0 }, pseudonymized: { sends: 1, items: 1 }, blocked: { requests: 0, items: 0 } });
    // r4's name went raw to both targets it tried.
    assert.deepEqual(flows.PERSON_NAME, { raw: { sends: 2, items: 2 }, pseudonymized: { sends: 0, items: 0 }, blocked: { requests: 0, items: 0 } });
    assert.deepEqual(Object.keys(flows).sort(), ['EMAIL', 'KR_PHONE', 'KR_RRN', 'PERSON_NAME']);
    assert.deepEqual(indicators.personalData.total, { raw: { sends: 2, items: 2 }, pseudonymized: { sends: 3, items: 4 }, blocked: { requests: 1, items: 2 } });
  });

  it('reports the latest continuity per scenario, sorted by name, and stays JSON-serialisable', () => {
    assert.deepEqual(indicators.continuity.map((result) => [result.scenario, result.score]), [['foreign-cloud-cut', 0.9], ['onprem-down', 0.5]]);
    assert.deepEqual(JSON.parse(JSON.stringify(indicators)), indicators);
    const text = renderIndicatorsText(indicators);
    assert.match(text, /S\/C sends in-country\s+50\.0% \(1 of 2\)\s+ALARM/);
    assert.match(text, /HHI by operator\s+3600 high by tokens/);
    assert.match(text, /onprem-down\s+50\.0%/);
  });

  it('flattens into gauges for /metrics, leaving out what the window does not define', () => {
    const gauges = indicatorGauges(indicators);
    assert.equal(gauges['domestic_request_share'], 0.4);
    assert.equal(gauges['sensitive_in_country_share'], 0.5);
    assert.equal(gauges['sensitive_outside_home_sends'], 1);
    assert.ok(Math.abs(gauges['operator_hhi']! - 3600) < 1e-9);
    assert.equal(gauges['alarms'], 1);
    assert.equal(gauges['continuity_score_onprem_down'], 0.5);
    assert.equal(gauges['continuity_score_foreign_cloud_cut'], 0.9);
    assert.ok(Object.keys(gauges).every((name) => /^[a-z_][a-z0-9_]*$/.test(name)));
  });

  it('gives null shares and no alarm for an empty window', async () => {
    const empty = await computeIndicators(ledger.scan(), { config, from: new Date('2030-01-01T00:00:00Z') });
    assert.equal(empty.records, 0);
    assert.deepEqual(empty.domestic.requests, { count: 0, of: 0, share: null });
    assert.equal(empty.concentration.byOperator.hhi, null);
    assert.equal(empty.concentration.byOperator.level, null);
    assert.equal(empty.sensitiveInCountry.alarm, false);
    assert.deepEqual(empty.alarms, []);
    assert.deepEqual(empty.continuity, []);
    const gauges = indicatorGauges(empty);
    assert.equal(gauges['requests_total'], 0);
    assert.equal('domestic_request_share' in gauges, false, 'no traffic is no data, not 0 %');
    assert.equal('operator_hhi' in gauges, false);
  });

  it('counts a served call on a provider missing from the config as unknown, never as open or domestic', async () => {
    const records = (async function* () {
      for (const input of call('x1', 'O', 'openai', { tokens: 10 })) {
        yield { ...input, provider: 'retired-vendor', seq: 1, time: input.time!, prevHash: '', hash: '' };
      }
    })();
    const result = await computeIndicators(records, { config });
    assert.equal(result.models.unknownProvider, 1);
    assert.equal(result.models.openWeights.requests.count, 0);
    assert.equal(result.models.domesticOrigin.requests.count, 0);
    assert.equal(result.concentration.byOperator.top, 'retired-vendor');
  });
});
