import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseConfig, type Config } from '../../../src/config/index.js';
import { parseScenario, runDrill, type DrillReport, type DrillRow, type ScenarioInput } from '../../../src/control/drill/index.js';
import { createLogger } from '../../../src/gateway/logger.js';
import { startJaju, type RunningJaju } from '../../../src/gateway/start-jaju.js';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { APP_KEYS, estateConfig } from './drill-fixtures.js';

/**
 * The drill over a ledger written by the real gateway (detection, Cedar policies, SQLite ledger) for
 * a known workload: every per-app outcome and the continuity score are known in advance from the
 * rules of docs/design.md §5.
 */

const ADMIN_KEY = 'drill-admin-key';

/** The workload: app, alias, how many, what the request carries. */
const WORKLOAD = [
  { app: 'minwon', alias: 'chat', count: 4, text: '민원 처리 절차를 안내해 주세요.' },
  { app: 'research', alias: 'gpt', count: 3, text: 'Summarise the attached open report.' },
  { app: 'research', alias: 'chat', count: 2, text: 'Please reply to hong.gildong@example.com about the schedule.' },
  { app: 'research', alias: 'embed', count: 2, text: 'open data' },
  { app: 'defence', alias: 'secure', count: 2, text: '작전 계획 요약' },
  // S data to a US vendor: denied by policy (403) — out of the drill's scope.
  { app: 'minwon', alias: 'gpt', count: 1, text: '민원 내용' },
] as const;

function projection(row: DrillRow) {
  return {
    app: row.app,
    alias: row.alias,
    requests: row.requests,
    outOfScope: row.outOfScope,
    same: row.same,
    failedOver: row.failedOver.map((entry) => `${entry.requests} ${entry.from} → ${entry.to} ${entry.mode}`),
    notServed: row.notServed.map((entry) => `${entry.requests} ${entry.reason}`),
    status: row.status,
  };
}

describe('drill over a ledger written by the real gateway', () => {
  let upstream: FakeUpstream;
  let running: RunningJaju;
  let config: Config;

  async function send(app: keyof typeof APP_KEYS, alias: string, text: string): Promise<Response> {
    const embeddings = alias === 'embed';
    return fetch(`${running.url}/v1/${embeddings ? 'embeddings' : 'chat/completions'}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${APP_KEYS[app]}`, 'content-type': 'application/json' },
      body: JSON.stringify(embeddings ? { model: alias, input: text } : { model: alias, messages: [{ role: 'user', content: text }] }),
    });
  }

  before(async () => {
    upstream = await startFakeUpstream('openai');
    const baseUrl = upstream.baseUrl;
    config = parseConfig(estateConfig({ baseUrls: { onprem: baseUrl, enclave: baseUrl, krcloud: baseUrl, openai: baseUrl }, sqlite: join(dir, 'jaju.db') }), null, dir);
    running = await startJaju({ config, env: { DRILL_TEST_ADMIN_KEY: ADMIN_KEY }, port: 0, host: '127.0.0.1', logger: createLogger('silent') });
    for (const item of WORKLOAD) {
      for (let index = 0; index < item.count; index += 1) {
        const response = await send(item.app, item.alias, item.text);
        await response.arrayBuffer();
        assert.equal(response.status, item.app === 'minwon' && item.alias === 'gpt' ? 403 : 200, `${item.app}/${item.alias}`);
      }
    }
    // complete records are appended after the answer: wait until all 13 are durable.
    for (let waited = 0; ; waited += 20) {
      const page = await running.composed.ledger.query({ kind: 'complete', withTotal: true, limit: 1 });
      if (page.total === 13) break;
      if (waited > 5_000) assert.fail(`only ${page.total} complete records`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  after(async () => {
    await running?.close();
    await upstream?.close();
  });
  // The folder's removal is registered after the close above, so the ledger closes before its folder goes.
  const dir = tempDir();

  async function drill(input: Omit<ScenarioInput, 'title'>): Promise<DrillReport> {
    return runDrill({
      config,
      engine: running.composed.engine,
      records: running.composed.ledger.scan(),
      scenario: parseScenario({ title: 'test', ...input }, null, 'test'),
    });
  }

  it('replays the recorded workload as the gateway served it when nothing is cut', async () => {
    const report = await drill({ cuts: [{ jurisdiction: 'CN' }] });
    assert.equal(report.totals.recorded, 14);
    assert.equal(report.totals.inScope, 13);
    assert.equal(report.totals.same, 13);
    assert.equal(report.continuity.score, 1);
    // The uncut plan's first target is where the gateway actually sent each request.
    const baseline = Object.fromEntries(report.rows.map((row) => [`${row.app}/${row.alias}`, row.baseline.map((entry) => `${entry.requests} ${entry.target}`)]));
    assert.deepEqual(baseline, {
      'defence/secure': ['2 onprem/exaone'],
      'minwon/chat': ['4 onprem/exaone'],
      'minwon/gpt': [],
      'research/chat': ['2 onprem/exaone'],
      'research/embed': ['2 onprem/bge-m3'],
      'research/gpt': ['3 openai/gpt'],
    });
    const recorded = Object.fromEntries(report.rows.map((row) => [`${row.app}/${row.alias}`, row.recorded]));
    assert.deepEqual(recorded['minwon/chat'], { served: 4, denied: 0 });
    assert.deepEqual(recorded['minwon/gpt'], { served: 0, denied: 1 });
    // The workload carried the e-mail address as a finding type and count, never as text.
    const scanned = [];
    for await (const record of running.composed.ledger.scan({ kinds: ['dispatch'] })) if (record.alias === 'chat' && record.app === 'research') scanned.push(record.findings);
    assert.deepEqual(scanned, [{ EMAIL: 1 }, { EMAIL: 1 }]);
  });

  it('on-premises cluster down: S fails over to the CSAP cloud, C to the accredited enclave, embeddings stop', async () => {
    const report = await drill({ cuts: [{ deployment: 'on-premises' }] });
    assert.deepEqual(report.rows.map(projection), [
      { app: 'defence', alias: 'secure', requests: 2, outOfScope: 0, same: 0, failedOver: ['2 onprem/exaone → enclave/exaone raw'], notServed: [], status: 'degraded' },
      { app: 'minwon', alias: 'chat', requests: 4, outOfScope: 0, same: 0, failedOver: ['4 onprem/exaone → krcloud/solar raw'], notServed: [], status: 'degraded' },
      { app: 'minwon', alias: 'gpt', requests: 0, outOfScope: 1, same: 0, failedOver: [], notServed: [], status: 'out-of-scope' },
      { app: 'research', alias: 'chat', requests: 2, outOfScope: 0, same: 0, failedOver: ['2 onprem/exaone → krcloud/solar raw'], notServed: [], status: 'degraded' },
      { app: 'research', alias: 'embed', requests: 2, outOfScope: 0, same: 0, failedOver: [], notServed: ['2 no-permitted-target'], status: 'down' },
      { app: 'research', alias: 'gpt', requests: 3, outOfScope: 0, same: 3, failedOver: [], notServed: [], status: 'unaffected' },
    ]);
    // 11 of 13 requests; weighted by criticality: minwon 3 × 4 + research 1 × (3 + 2) + defence 5 × 2 = 27 of 29.
    assert.equal(report.continuity.requestShare, 11 / 13);
    assert.equal(report.continuity.weightedShare, 27 / 29);
    assert.equal(report.continuity.score, 27 / 29);
    assert.match(report.rows.find((row) => row.alias === 'embed')!.notServed[0]!.detail, /cut \(onprem\)/);
  });

  it('US jurisdiction cut: only the app that depends on the US vendor stops', async () => {
    const report = await drill({ cuts: [{ jurisdiction: 'US' }], weighting: 'requests' });
    const gpt = report.rows.find((row) => row.app === 'research' && row.alias === 'gpt')!;
    assert.deepEqual(projection(gpt).notServed, ['3 no-permitted-target']);
    assert.ok(report.rows.filter((row) => row !== gpt && row.requests > 0).every((row) => row.status === 'unaffected'));
    assert.equal(report.continuity.score, 10 / 13);
    assert.equal(report.continuity.weightedShare, 26 / 29);
  });

  it('on-premises down with no spare domestic capacity: O data goes abroad pseudonymized, S data is not served', async () => {
    // krcloud carries nothing today, so 1 × its baseline peak is 0 requests per second.
    const report = await drill({ cuts: [{ deployment: 'on-premises' }], capacity: [{ provider: 'krcloud', baselineShare: 1 }] });
    const rows = Object.fromEntries(report.rows.map((row) => [`${row.app}/${row.alias}`, projection(row)]));
    assert.deepEqual(rows['minwon/chat']!.notServed, ['4 capacity']);
    assert.deepEqual(rows['research/chat']!.failedOver, ['2 onprem/exaone → openai/gpt pseudonymized']);
    assert.deepEqual(rows['defence/secure']!.failedOver, ['2 onprem/exaone → enclave/exaone raw']);
    // Served: research gpt 3 + chat 2, defence 2 = 7 of 13; weighted 5 + 10 = 15 of 29.
    assert.equal(report.continuity.requestShare, 7 / 13);
    assert.equal(report.continuity.score, 15 / 29);
    assert.equal(report.providers.find((provider) => provider.provider === 'krcloud')!.overflow, 6);
  });

  it('is pure: the live gateway keeps its cuts and its ledger, and still serves from on-premises', async () => {
    const headBefore = await running.composed.ledger.head();
    const cutsVersion = running.gateway.runtime.cuts.version;
    await drill({ cuts: [{ deployment: 'on-premises' }, { jurisdiction: 'US' }] });
    assert.deepEqual(await running.composed.ledger.head(), headBefore);
    assert.equal(running.gateway.runtime.cuts.version, cutsVersion);
    assert.deepEqual(running.gateway.runtime.cuts.list(), []);
    const response = await send('minwon', 'chat', '안내');
    await response.arrayBuffer();
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-jaju-provider'), 'onprem');
  });
});
