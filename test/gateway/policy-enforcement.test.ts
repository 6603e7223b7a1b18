import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { Decision } from '../../src/domain/index.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { startRealJaju, type RealJaju } from '../helpers/jaju-harness.js';
import { parsePrometheus, sampleValue } from '../helpers/prometheus-text.js';
import { tempDir } from '../helpers/temp-dir.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const KEYS = { c: 'key-grade-c', s: 'key-grade-s', o: 'key-grade-o', hr: 'key-hr' };
const ADMIN = 'admin-key-for-policy-tests';
const RRN = '900101-1234568';
const PHONE = '010-2345-6789';

type Sovereignty = Record<string, unknown>;
const kr = { operatorCountry: 'KR', hostingCountry: 'KR', retainsData: false, trainsOnData: false };
const PROFILES: Record<string, Sovereignty> = {
  onprem: { ...kr, deployment: 'on-premises' },
  enclave: { ...kr, deployment: 'national-network', accreditedGrades: ['C'] },
  natnet: { ...kr, deployment: 'national-network' },
  csap: { ...kr, deployment: 'domestic-cloud', certifications: ['CSAP-high'] },
  csapmid: { ...kr, deployment: 'domestic-cloud', certifications: ['CSAP-medium'] },
  csaplow: { ...kr, deployment: 'domestic-cloud', certifications: ['CSAP-low'] },
  retains: { ...kr, deployment: 'domestic-cloud', certifications: ['CSAP-high'], retainsData: true },
  foreign: { operatorCountry: 'US', hostingCountry: 'US', deployment: 'foreign-cloud', retainsData: true, trainsOnData: false },
  usOpKrHost: { operatorCountry: 'US', hostingCountry: 'KR', deployment: 'domestic-cloud', certifications: ['CSAP-high'], retainsData: false, trainsOnData: false },
};
const ALL = Object.keys(PROFILES);

describe('policy enforced on every call through the real gateway', () => {
  let upstream: FakeUpstream;
  let jaju: RealJaju;
  const dir = tempDir();

  before(async () => {
    upstream = await startFakeUpstream('openai');
    const hrPolicy = join(dir, 'hr-no-foreign.cedar');
    writeFileSync(
      hrPolicy,
      `@id("local.hr-no-foreign")\n@reason("the HR app never uses foreign-operated providers")\nforbid (principal, action == Jaju::Action::"send", resource)\nwhen { principal.purpose == "hr" && resource.operatorCountry != context.home };\n`,
    );
    jaju = await startRealJaju(
      {
        policies: { files: [hrPolicy] },
        providers: ALL.map((id) => ({ id, type: 'openai-compatible' as const, baseUrl: upstream.baseUrl, maxRetries: 0, sovereignty: PROFILES[id] as never })),
        models: [
          { alias: 'all', targets: ALL.map((id) => ({ provider: id, model: `model-${id}` })) },
          { alias: 'foreign-only', targets: [{ provider: 'foreign', model: 'model-foreign' }] },
          { alias: 'onprem-then-foreign', targets: [{ provider: 'onprem', model: 'model-onprem' }, { provider: 'foreign', model: 'model-foreign' }] },
          { alias: 'foreign-then-csap', targets: [{ provider: 'foreign', model: 'model-foreign' }, { provider: 'csap', model: 'model-csap' }] },
        ],
        apps: [
          { id: 'defence', keySha256: sha(KEYS.c), grade: 'C' },
          { id: 'minwon', keySha256: sha(KEYS.s), grade: 'S' },
          { id: 'research', keySha256: sha(KEYS.o), grade: 'O' },
          { id: 'hr', keySha256: sha(KEYS.hr), grade: 'O', purpose: 'hr' },
        ],
        server: { adminKeyEnv: 'POLICY_TEST_ADMIN_KEY' },
      },
      dir,
      { POLICY_TEST_ADMIN_KEY: ADMIN },
    );
  });
  after(async () => {
    await jaju.close();
    await upstream.close();
  });

  async function preview(key: string, content: string, options: { model?: string; grade?: string } = {}): Promise<Decision> {
    const response = await jaju.fetch('/v1/route/preview', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(options.grade ? { 'x-jaju-grade': options.grade } : {}) },
      body: JSON.stringify({ model: options.model ?? 'all', messages: [{ role: 'user', content }] }),
    });
    assert.equal(response.status, 200);
    return (await response.json()) as Decision;
  }
  const verdicts = (decision: Decision) =>
    Object.fromEntries(decision.candidates.map((candidate) => [candidate.provider, candidate.permitted ? candidate.mode : 'denied']));

  it('C goes only on-premises or to a national network accredited for C', async () => {
    const decision = await preview(KEYS.c, '작전 계획 요약');
    assert.equal(decision.grade, 'C');
    assert.deepEqual(verdicts(decision), {
      onprem: 'raw', enclave: 'raw', natnet: 'denied', csap: 'denied', csapmid: 'denied', csaplow: 'denied', retains: 'denied', foreign: 'denied', usOpKrHost: 'denied',
    });
    assert.equal(decision.provider, 'onprem', 'sovereign-first: on-premises before national-network');
    const denied = decision.candidates.find((candidate) => candidate.provider === 'foreign');
    assert.ok(denied && !denied.permitted && denied.reasons.some((reason) => reason.startsWith('n2sf.')));
  });

  it('S stays in-country: perimeter, or domestic cloud with CSAP-high/medium; pseudonymization does not lower it', async () => {
    const decision = await preview(KEYS.s, `민원인 주민등록번호 ${RRN}`);
    assert.deepEqual(verdicts(decision), {
      onprem: 'raw', enclave: 'raw', natnet: 'raw', csap: 'raw', csapmid: 'raw', csaplow: 'denied', retains: 'raw', foreign: 'denied', usOpKrHost: 'denied',
    });
    assert.deepEqual(decision.findings, { KR_RRN: 1 });
  });

  it('O: unique identifiers are pseudonymized outside the perimeter', async () => {
    const decision = await preview(KEYS.o, `주민등록번호는 ${RRN} 입니다`);
    assert.deepEqual(verdicts(decision), {
      onprem: 'raw', enclave: 'raw', natnet: 'raw', csap: 'pseudonymized', csapmid: 'pseudonymized', csaplow: 'pseudonymized', retains: 'pseudonymized', foreign: 'pseudonymized', usOpKrHost: 'pseudonymized',
    });
  });

  it('O: other personal data is pseudonymized only for foreign-operated, foreign-hosted, retaining or training targets', async () => {
    const decision = await preview(KEYS.o, `연락처 ${PHONE}, 메일 hong@example.kr`);
    assert.deepEqual(decision.findings, { KR_PHONE: 1, EMAIL: 1 });
    assert.deepEqual(verdicts(decision), {
      onprem: 'raw', enclave: 'raw', natnet: 'raw', csap: 'raw', csapmid: 'raw', csaplow: 'raw', retains: 'pseudonymized', foreign: 'pseudonymized', usOpKrHost: 'pseudonymized',
    });
  });

  it('O without personal data goes anywhere raw', async () => {
    const decision = await preview(KEYS.o, '오늘 날씨 어때?');
    assert.ok(Object.values(verdicts(decision)).every((mode) => mode === 'raw'));
  });

  it('a header can raise the grade but never lower it', async () => {
    const lowered = await preview(KEYS.s, 'hello', { grade: 'O' });
    assert.equal(lowered.grade, 'S');
    assert.equal(verdicts(lowered)['foreign'], 'denied');
    const raised = await preview(KEYS.o, 'hello', { grade: 'C' });
    assert.equal(raised.grade, 'C');
    assert.equal(verdicts(raised)['csap'], 'denied');
  });

  it("an operator's own policy file forbids a provider for one app", async () => {
    const decision = await preview(KEYS.hr, '인사 평가 요약');
    assert.equal(verdicts(decision)['foreign'], 'denied');
    assert.equal(verdicts(decision)['usOpKrHost'], 'denied');
    const reasons = decision.candidates.flatMap((candidate) => (candidate.permitted ? [] : candidate.reasons));
    assert.ok(reasons.includes('local.hr-no-foreign'));
    assert.equal(verdicts(decision)['onprem'], 'raw');
  });

  it('denies a chat request with 403 policy_denied naming the rules, and records it', async () => {
    const before = upstream.received.length;
    let decisionId: string | null | undefined;
    try {
      await jaju.client(KEYS.s).chat.completions.create({ model: 'foreign-only', messages: [{ role: 'user', content: `번호 ${PHONE}` }] });
      assert.fail('expected a denial');
    } catch (error) {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 403);
      assert.equal(error.code, 'policy_denied');
      assert.match(error.message, /n2sf\.s-/);
      decisionId = error.headers?.get('x-jaju-decision-id');
    }
    assert.equal(upstream.received.length, before, 'nothing was sent upstream');
    assert.ok(decisionId);
    const { records } = await jaju.jaju.composed.ledger.query({ requestId: decisionId });
    assert.equal(records.length, 1);
    const record = records[0]!;
    assert.equal(record.kind, 'deny');
    assert.equal(record.app, 'minwon');
    assert.equal(record.status, 403);
    assert.deepEqual(record.findings, { KR_PHONE: 1 });
    assert.ok(record.decision?.rules.some((rule) => rule.startsWith('n2sf.s-')));
    assert.ok(!JSON.stringify(record).includes('2345-6789'), 'no prompt text in the ledger');
  });

  it('sends a pseudonymized stream upstream without the original values and restores them for the client', async () => {
    const content = `고객 홍길동님의 주민등록번호는 ${RRN}이고 연락처는 ${PHONE}입니다. 확인 부탁드립니다.`;
    const stream = await jaju.client(KEYS.o).chat.completions.create({ model: 'foreign-only', messages: [{ role: 'user', content }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    const sent = JSON.stringify(upstream.received.at(-1)!.body);
    assert.ok(!sent.includes(RRN) && !sent.includes('1234568'), 'the RRN never left');
    assert.ok(!sent.includes(PHONE) && !sent.includes('2345-6789'), 'the phone number never left');
    assert.equal(text, `echo: ${content}`, 'the client got the original values back');
  });

  it('sends raw to a target the policy permits raw', async () => {
    const { response } = await jaju.client(KEYS.o).chat.completions.create({ model: 'onprem-then-foreign', messages: [{ role: 'user', content: `주민번호 ${RRN}` }] }).withResponse();
    assert.equal(response.headers.get('x-jaju-provider'), 'onprem');
    assert.equal(response.headers.get('x-jaju-mode'), 'raw');
    assert.ok(JSON.stringify(upstream.received.at(-1)!.body).includes(RRN));
  });

  it('fails over only within the permitted plan: a denied next candidate gets nothing and the client gets 503', async () => {
    upstream.script = [{ kind: 'status', status: 500 }];
    const before = upstream.received.length;
    try {
      await jaju.client(KEYS.s).chat.completions.create({ model: 'onprem-then-foreign', messages: [{ role: 'user', content: 'x' }] });
      assert.fail('expected failure');
    } catch (error) {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 503, error.message);
      assert.equal(error.code, 'no_provider_available');
    }
    const sent = upstream.received.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.body['model'], 'model-onprem', 'the foreign target, denied for S, received nothing');
  });

  it('a cut target leaves every plan; with nothing permitted left the answer is 503, never a widening', async () => {
    const cut = await jaju.fetch('/admin/cuts', { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ provider: 'csap' }) });
    assert.equal(cut.status, 200);
    try {
      const decision = await preview(KEYS.o, 'hi', { model: 'foreign-then-csap' });
      assert.equal(verdicts(decision)['csap'], 'denied');
      const before = upstream.received.length;
      try {
        await jaju.client(KEYS.s).chat.completions.create({ model: 'foreign-then-csap', messages: [{ role: 'user', content: 'x' }] });
        assert.fail('expected 503');
      } catch (error) {
        assert.ok(error instanceof OpenAI.APIError);
        assert.equal(error.status, 503);
        assert.equal(error.code, 'no_provider_available');
      }
      assert.equal(upstream.received.length, before, 'the foreign target was not used in place of the cut one');
    } finally {
      await jaju.fetch('/admin/cuts/restore', { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ provider: 'csap' }) });
    }
    const restored = await jaju.client(KEYS.s).chat.completions.create({ model: 'foreign-then-csap', messages: [{ role: 'user', content: 'x' }] }).withResponse();
    assert.equal(restored.response.headers.get('x-jaju-provider'), 'csap');
  });

  it('exposes what happened as Prometheus metrics, sovereignty indicators included', async () => {
    // A call's complete record is appended after its answer (in the background): let the last ones land
    // before the indicators read the ledger, or a loaded machine sees one served chat too few.
    const { ledger } = jaju.jaju.composed;
    for (let attempt = 0; attempt < 250; attempt += 1) {
      const [dispatched, completed] = await Promise.all(['dispatch', 'complete'].map(async (kind) => (await ledger.query({ kind: kind as 'dispatch' | 'complete', withTotal: true, limit: 1 })).total));
      if (dispatched === completed) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const response = await jaju.fetch('/metrics');
    assert.equal(response.status, 200);
    const samples = parsePrometheus(await response.text());
    assert.ok((sampleValue(samples, 'jaju_decisions_total', { decision: 'deny', app: 'minwon' }) ?? 0) >= 1, 'the S denial is counted');
    assert.ok((sampleValue(samples, 'jaju_denials_total', { rule: 'n2sf.s-foreign-cloud' }) ?? 0) >= 1, 'denials by rule');
    assert.ok((sampleValue(samples, 'jaju_findings_total', { type: 'KR_RRN' }) ?? 0) >= 2, 'findings by type');
    assert.ok((sampleValue(samples, 'jaju_upstream_latency_seconds_count', { provider: 'foreign', outcome: 'ok' }) ?? 0) >= 1, 'upstream latency histogram');
    assert.equal(sampleValue(samples, 'jaju_cuts_in_force'), 0, 'the cut was restored');
    assert.equal(sampleValue(samples, 'jaju_circuit_state', { provider: 'onprem' }), 0);
    const served = sampleValue(samples, 'jaju_sovereignty_indicator', { indicator: 'requests_served' });
    assert.equal(served, 3, `indicators computed from the ledger: the three chats that were served`);
    assert.equal(sampleValue(samples, 'jaju_sovereignty_indicator', { indicator: 'sensitive_in_country_share' }), 1, 'S traffic stayed in the country');
    const hhi = sampleValue(samples, 'jaju_sovereignty_indicator', { indicator: 'operator_hhi_by_requests' });
    assert.ok(hhi !== undefined && hhi > 0 && hhi <= 10_000, `operator concentration is an HHI (${hhi})`);
  });
});
