import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import type { AssessCompareResponse, AssessInventoriesResponse, AssessReportResponse } from '../../src/console/api-types.js';
import { OPERATOR_KEY, sendDemoRequest, startDemoEstate, type DemoEstate } from '../web/demo-estate.js';

/** The console's assessment endpoints over the demo estate: inventories from the data folder and the examples, the live ledger as evidence. */
describe('assessment API', () => {
  let estate: DemoEstate;

  async function api<T>(path: string, headers: Record<string, string> = { authorization: `Bearer ${OPERATOR_KEY}` }): Promise<{ status: number; body: T }> {
    const response = await fetch(`${estate.url}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as T };
  }

  before(async () => {
    estate = await startDemoEstate();
    for (let index = 0; index < 8; index += 1) await sendDemoRequest(estate, index);
    for (let waited = 0; ; waited += 20) {
      const page = await estate.jaju.composed.ledger.query({ kind: 'complete', withTotal: true, limit: 1 });
      if ((page.total ?? 0) >= 5) break;
      if (waited > 5_000) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    mkdirSync(join(estate.dataDir, 'assess'), { recursive: true });
    writeFileSync(
      join(estate.dataDir, 'assess', 'mine.yaml'),
      stringify({
        estate: { name: '우리 기관 AI', home: 'KR' },
        cloud: [{ id: 'onprem', name: 'on-premises', supplier: 'Agency', supplierCountry: 'KR', deployment: 'on-premises', hostingCountry: 'KR', provider: 'onprem-llm' }],
        claims: { openWeightShareAtLeast: 0.9, sensitiveDataInCountry: true },
      }),
    );
    writeFileSync(join(estate.dataDir, 'assess', 'broken.yaml'), stringify({ estate: { name: 'broken' }, models: [{ id: 'm', name: 'm', supplier: 's', supplierCountry: 'Korea' }] }));
  });
  after(() => estate.close());

  it('needs the operator key', async () => {
    for (const path of ['/api/assess', '/api/assess/report', '/api/assess/compare']) assert.equal((await api(path, {})).status, 401, path);
  });

  it('lists the inventories of the data folder and the examples, with their answers files', async () => {
    const { status, body } = await api<AssessInventoriesResponse>('/api/assess');
    assert.equal(status, 200);
    const byId = Object.fromEntries(body.inventories.map((entry) => [entry.id, entry]));
    assert.deepEqual(Object.keys(byId), ['data:broken.yaml', 'data:mine.yaml', 'examples:inventory.yaml', 'examples:plan.yaml']);
    assert.deepEqual(byId['examples:inventory.yaml'], { id: 'examples:inventory.yaml', name: '국민 민원 AI 상담 서비스 (example)', file: 'examples/assess/inventory.yaml', source: 'examples', answers: 'examples/assess/answers.yaml' });
    assert.equal(byId['data:mine.yaml']!.answers, null);
  });

  it('assesses an inventory with the ledger as evidence and reports what it contradicts', async () => {
    const { status, body } = await api<AssessReportResponse>('/api/assess/report?inventory=data:mine.yaml');
    assert.equal(status, 200);
    assert.equal(body.weights, 'document');
    assert.equal(body.assessment.objectives.length, 8);
    assert.ok(!('components' in body.assessment));
    const records = await estate.jaju.composed.ledger.query({ withTotal: true, limit: 1 });
    assert.ok(body.assessment.evidence !== null && body.assessment.evidence.records! > 0 && body.assessment.evidence.records! <= records.total!, JSON.stringify([body.assessment.evidence?.records, records.total]));
    // The config's providers join the estate (onprem-llm's cloud entry is the inventory's own).
    assert.equal(body.assessment.estate.bySource['config'], 9);
    const claims = body.assessment.contradictions.map((item) => item.claim);
    // Open weights: the on-premises and enclave answers only, below the claimed 90 %; S and C data stayed at home.
    assert.deepEqual(claims, ['claims.openWeightShareAtLeast'], JSON.stringify(body.assessment.evidence));
    assert.ok(body.assessment.objectives.flatMap((objective) => objective.answers).some((answer) => answer.criterion === 'SOV-3.O2' && answer.source === 'ledger'));
  });

  it('uses the annex weights on request, and compares two inventories', async () => {
    const annex = await api<AssessReportResponse>('/api/assess/report?inventory=examples:inventory.yaml&weights=annex');
    assert.equal(annex.status, 200);
    assert.deepEqual(annex.body.assessment.objectives.map((objective) => objective.weight), [0.2, 0.1, 0.1, 0.15, 0.1, 0.15, 0.15, 0.05]);
    const compared = await api<AssessCompareResponse>('/api/assess/compare?a=examples:inventory.yaml&b=examples:plan.yaml');
    assert.equal(compared.status, 200);
    assert.equal(compared.body.comparison.objectives.length, 8);
    assert.ok(compared.body.comparison.overall.delta.score > 0);
  });

  it('answers bad requests with the OpenAI-style error naming the problem', async () => {
    const missing = await api<{ error: { code: string; message: string } }>('/api/assess/report?inventory=examples:nope.yaml');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
    const weights = await api<{ error: { code: string; message: string } }>('/api/assess/report?weights=equal');
    assert.equal(weights.status, 400);
    assert.match(weights.body.error.message, /^weights: expected one of document, annex/);
    const broken = await api<{ error: { code: string; message: string } }>('/api/assess/report?inventory=data:broken.yaml');
    assert.equal(broken.status, 400);
    assert.match(broken.body.error.message, /broken\.yaml: models\[0\]\.supplierCountry: expected an ISO 3166-1 alpha-2 country code/);
  });
});
