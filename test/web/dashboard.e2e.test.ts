import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureDashboardBundle } from './bundle.js';
import { chromiumMissing, launchChromium } from './chromium.js';
import { ADMIN_KEY, OPERATOR_KEY, sendDemoRequest, startDemoEstate, type DemoEstate } from './demo-estate.js';
import { seedEvaluationRuns } from './demo-evaluation.js';

/**
 * The dashboard in Debian's Chromium against a real gateway (startJaju, SQLite ledger in a temp folder,
 * loopback fake upstreams), driven like an operator would: log in, watch live numbers move while
 * traffic flows through the official openai client, open an audit record, preview a policy decision,
 * cut and restore a provider, switch language. Every request the page makes is recorded and must stay
 * on the gateway's origin: the page works offline.
 */
const skip = chromiumMissing();

function digits(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9]/g, '') || '0');
}

/** Polls `read` until `accept` holds (the page refreshes itself every few seconds). */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('dashboard in Chromium', { skip }, () => {
  let estate: DemoEstate;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  /** The page's state-changing calls: what the browser sent and what the console answered. */
  const changes: Promise<{ path: string; origin: string | undefined; site: string | undefined; status: number | undefined }>[] = [];

  before(async () => {
    ensureDashboardBundle();
    estate = await startDemoEstate();
    for (let index = 0; index < 8; index += 1) await sendDemoRequest(estate, index);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ko-KR' });
    context.setDefaultTimeout(15_000);
    context.on('request', (request) => {
      requested.push(request.url());
      if (request.method() === 'GET') return;
      changes.push(
        (async () => {
          const headers = await request.allHeaders();
          const response = await request.response().catch(() => null);
          return { path: new URL(request.url()).pathname, origin: headers['origin'], site: headers['sec-fetch-site'], status: response?.status() };
        })(),
      );
    });
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await estate?.close();
  });

  it('refuses a wrong operator key, then logs in with the right one (cookie invisible to the page)', async () => {
    await page.goto(`${estate.url}/`);
    await page.getByTestId('login-key').fill('not-the-operator-key');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    assert.match((await page.getByTestId('login-error').textContent()) ?? '', /운영자 키가 올바르지 않습니다/);
    assert.equal(await page.getByTestId('stat-requests-minute').count(), 0, 'no data without the key');

    await page.getByTestId('login-key').fill(OPERATOR_KEY);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('stat-requests-minute').waitFor();
    assert.equal(new URL(page.url()).pathname, '/overview');
    assert.equal(await page.evaluate('document.cookie'), '', 'page scripts cannot read the session cookie');
    const session = (await context.cookies()).find((cookie) => cookie.name === 'jaju_operator');
    assert.equal(session?.httpOnly, true);
    assert.equal(session?.sameSite, 'Strict');
  });

  it('shows live numbers that change while traffic flows through the gateway', async () => {
    const tile = page.getByTestId('stat-requests-minute').locator('.stat-number');
    const requests = async () => digits(await tile.textContent());
    const before = await eventually(requests, (value) => value >= 8);
    for (let index = 0; index < 12; index += 1) await sendDemoRequest(estate, index);
    assert.equal(await eventually(requests, (value) => value >= before + 12), before + 12);
    assert.ok((await page.getByTestId('chart-jurisdiction').locator('path.recharts-area-area').count()) > 0, 'the jurisdiction chart draws areas');
    await page.getByTestId('indicators').waitFor();
    assert.match((await page.getByTestId('indicator-sensitiveInCountry').textContent()) ?? '', /100\s?%/);
  });

  it('opens an audit record with its chain position, and verifies the chain', async () => {
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('verify-run').click();
    await page.getByTestId('verify-result').waitFor();
    assert.match((await page.getByTestId('verify-result').textContent()) ?? '', /체인 무결/);

    const row = page.locator('[data-testid^="audit-row-"]').nth(2);
    const seq = Number((await row.getAttribute('data-testid'))!.replace('audit-row-', ''));
    await row.click();
    await page.getByTestId('chain-position').waitFor();
    assert.equal(new URL(page.url()).pathname, `/audit/${seq}`);
    assert.equal(Number(/^\d+/.exec((await page.getByTestId('record-seq').textContent()) ?? '')?.[0]), seq);
    const record = await estate.jaju.composed.ledger.get(seq);
    assert.equal(await page.getByTestId('record-hash').textContent(), record!.hash);
    assert.equal(await page.getByTestId('record-prev-hash').textContent(), record!.prevHash);
    assert.match((await page.getByTestId('chain-position').textContent()) ?? '', /해시 재계산: 일치/);
    await page.getByTestId('audit-record-close').click();
    await page.getByTestId('audit-record').waitFor({ state: 'detached' });
  });

  it('previews a policy decision with the findings highlighted and the pseudonymized body', async () => {
    await page.getByTestId('nav-policy').click();
    await page.getByTestId('policy-app').selectOption('research-assistant');
    await page.getByTestId('policy-alias').selectOption('frontier');
    await page.getByTestId('policy-text').fill('민원인 연락처 010-1234-5678 과 주민등록번호 900101-1234568 을 확인해 주세요.');
    await page.getByTestId('policy-submit').click();
    await page.getByTestId('policy-result').waitFor();
    assert.match((await page.getByTestId('policy-decision').textContent()) ?? '', /허용/);
    const marked: string[] = [];
    for (const mark of await page.getByTestId('policy-text-0').locator('mark').all()) marked.push(`${await mark.getAttribute('data-finding')}:${await mark.textContent()}`);
    assert.ok(marked.some((entry) => entry.startsWith('KR_PHONE:010-1234-5678')), marked.join(', '));
    assert.ok(marked.some((entry) => entry.startsWith('KR_RRN:900101-1234568')), marked.join(', '));
    assert.equal(await page.getByTestId('policy-candidates').locator('tbody tr').count(), 3);
    const sent = (await page.getByTestId('policy-sent-body').textContent()) ?? '';
    assert.ok(!sent.includes('900101-1234568') && !sent.includes('010-1234-5678'), 'the body that would leave carries pseudonyms only');
  });

  it('cuts and restores a provider with the admin key, after a confirmation', async () => {
    await page.getByTestId('nav-providers').click();
    await page.getByTestId('providers-table').waitFor();
    await page.getByTestId('cut-openai').click();
    await page.getByTestId('cut-dialog').waitFor();
    await page.getByTestId('cut-admin-key').fill('not-the-admin-key');
    await page.getByTestId('cut-confirm').click();
    await page.getByTestId('cut-error').waitFor();
    assert.deepEqual(estate.jaju.gateway.runtime.cuts.list(), [], 'a wrong admin key cuts nothing');

    await page.getByTestId('cut-admin-key').fill(ADMIN_KEY);
    await page.getByTestId('cut-confirm').click();
    await page.getByTestId('restore-openai').waitFor();
    assert.deepEqual(estate.jaju.gateway.runtime.cuts.list(), [{ provider: 'openai' }]);
    assert.match((await page.getByTestId('provider-openai-state').textContent()) ?? '', /차단됨/);

    await page.getByTestId('restore-openai').click();
    await page.getByTestId('cut-admin-key').fill(ADMIN_KEY);
    await page.getByTestId('cut-confirm').click();
    await page.getByTestId('cut-openai').waitFor();
    assert.deepEqual(estate.jaju.gateway.runtime.cuts.list(), []);
    const controlRecords = await estate.jaju.composed.ledger.query({ kind: ['cut', 'restore'] });
    assert.deepEqual(controlRecords.records.map((record) => record.kind), ['restore', 'cut'], 'both changes are on the record');
  });

  it('lists the saved evaluation runs with each model\'s latest accuracy, ratio and verdict (모델 평가)', async () => {
    seedEvaluationRuns(estate.dataDir);
    await page.getByTestId('nav-evaluation').click();
    await page.getByTestId('evaluation-latest').waitFor();
    assert.equal(new URL(page.url()).pathname, '/evaluation');
    assert.match((await page.locator('h1').first().textContent()) ?? '', /모델 평가/);
    // 325 items; ko-chat misses every 12th (28 items: 297 right), frontier every 40th (9: 316 right).
    const koChat = page.getByTestId('evaluation-model-ko-chat');
    assert.match((await koChat.textContent()) ?? '', /91\.4%/);
    assert.match((await koChat.textContent()) ?? '', /0\.94/, 'ratio 297/316 = 0.940');
    assert.match((await koChat.locator('.badge').textContent()) ?? '', /판정 보류|미달|달성/);
    assert.match((await page.getByTestId('evaluation-model-secure-chat').locator('.badge').textContent()) ?? '', /미달/, 'secure-chat at 0.82 of the reference is below 0.95');
    assert.match((await page.getByTestId('evaluation-model-frontier').textContent()) ?? '', /기준 모델/);
    assert.equal(await page.getByTestId('evaluation-runs').locator('tbody tr').count(), 2);
    assert.ok((await page.getByTestId('evaluation-chart').locator('path.recharts-rectangle').count()) >= 3, 'one bar per model');
  });

  it('switches between Korean and English, and remembers the choice', async () => {
    assert.equal(await page.getByTestId('nav-overview').textContent(), '종합 현황');
    await page.getByTestId('language-en').click();
    assert.equal(await page.getByTestId('nav-overview').textContent(), 'Overview');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.reload();
    await page.getByTestId('nav-overview').waitFor();
    assert.equal(await page.getByTestId('nav-overview').textContent(), 'Overview');
    await page.getByTestId('language-ko').click();
    assert.equal(await page.getByTestId('nav-overview').textContent(), '종합 현황');
  });

  it('never makes a request outside the gateway origin', () => {
    assert.ok(requested.length > 20, `recorded ${requested.length} requests`);
    const outside = requested.filter((url) => new URL(url).origin !== estate.url && !url.startsWith('data:'));
    assert.deepEqual(outside, []);
  });

  it('sends every state-changing call with its own Origin and Sec-Fetch-Site: same-origin, and the console takes them', async () => {
    const sent = await Promise.all(changes);
    const paths = new Set(sent.map((change) => change.path));
    for (const path of ['/api/login', '/api/audit/verify', '/api/policy/preview', '/api/cuts', '/api/cuts/restore']) assert.ok(paths.has(path), `the page called ${path}`);
    assert.ok(![...paths].some((path) => path.startsWith('/admin/')), 'cuts go through the console, not the gateway admin API');
    for (const change of sent) {
      assert.equal(change.origin, estate.url, `${change.path}: Origin`);
      assert.equal(change.site, 'same-origin', `${change.path}: Sec-Fetch-Site`);
      assert.notEqual(change.status, 403, `${change.path} was not refused as cross-origin`);
    }
  });
});
