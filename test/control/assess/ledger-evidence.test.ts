import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openLedger } from '../../../src/audit/index.js';
import { loadConfigFile } from '../../../src/config/index.js';
import { computeIndicators } from '../../../src/control/indicators/index.js';
import { ledgerEvidence, type Answer, type Assessment } from '../../../src/control/assess/index.js';
import { NO_CALL, type AuditRecordInput } from '../../../src/domain/index.js';
import { createLogger } from '../../../src/gateway/logger.js';
import { startJaju, type RunningJaju } from '../../../src/serve/start-jaju.js';
import { runJaju } from '../../helpers/cli.js';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { assessJson, writeYaml } from './assess-fixtures.js';

/**
 * Observed evidence from a real SQLite ledger written by the real gateway (detection, Cedar policies,
 * routing) for a known workload, and a real saved drill: every observed answer is worked out by hand.
 */
const KEYS = { minwon: 'assess-minwon-key', research: 'assess-research-key' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const profile = (operatorCountry: string, deployment: string, extra: Record<string, unknown> = {}) => ({ operatorCountry, hostingCountry: operatorCountry, deployment, retainsData: false, trainsOnData: false, ...extra });

describe('assessment with observed evidence from the gateway ledger', () => {
  let upstream: FakeUpstream;
  let running: RunningJaju;
  let configFile: string;
  let inventory: string;
  let since: string;
  let result: Assessment;
  const answer = (criterion: string): Answer => result.objectives.flatMap((objective) => objective.answers).find((entry) => entry.criterion === criterion)!;

  async function send(app: keyof typeof KEYS, alias: string, text: string): Promise<number> {
    const response = await fetch(`${running.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS[app]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: alias, messages: [{ role: 'user', content: text }] }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  before(async () => {
    upstream = await startFakeUpstream('openai');
    const fast = { baseUrl: upstream.baseUrl, maxRetries: 0, timeoutMs: 5_000 };
    configFile = writeYaml(dir, 'jaju.yaml', {
      home: 'KR',
      server: { logLevel: 'silent' },
      store: { sqlite: join(dir, 'jaju.db') },
      providers: [
        { id: 'onprem', type: 'openai-compatible', ...fast, sovereignty: profile('KR', 'on-premises', { weightsOrigin: 'KR', openWeights: true }) },
        { id: 'krcloud', type: 'openai-compatible', ...fast, sovereignty: profile('KR', 'domestic-cloud', { certifications: ['CSAP-high'], weightsOrigin: 'KR' }) },
        { id: 'openai', type: 'openai-compatible', ...fast, sovereignty: profile('US', 'foreign-cloud', { weightsOrigin: 'US' }) },
      ],
      models: [
        { alias: 'chat', targets: [{ provider: 'onprem', model: 'exaone' }, { provider: 'krcloud', model: 'solar' }] },
        { alias: 'gpt', targets: [{ provider: 'openai', model: 'gpt' }] },
      ],
      apps: [
        { id: 'minwon', keySha256: sha256(KEYS.minwon), grade: 'S', purpose: 'public-service' },
        { id: 'research', keySha256: sha256(KEYS.research), grade: 'O', purpose: 'research' },
      ],
    });
    since = new Date(Date.now() - 60_000).toISOString();
    running = await startJaju({ config: loadConfigFile(configFile), env: {}, port: 0, host: '127.0.0.1', logger: createLogger('silent') });
    // 4 S requests to the on-premises model, 1 O request there, 3 O requests to the US vendor: 8 served.
    for (let index = 0; index < 4; index += 1) assert.equal(await send('minwon', 'chat', '민원 처리 절차를 안내해 주세요.'), 200);
    assert.equal(await send('research', 'chat', 'Summarise the open report.'), 200);
    for (let index = 0; index < 3; index += 1) assert.equal(await send('research', 'gpt', 'Translate this public notice.'), 200);
    for (let waited = 0; ; waited += 20) {
      const page = await running.composed.ledger.query({ kind: 'complete', withTotal: true, limit: 1 });
      if (page.total === 8) break;
      if (waited > 5_000) assert.fail(`only ${page.total} complete records`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await running.close();
    // A real drill over that ledger, saved as the scenario's latest continuity score: all foreign cloud cut.
    const scenario = writeYaml(dir, 'foreign-cut.yaml', { name: 'foreign-cut', title: 'Foreign cloud cut', cuts: [{ deployment: 'foreign-cloud' }] });
    const drill = await runJaju(['drill', 'run', '--config', configFile, '--scenario', scenario, '--save']);
    assert.equal(drill.code, 0, drill.stderr);
    inventory = writeYaml(dir, 'inventory.yaml', {
      estate: { name: 'observed estate', home: 'KR' },
      cloud: [
        { id: 'onprem-platform', name: '온프레미스', supplier: 'Agency', supplierCountry: 'KR', deployment: 'on-premises', hostingCountry: 'KR', provider: 'onprem' },
        { id: 'csap', name: 'CSAP cloud', supplier: 'KCloud', supplierCountry: 'KR', deployment: 'domestic-cloud', hostingCountry: 'KR', provider: 'krcloud' },
      ],
      models: [{ id: 'k-model', name: 'K model', supplier: 'LG AI Research', supplierCountry: 'KR', weightsOrigin: 'KR', openWeights: true, hostingCountry: 'KR', provider: 'onprem' }],
      claims: { sensitiveDataInCountry: true, domesticShareAtLeast: 0.9, openWeightShareAtLeast: 0.5 },
    });
    result = await assessJson(['--inventory', inventory, '--config', configFile, '--since', since]);
  });
  after(async () => {
    await upstream?.close();
  });
  const dir = tempDir('jaju-assess-ledger-');

  it('states the window and the record count the evidence came from', () => {
    assert.ok(result.evidence !== null);
    // The window starts at --since (indicators read from per-minute rollups start at its minute).
    const from = Date.parse(result.evidence.window!.from!);
    assert.ok(from <= Date.parse(since) && Date.parse(since) - from < 60_000, `${result.evidence.window!.from} for --since ${since}`);
    // 8 dispatch + 8 complete records.
    assert.equal(result.evidence.records, 16);
    assert.equal(result.evidence.sources[0]!.source, 'ledger');
  });

  it('pulls the config providers the inventory does not describe into the cloud and model layers', () => {
    const imported = result.components.filter((component) => component.source === 'config').map((component) => component.id);
    // onprem and krcloud are described by cloud entries (provider: …), onprem also by a model entry.
    assert.deepEqual(imported, ['config:krcloud:models', 'config:openai', 'config:openai:models']);
    const openai = result.components.find((component) => component.id === 'config:openai')!;
    assert.deepEqual([openai.layer, openai.supplierCountry, openai.path], ['cloud', 'US', 'config:providers[2]']);
    // Alternatives come from the aliases: gpt routes to openai alone (a single point of failure), chat
    // can fail over between onprem and krcloud (one alternative each, so krcloud's models are not one).
    const spofs = result.layers.flatMap((layer) => layer.singlePointsOfFailure.filter((spof) => spof.reason === 'no-alternative').flatMap((spof) => spof.components));
    assert.ok(spofs.includes('config:openai') && spofs.includes('config:openai:models'), spofs.join());
    assert.ok(!spofs.includes('config:krcloud:models'), spofs.join());
  });

  it('derives SOV-3, SOV-4 and SOV-5 observed answers', () => {
    // S and C sends operated and hosted at home: 4 of 4 → 100, SEAL 4.
    assert.deepEqual([answer('SOV-3.O1').value, answer('SOV-3.O1').seal, answer('SOV-3.O1').source], [100, 4, 'ledger']);
    // Served requests hosted at home: 5 of 8 = 62.5 % → SEAL 2 (≥ 50 %).
    assert.deepEqual([answer('SOV-3.O2').value, answer('SOV-3.O2').seal], [62.5, 2]);
    // Open weights: the 5 on-premises answers of 8 → 62.5, SEAL 2.
    assert.deepEqual([answer('SOV-3.O3').value, answer('SOV-3.O3').seal], [62.5, 2]);
    // The drill cut the US vendor: the 3 gpt requests have no other target → 5 of 8 served, SEAL 2 (≥ 50 %).
    assert.deepEqual([answer('SOV-4.O1').value, answer('SOV-4.O1').seal, answer('SOV-4.O1').source], [62.5, 2, 'drills']);
    assert.match(answer('SOV-4.O1').evidence[0]!, /^drill foreign-cut: continuity 62\.5 % \(5\/8 requests/);
    // Every chat answer carries 18 tokens: operator shares 5/8 and 3/8 → 62.5² + 37.5² = 5,312.5 → level 1,
    // raised to 2 because the largest operator (onprem) is seated at home; value 100 × (1 − 0.53125).
    assert.deepEqual([answer('SOV-5.O1').value, answer('SOV-5.O1').seal], [46.875, 2]);
    // Foreign-operated: 3 of 8 = 37.5 % → SEAL 1 (≤ 50 %), value 62.5.
    assert.deepEqual([answer('SOV-5.O2').value, answer('SOV-5.O2').seal], [62.5, 1]);
    assert.ok(answer('SOV-3.O2').evidence[0]!.includes('domestic.requests = 5/8'));
    assert.ok(answer('SOV-3.O2').evidence[0]!.includes('16 records'));
  });

  it('reports the claims the ledger contradicts, and only those', () => {
    const claims = result.contradictions.map((contradiction) => contradiction.claim);
    // domesticShareAtLeast 0.9 vs 0.625 observed; US traffic although no cloud or model entry names a US supplier.
    // sensitiveDataInCountry (4/4) and openWeightShareAtLeast 0.5 (0.625) hold.
    assert.deepEqual(claims, ['claims.domesticShareAtLeast', 'cloud, models']);
    assert.deepEqual([result.contradictions[0]!.declared, result.contradictions[0]!.observed], [0.9, 0.625]);
    assert.deepEqual(result.contradictions[1]!.observed, { operatorCountry: 'US', requests: 3, tokens: 54 });
    // A contradiction is reported beside the answers, never blended into them: the declared SOV-3.3 stays as derived.
    assert.equal(answer('SOV-3.3').source, 'inventory');
  });

  it('renders the evidence and contradictions in the table and HTML', async () => {
    const table = await runJaju(['assess', '--inventory', inventory, '--config', configFile, '--since', since]);
    assert.match(table.stdout, /Evidence: 16 ledger records, window /);
    assert.match(table.stdout, /Contradictions \(2\)/);
    const html = await runJaju(['assess', '--inventory', inventory, '--config', configFile, '--since', since, '--format', 'html']);
    assert.match(html.stdout, /id="contradictions"/);
  });

  it('reports an inventory claim of S data in the country that the ledger contradicts', async () => {
    // The gateway never sends S data abroad (policy forbids it), so this ledger is written through the
    // ledger API: one S send to a US-operated target, beside one at home.
    const config = loadConfigFile(configFile);
    const other = { ...config, store: { sqlite: join(dir, 'violation.db') } };
    const ledger = await openLedger(other, { anchorTimer: false });
    const base: AuditRecordInput = { kind: 'dispatch', requestId: 'r1', app: 'minwon', alias: 'chat', grade: 'S', purpose: 'p', highImpact: false, findings: {}, decision: { permitted: [], denied: [], rules: [] }, ...NO_CALL, detail: { attempt: 1 } };
    const now = Date.now();
    await ledger.append({ ...base, time: new Date(now - 2000).toISOString(), provider: 'onprem', model: 'm', operatorCountry: 'KR', hostingCountry: 'KR', mode: 'raw' });
    await ledger.append({ ...base, requestId: 'r2', time: new Date(now - 1000).toISOString(), provider: 'openai', model: 'm', operatorCountry: 'US', hostingCountry: 'US', mode: 'raw' });
    const from = new Date(now - 60_000);
    const indicators = await computeIndicators(ledger.scan({ sinceTime: from.toISOString() }), { config: other, from });
    await ledger.close();
    const evidence = ledgerEvidence(indicators, [], other, { bloc: { home: 'KR', allies: [] }, components: [], claims: { sensitiveDataInCountry: true }, since: from });
    const sensitive = evidence.answers.find((entry) => entry.criterion === 'SOV-3.O1')!;
    // 1 of 2 S sends at home → value 50, SEAL 0 (home law broken).
    assert.deepEqual([sensitive.value, sensitive.seal], [50, 0]);
    assert.equal(evidence.contradictions[0]!.claim, 'claims.sensitiveDataInCountry');
    assert.match(evidence.contradictions[0]!.message, /1 of 2 S\/C sends \(50\.0 %\)/);
  });
});
