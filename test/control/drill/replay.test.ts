import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseConfig, type Config } from '../../../src/config/index.js';
import { parseScenario, runDrill, ScenarioError, type DrillReport, type ScenarioInput } from '../../../src/control/drill/index.js';
import type { AuditRecord } from '../../../src/domain/index.js';
import { loadPolicyEngine, type PolicyEngine } from '../../../src/policy/index.js';
import { estateConfig, iterate, requestRecord } from './drill-fixtures.js';

/**
 * Replay mechanics over synthetic records with exact times (capacity depends on time), through the
 * real policy engine and the estate of drill-fixtures.ts.
 */

const T = Date.parse('2026-04-01T09:00:00.000Z');
const at = (ms: number) => new Date(T + ms).toISOString();

let config: Config;
let engine: PolicyEngine;

before(async () => {
  config = parseConfig(estateConfig());
  engine = await loadPolicyEngine(config);
});

function scenario(input: Omit<ScenarioInput, 'title'> & { title?: string }) {
  return parseScenario({ title: 'test', ...input }, null, 'test');
}

async function drill(records: AuditRecord[], input: Omit<ScenarioInput, 'title'>, options: { config?: Config; from?: Date } = {}): Promise<DrillReport> {
  return runDrill({ config: options.config ?? config, engine, records: iterate(records), scenario: scenario(input), ...(options.from ? { from: options.from } : {}) });
}

/** 5 S requests then 5 O requests in the same millisecond, then one more S a second later. */
function burst(): AuditRecord[] {
  const records: AuditRecord[] = [];
  let seq = 0;
  for (let index = 0; index < 5; index += 1) records.push(requestRecord(++seq, at(0), { app: 'minwon', alias: 'chat', grade: 'S' }));
  for (let index = 0; index < 5; index += 1) records.push(requestRecord(++seq, at(0), { app: 'research', alias: 'chat', grade: 'O' }));
  records.push(requestRecord(++seq, at(1000), { app: 'minwon', alias: 'chat', grade: 'S' }));
  return records;
}

describe('drill replay', () => {
  it('walks the plan under capacity: a full target overflows to the next permitted one, or the request is not served', async () => {
    const report = await drill(burst(), { cuts: [{ deployment: 'on-premises' }], capacity: [{ provider: 'krcloud', rps: 2 }] });
    const [minwon, research] = report.rows;
    // krcloud takes 2 at once (a second's worth), then 2 per second: 2 S requests at T, 1 at T+1 s.
    assert.equal(minwon!.app, 'minwon');
    assert.equal(minwon!.requests, 6);
    assert.deepEqual(minwon!.failedOver, [{ from: 'onprem/exaone', to: 'krcloud/solar', mode: 'raw', requests: 3 }]);
    assert.equal(minwon!.notServed.length, 1);
    assert.equal(minwon!.notServed[0]!.reason, 'capacity');
    assert.equal(minwon!.notServed[0]!.requests, 3);
    assert.match(minwon!.notServed[0]!.detail, /krcloud\/solar 2 rps/);
    assert.equal(minwon!.status, 'partial');
    // O requests may go abroad: krcloud is full, openai takes them.
    assert.deepEqual(research!.failedOver, [{ from: 'onprem/exaone', to: 'openai/gpt', mode: 'raw', requests: 5 }]);
    assert.equal(research!.status, 'degraded');
    const krcloud = report.providers.find((provider) => provider.provider === 'krcloud')!;
    assert.deepEqual(krcloud, {
      provider: 'krcloud',
      cut: false,
      capacityRps: 2,
      capacitySource: 'scenario',
      baseline: { requests: 0, peakRps: 0 },
      scenario: { requests: 3, peakRps: 2 },
      overflow: 8,
    });
    assert.deepEqual(report.providers.find((provider) => provider.provider === 'onprem')!.baseline, { requests: 11, peakRps: 10 });
    assert.equal(report.providers.find((provider) => provider.provider === 'onprem')!.cut, true);
    // 8 of 11 served; weighted: minwon 3 × 3 of 6 × 3, research 5 of 5 → 14 / 23.
    assert.equal(report.continuity.requestShare, 8 / 11);
    assert.equal(report.continuity.weightedShare, 14 / 23);
    assert.equal(report.continuity.score, 14 / 23);
    assert.deepEqual(
      { ...report.totals },
      { recorded: 11, unreplayable: 0, outOfScope: 0, inScope: 11, same: 0, failedOver: 8, notServed: 3, notServedNoTarget: 0, notServedCapacity: 3 },
    );
  });

  it('resolves capacity shares from the baseline peaks and reads capacityRps from the config', async () => {
    const withConfigCapacity = parseConfig({
      ...estateConfig(),
      providers: estateConfig().providers!.map((provider) => (provider.id === 'openai' ? { ...provider, capacityRps: 1 } : provider)),
    });
    const report = await drill(burst(), { cuts: [{ provider: 'krcloud' }], capacity: [{ provider: 'onprem', baselineShare: 0.5 }, { provider: 'enclave', workloadShare: 0.3 }] }, { config: withConfigCapacity });
    const capacity = Object.fromEntries(report.providers.map((provider) => [provider.provider, [provider.capacityRps, provider.capacitySource]]));
    // Baseline: all 11 on onprem, busiest second 10 → onprem 5 rps; the workload's busiest second is 10 → enclave 3 rps.
    assert.deepEqual(capacity, { onprem: [5, 'scenario'], enclave: [3, 'scenario'], krcloud: [null, null], openai: [1, 'config'] });
    const ignoring = await drill(burst(), { cuts: [{ provider: 'krcloud' }], ignoreConfigCapacity: true }, { config: withConfigCapacity });
    assert.equal(ignoring.providers.find((provider) => provider.provider === 'openai')!.capacityRps, null);
    // Without capacity limits cutting an unused provider changes nothing.
    assert.equal(ignoring.continuity.score, 1);
    assert.equal(ignoring.totals.same, 11);
    assert.ok(ignoring.rows.every((row) => row.status === 'unaffected'));
  });

  it('counts one request per deny or first dispatch, and keeps what the ledger recorded', async () => {
    const records = [
      requestRecord(1, at(0), { app: 'research', alias: 'chat', grade: 'O', kind: 'dispatch', provider: 'onprem', attempt: 1 }),
      requestRecord(2, at(10), { app: 'research', alias: 'chat', grade: 'O', kind: 'complete', provider: 'onprem', attempt: 1, outcome: 'error' }),
      requestRecord(3, at(20), { app: 'research', alias: 'chat', grade: 'O', kind: 'dispatch', provider: 'krcloud', attempt: 2 }),
      requestRecord(4, at(30), { app: 'research', alias: 'chat', grade: 'O', kind: 'complete', provider: 'krcloud', attempt: 2, outcome: 'ok' }),
      requestRecord(5, at(40), { app: 'minwon', alias: 'gpt', grade: 'S', kind: 'deny' }),
    ];
    const report = await drill(records, { cuts: [{ jurisdiction: 'US' }] });
    assert.equal(report.totals.recorded, 2);
    const research = report.rows.find((row) => row.app === 'research')!;
    assert.deepEqual(research.recorded, { served: 1, denied: 0 });
    assert.equal(research.requests, 1);
    assert.equal(research.same, 1);
    // S data to a US vendor is denied even without cuts: out of scope, not a loss of continuity.
    const minwon = report.rows.find((row) => row.app === 'minwon')!;
    assert.deepEqual(minwon.recorded, { served: 0, denied: 1 });
    assert.equal(minwon.outOfScope, 1);
    assert.equal(minwon.requests, 0);
    assert.equal(minwon.status, 'out-of-scope');
    assert.equal(minwon.continuity, null);
    assert.equal(report.continuity.inScope, 1);
    assert.equal(report.continuity.score, 1);
  });

  it('explains a request with no permitted target left in the planner’s words', async () => {
    const records = [requestRecord(1, at(0), { app: 'research', alias: 'gpt', grade: 'O' }), requestRecord(2, at(5), { app: 'research', alias: 'embed', grade: 'O' })];
    const report = await drill(records, { cuts: [{ jurisdiction: 'US' }, { deployment: 'on-premises' }] });
    const gpt = report.rows.find((row) => row.alias === 'gpt')!;
    assert.equal(gpt.status, 'down');
    assert.equal(gpt.notServed[0]!.reason, 'no-permitted-target');
    assert.match(gpt.notServed[0]!.detail, /every target permitted for this request is cut \(openai\)/);
    assert.equal(report.continuity.score, 0);
    assert.equal(report.totals.notServedNoTarget, 2);
  });

  it('replays apps and aliases that left the config as far as it can, and says so', async () => {
    const records = [
      requestRecord(1, at(0), { app: 'retired-app', alias: 'chat', grade: 'O' }),
      requestRecord(2, at(5), { app: 'research', alias: 'retired-alias', grade: 'O' }),
      requestRecord(3, at(6), { app: 'research', alias: 'chat', grade: 'O' }),
    ];
    const report = await drill(records, { cuts: [{ provider: 'openai' }] });
    assert.equal(report.totals.recorded, 3);
    assert.equal(report.totals.unreplayable, 1);
    assert.equal(report.totals.inScope, 2);
    assert.deepEqual(report.rows.map((row) => [row.app, row.alias, row.criticality]), [['research', 'chat', 1], ['retired-app', 'chat', 1]]);
    assert.ok(report.warnings.some((warning) => /app "retired-app" is not in the config/.test(warning)));
    assert.ok(report.warnings.some((warning) => /1 requests not replayed: alias "retired-alias" is not in the config/.test(warning)));
  });

  it('sorts records that arrive slightly out of time order and skips those before `from`', async () => {
    const records = [
      requestRecord(1, at(-60_000), { app: 'research', alias: 'chat', grade: 'O' }),
      requestRecord(2, at(2000), { app: 'research', alias: 'chat', grade: 'O' }),
      requestRecord(3, at(1000), { app: 'research', alias: 'chat', grade: 'O' }),
    ];
    const report = await drill(records, { cuts: [{ provider: 'openai' }] }, { from: new Date(T) });
    assert.equal(report.totals.recorded, 2);
    assert.equal(report.window.firstRequest, at(1000));
    assert.equal(report.window.lastRequest, at(2000));
    assert.equal(report.window.since, new Date(T).toISOString());
  });

  it('warns about a cut that matches nothing and refuses a provider the config does not have', async () => {
    const records = [requestRecord(1, at(0), { app: 'research', alias: 'chat', grade: 'O' })];
    const report = await drill(records, { cuts: [{ jurisdiction: 'CN' }] });
    assert.deepEqual(report.warnings, ['cuts[0] (jurisdiction CN) matches no provider of the config']);
    await assert.rejects(drill(records, { cuts: [{ provider: 'nope' }], capacity: [{ provider: 'gone', rps: 1 }] }), (error: unknown) => {
      assert.ok(error instanceof ScenarioError);
      assert.deepEqual(error.issues.map((issue) => issue.path), ['cuts[0].provider', 'capacity[0].provider']);
      assert.match(error.message, /unknown provider "nope" \(config has: onprem, enclave, krcloud, openai\)/);
      return true;
    });
  });

  it('asks the planner with the crisis flag for the scenario only, never for the baseline', async () => {
    const seen: { crisis: boolean; cut: boolean; provider: string }[] = [];
    const spy: PolicyEngine = {
      version: engine.version,
      clearCache: () => engine.clearCache(),
      evaluate(request, target, cut) {
        seen.push({ crisis: request.crisis, cut, provider: target.provider });
        return engine.evaluate(request, target, cut);
      },
    };
    const records = [requestRecord(1, at(0), { app: 'research', alias: 'gpt', grade: 'O' })];
    const report = await runDrill({ config, engine: spy, records: iterate(records), scenario: scenario({ cuts: [{ provider: 'openai' }], crisis: true }) });
    assert.equal(report.scenario.crisis, true);
    assert.ok(seen.some((call) => !call.crisis && !call.cut), 'baseline asked without crisis and without cut');
    assert.ok(seen.some((call) => call.crisis && call.cut), 'scenario asked with crisis and the cut');
    assert.ok(!seen.some((call) => !call.crisis && call.cut), 'a cut is never evaluated outside the scenario');
  });

  it('handles an empty ledger', async () => {
    const report = await drill([], { cuts: [{ provider: 'openai' }] });
    assert.equal(report.continuity.score, null);
    assert.deepEqual(report.rows, []);
    assert.deepEqual(report.timeline.buckets, []);
    assert.equal(report.window.firstRequest, null);
  });
});
