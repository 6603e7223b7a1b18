import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  AuditListResponse,
  AuditRecordResponse,
  ComputeExamplesResponse,
  ComputeReportResponse,
  DrillRunResponse,
  DrillsResponse,
  IndicatorsView,
  OverviewResponse,
  PolicyContextResponse,
  PolicyPreviewResponse,
  ProvidersResponse,
} from '../../src/console/api-types.js';
import { ADMIN_KEY, APP_KEYS, OPERATOR_KEY, sendDemoRequest, startDemoEstate, type DemoEstate } from '../web/demo-estate.js';

const operator = { authorization: `Bearer ${OPERATOR_KEY}` };

describe('dashboard API', () => {
  let estate: DemoEstate;
  let served = 0;
  const TRAFFIC = 24;

  async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await fetch(`${estate.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...operator, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }

  before(async () => {
    estate = await startDemoEstate({ trustedProxies: ['127.0.0.1'] });
    for (let index = 0; index < TRAFFIC; index += 1) if (await sendDemoRequest(estate, index)) served += 1;
  });
  after(() => estate.close());

  describe('authentication', () => {
    const routes: [string, string][] = [
      ['GET', '/api/session'],
      ['GET', '/api/overview'],
      ['GET', '/api/indicators'],
      ['GET', '/api/audit'],
      ['GET', '/api/audit/records/1'],
      ['POST', '/api/audit/verify'],
      ['GET', '/api/policy/context'],
      ['POST', '/api/policy/preview'],
      ['GET', '/api/providers'],
      ['GET', '/api/drills'],
      ['POST', '/api/drills/run'],
      ['GET', '/api/compute'],
      ['GET', '/api/compute/report'],
      ['GET', '/api/about'],
      ['GET', '/api/no-such-route'],
    ];

    it('answers 401 to every API route without the operator key (app and admin keys included)', async () => {
      let client = 0;
      for (const [method, path] of routes) {
        const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${APP_KEYS['minwon-bot']}` }, { authorization: `Bearer ${ADMIN_KEY}` }, { cookie: 'jaju_operator=forged' }];
        for (const headers of attempts) {
          // Same-origin, and each wrong key from its own client (the estate trusts loopback as a proxy), so
          // that none of them is slowed down by the key throttle (test/console/key-checks.test.ts).
          client += 1;
          const response = await fetch(`${estate.url}${path}`, { method, headers: { ...headers, origin: estate.url, 'x-forwarded-for': `198.51.100.${client}` }, ...(method === 'POST' ? { body: '{}' } : {}) });
          assert.equal(response.status, 401, `${method} ${path} with ${JSON.stringify(headers)}`);
          const body = (await response.json()) as { error: { code: string } };
          assert.equal(body.error.code, 'invalid_api_key');
          assert.equal(response.headers.get('cache-control'), 'no-store');
        }
      }
    });

    it('logs in with the operator key (HttpOnly SameSite=Strict cookie), refuses a wrong key, and logs out', async () => {
      const wrong = await fetch(`${estate.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: estate.url }, body: JSON.stringify({ key: 'not-the-key' }) });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.headers.get('set-cookie'), null);

      const login = await fetch(`${estate.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: estate.url }, body: JSON.stringify({ key: OPERATOR_KEY }) });
      assert.equal(login.status, 204);
      const cookie = login.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^jaju_operator=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
      const session = cookie.split(';')[0]!;
      assert.equal((await fetch(`${estate.url}/api/session`, { headers: { cookie: session } })).status, 200);

      const logout = await fetch(`${estate.url}/api/logout`, { method: 'POST', headers: { cookie: session, 'sec-fetch-site': 'same-origin' } });
      assert.equal(logout.status, 204);
      assert.match(logout.headers.get('set-cookie') ?? '', /Max-Age=0/);
      assert.equal((await fetch(`${estate.url}/api/session`, { headers: { cookie: session } })).status, 401);
    });

    it('refuses a login without a key as a bad request, and cross-origin calls', async () => {
      const empty = await fetch(`${estate.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: estate.url }, body: '{}' });
      assert.equal(empty.status, 400);
      const crossSite = await api('/api/policy/preview', { body: { app: 'minwon-bot', alias: 'ko-chat', text: 'x' }, headers: { origin: 'https://evil.example' } });
      assert.equal(crossSite.status, 403);
      const sameSite = await api('/api/policy/preview', { body: { app: 'minwon-bot', alias: 'ko-chat', text: 'x' }, headers: { origin: estate.url } });
      assert.equal(sameSite.status, 200);
    });
  });

  describe('overview and providers', () => {
    it('shows the traffic the gateway just carried', async () => {
      const { status, body } = await api<OverviewResponse>('/api/overview?seconds=120&step=10');
      assert.equal(status, 200);
      assert.equal(body.home, 'KR');
      assert.equal(body.traffic.stepSeconds, 10);
      assert.equal(body.traffic.times.length, 12);
      assert.equal(body.traffic.sinceStart.requests, TRAFFIC, 'every request was decided once');
      assert.equal(body.traffic.lastMinute.requests, TRAFFIC);
      assert.equal(body.traffic.sinceStart.denials, TRAFFIC - served);
      assert.ok(body.traffic.sinceStart.denials > 0, 'the demo traffic includes C requests to foreign-only aliases');
      const usCalls = body.traffic.callsByJurisdiction['US']!.reduce((a, b) => a + b, 0);
      const krCalls = body.traffic.callsByJurisdiction['KR']!.reduce((a, b) => a + b, 0);
      assert.equal(usCalls + krCalls, body.traffic.lastMinute.calls);
      assert.equal(body.traffic.lastMinute.sensitiveAbroad, 0);
      assert.deepEqual(body.providerStatus.map((provider) => provider.id), ['onprem-llm', 'gov-enclave', 'kr-cloud', 'openai', 'anthropic']);
      assert.ok(body.ledgerHead && body.ledgerHead.seq >= TRAFFIC, 'body.ledgerHead && body.ledgerHead.seq >= TRAFFIC');
      assert.equal((await api('/api/overview?seconds=5')).status, 400, 'seconds below the minimum');
    });

    it('lists providers with profile, state and traffic, and reflects a cut made through the admin API', async () => {
      const before = await api<ProvidersResponse>('/api/providers');
      assert.equal(before.body.adminEnabled, true);
      const onprem = before.body.providers.find((provider) => provider.id === 'onprem-llm')!;
      assert.equal(onprem.sovereignty.deployment, 'on-premises');
      assert.deepEqual(onprem.aliases.map((entry) => entry.alias), ['ko-chat', 'secure-chat']);
      assert.ok(onprem.traffic.calls > 0, 'onprem.traffic.calls > 0');
      assert.ok(onprem.traffic.latencyP50Ms !== null, 'onprem.traffic.latencyP50Ms !== null');

      const cut = await fetch(`${estate.url}/admin/cuts`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ jurisdiction: 'US' }) });
      assert.equal(cut.status, 200);
      try {
        const during = await api<ProvidersResponse>('/api/providers');
        assert.deepEqual(during.body.cuts.map((entry) => entry.scope), [{ jurisdiction: 'US' }]);
        assert.deepEqual(during.body.providers.filter((provider) => provider.cut).map((provider) => provider.id), ['openai', 'anthropic']);
        assert.deepEqual(during.body.providers.find((provider) => provider.id === 'openai')!.cutBy, [{ jurisdiction: 'US' }]);
        const overview = await api<OverviewResponse>('/api/overview');
        assert.ok(overview.body.alarms.some((alarm) => alarm.kind === 'cut-in-force'), 'overview.body.alarms.some((alarm) => alarm.kind === \'cut-in-force\')');
      } finally {
        await fetch(`${estate.url}/admin/cuts/restore`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ jurisdiction: 'US' }) });
      }
      const restored = await api<ProvidersResponse>('/api/providers');
      assert.equal(restored.body.cuts.length, 0);
    });
  });

  describe('audit ledger', () => {
    it('pages newest first with a cursor, without overlap', async () => {
      const first = await api<AuditListResponse>('/api/audit?limit=5&total=1');
      assert.equal(first.status, 200);
      assert.equal(first.body.records.length, 5);
      assert.ok(first.body.total! >= TRAFFIC, 'first.body.total! >= TRAFFIC');
      assert.ok(first.body.nextCursor, 'first.body.nextCursor');
      const seqs = first.body.records.map((record) => record.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
      const second = await api<AuditListResponse>(`/api/audit?limit=5&cursor=${first.body.nextCursor}`);
      assert.ok(second.body.records.every((record) => record.seq < seqs.at(-1)!), 'second.body.records.every((record) => record.seq < seqs.at(-1)!)');
      assert.deepEqual(first.body.choices.apps, ['defence-analyst', 'hr-screening', 'minwon-bot', 'research-assistant']);
    });

    it('filters by app, grade, provider, outcome, kind and time', async () => {
      const denied = await api<AuditListResponse>('/api/audit?kind=deny&limit=100');
      assert.equal(denied.body.records.length, TRAFFIC - served);
      assert.ok(denied.body.records.every((record) => record.kind === 'deny' && record.app === 'defence-analyst' && record.grade === 'C'), 'denied.body.records.every((record) => record.kind === \'deny\' && record.app === \'defe...');
      const minwon = await api<AuditListResponse>('/api/audit?app=minwon-bot&grade=S&kind=dispatch,complete&limit=100');
      assert.ok(minwon.body.records.length > 0, 'minwon.body.records.length > 0');
      assert.ok(minwon.body.records.every((record) => record.app === 'minwon-bot' && record.grade === 'S' && ['dispatch', 'complete'].includes(record.kind)), 'minwon.body.records.every((record) => record.app === \'minwon-bot\' && record.grade ===...');
      const domestic = await api<AuditListResponse>('/api/audit?provider=kr-cloud&outcome=ok&limit=100');
      assert.ok(domestic.body.records.length > 0, 'the domestic cloud served the O-grade frontier calls (sovereign-first)');
      assert.ok(domestic.body.records.every((record) => record.provider === 'kr-cloud' && record.outcome === 'ok'), 'only kr-cloud ok records');
      const future = await api<AuditListResponse>(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`);
      assert.equal(future.body.records.length, 0);
    });

    it('rejects bad filters with 400 naming the parameter', async () => {
      for (const query of ['grade=X', 'outcome=maybe', 'kind=dispatch,bogus', 'limit=0', 'limit=abc', 'from=yesterday', 'cursor=%27%3B']) {
        const { status, body } = await api<{ error: { message: string } }>(`/api/audit?${query}`);
        assert.equal(status, 400, query);
        assert.match(body.error.message, new RegExp(query.split('=')[0]!), query);
      }
    });

    it('opens one record with its neighbours in the chain and recomputes its hash', async () => {
      const page = await api<AuditListResponse>('/api/audit?limit=3&order=asc&from=2000-01-01T00:00:00Z');
      const middle = page.body.records[1]!;
      const { status, body } = await api<AuditRecordResponse>(`/api/audit/records/${middle.seq}`);
      assert.equal(status, 200);
      assert.equal(body.record.seq, middle.seq);
      assert.equal(body.previous?.seq, middle.seq - 1);
      assert.equal(body.next?.seq, middle.seq + 1);
      assert.equal(body.record.prevHash, body.previous?.hash);
      assert.equal(body.next?.prevHash, body.record.hash);
      assert.equal(body.hashMatches, true);
      assert.equal(body.linkMatches, true);
      assert.equal((await api(`/api/audit/records/999999`)).status, 404);
      assert.equal((await api(`/api/audit/records/abc`)).status, 400);
    });

    it('verifies the chain from the page', async () => {
      const { status, body } = await api<{ ok: boolean; records: number; head: { seq: number } }>('/api/audit/verify', { body: {} });
      assert.equal(status, 200);
      assert.equal(body.ok, true);
      assert.equal(body.records, body.head.seq);
    });
  });

  describe('policy console', () => {
    it('lists the apps with the aliases each may use', async () => {
      const { body } = await api<PolicyContextResponse>('/api/policy/context');
      const defence = body.apps.find((app) => app.id === 'defence-analyst')!;
      assert.equal(defence.grade, 'C');
      assert.deepEqual(defence.aliases, ['secure-chat', 'ko-chat', 'frontier']);
      assert.deepEqual(body.aliases.find((alias) => alias.alias === 'frontier')!.targets.map((target) => target.deployment), ['foreign-cloud', 'foreign-cloud', 'domestic-cloud']);
    });

    it('previews a pseudonymized send: spans in the text, every candidate, the body that would leave', async () => {
      const head = (await api<OverviewResponse>('/api/overview')).body.ledgerHead!.seq;
      const text = '주민등록번호 900101-1234568, 연락처 010-1234-5678 인 민원인의 이력을 요약해 주세요.';
      const { status, body } = await api<PolicyPreviewResponse>('/api/policy/preview', { body: { app: 'research-assistant', alias: 'frontier', text } });
      assert.equal(status, 200);
      assert.equal(body.decision.decision, 'allow');
      assert.equal(body.decision.mode, 'pseudonymized');
      assert.equal(body.decision.findings.KR_RRN, 1);
      const spans = body.messages[0]!.findings.map((finding) => `${finding.type}:${text.slice(finding.start, finding.end)}`);
      assert.ok(spans.includes('KR_RRN:900101-1234568'), spans.join(', '));
      assert.ok(spans.includes('KR_PHONE:010-1234-5678'), spans.join(', '));
      assert.equal(body.candidates.length, 3);
      assert.equal(body.candidates.find((entry) => entry.planPosition === 1)!.candidate.provider, body.decision.provider);
      assert.equal(body.sentMode, 'pseudonymized');
      const sent = JSON.stringify(body.sentBody);
      assert.ok(!sent.includes('900101-1234568'), 'the resident number never appears in the body that would leave');
      assert.ok(!sent.includes('010-1234-5678'), '!sent.includes(\'010-1234-5678\')');
      assert.equal((body.sentBody as { model: string }).model, body.decision.model, 'the alias is replaced by the target model');
      assert.equal((await api<OverviewResponse>('/api/overview')).body.ledgerHead!.seq, head, 'a preview writes no ledger record');
    });

    it('previews a denial with the rules that decided, and nothing that would leave', async () => {
      const { body } = await api<PolicyPreviewResponse>('/api/policy/preview', { body: { app: 'defence-analyst', alias: 'frontier', text: '작전 보고서' } });
      assert.equal(body.decision.decision, 'deny');
      assert.equal(body.denialKind, 'policy');
      assert.equal(body.sentBody, null);
      assert.ok(body.candidates.every((entry) => !entry.candidate.permitted && entry.candidate.reasons.length > 0 && entry.planPosition === null), 'body.candidates.every((entry) => !entry.candidate.permitted && entry.candidate.reasons....');
    });

    it('takes a pasted chat body, and a grade raised above the app grade', async () => {
      const raised = await api<PolicyPreviewResponse>('/api/policy/preview', {
        body: { app: 'research-assistant', grade: 'S', body: { model: 'frontier', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }] } },
      });
      assert.equal(raised.status, 200);
      assert.equal(raised.body.decision.grade, 'S');
      assert.equal(raised.body.decision.provider, 'kr-cloud', 'S may only go to the CSAP-certified domestic cloud');
      assert.deepEqual(raised.body.messages.map((message) => message.role), ['system', 'user']);
      const notLowered = await api<PolicyPreviewResponse>('/api/policy/preview', { body: { app: 'minwon-bot', grade: 'O', alias: 'ko-chat', text: 'hi' } });
      assert.equal(notLowered.body.decision.grade, 'S', 'a grade is raised, never lowered');
    });

    it('answers 400 for an unknown app or a bad body, 404 for an alias the app may not use', async () => {
      assert.equal((await api('/api/policy/preview', { body: { app: 'nobody', alias: 'ko-chat', text: 'x' } })).status, 400);
      assert.equal((await api('/api/policy/preview', { body: { app: 'minwon-bot', text: 'x' } })).status, 400);
      assert.equal((await api('/api/policy/preview', { body: { app: 'minwon-bot', alias: 'ko-chat', text: 'x', grade: 'Z' } })).status, 400);
      assert.equal((await api('/api/policy/preview', { body: { app: 'minwon-bot', body: { model: 'ko-chat' } } })).status, 400);
      assert.equal((await api('/api/policy/preview', { body: { app: 'minwon-bot', alias: 'no-such-alias', text: 'x' } })).status, 404);
    });
  });

  describe('drills, indicators and compute', () => {
    it('lists the example scenarios and runs one offline, keeping its continuity score', async () => {
      const list = await api<DrillsResponse>('/api/drills');
      assert.equal(list.body.available, true);
      const ids = list.body.scenarios.map((scenario) => scenario.id);
      assert.ok(ids.includes('example:us-operated-cut'), ids.join(', '));
      const cutsBefore = (await api<ProvidersResponse>('/api/providers')).body.cuts.length;
      const run = await api<DrillRunResponse>('/api/drills/run', { body: { scenario: 'example:us-operated-cut', since: '1h' } });
      assert.equal(run.status, 200);
      assert.ok(run.body.records > 0, 'run.body.records > 0');
      assert.equal(run.body.report.scenario.name, 'us-operated-cut');
      assert.equal(run.body.report.totals.recorded, TRAFFIC);
      assert.equal((await api<ProvidersResponse>('/api/providers')).body.cuts.length, cutsBefore, 'a drill does not touch the live gateway');
      const after = await api<DrillsResponse>('/api/drills');
      assert.deepEqual(after.body.latest.map((result) => result.scenario), ['us-operated-cut']);
      assert.equal((await api('/api/drills/run', { body: { scenario: '../../etc/passwd' } })).status, 400);
      assert.equal((await api('/api/drills/run', { body: { scenario: 'example:us-operated-cut', since: 'forever' } })).status, 400);
    });

    it('computes the sovereignty indicators over the ledger, with a trend', async () => {
      const { body } = await api<IndicatorsView>('/api/indicators');
      assert.equal(body.available, true);
      assert.ok(body.records! >= TRAFFIC, 'body.records! >= TRAFFIC');
      const sensitive = body.values!.find((value) => value.key === 'sensitiveInCountry')!;
      assert.equal(sensitive.value, 1, 'all S/C traffic stayed in the country');
      assert.equal(sensitive.trend.length, 12);
      assert.equal(body.bucketStarts!.length, 12);
      assert.equal(body.report!.requests.total, TRAFFIC);
    });

    it('reports the allocation of the example compute inputs', async () => {
      const list = await api<ComputeExamplesResponse>('/api/compute');
      assert.deepEqual(list.body.examples.map((example) => example.id), ['default']);
      const { status, body } = await api<ComputeReportResponse>('/api/compute/report?example=default');
      assert.equal(status, 200);
      assert.equal(body.report.kind, 'jaju.allocation-report');
      assert.ok(body.report.totals.grantedGpus > 0 && body.report.totals.grantedGpus <= body.report.totals.usableGpus, 'body.report.totals.grantedGpus > 0 && body.report.totals.grantedGpus <= body.report.tot...');
      assert.equal((await api('/api/compute/report?example=nope')).status, 404);
    });
  });
});
