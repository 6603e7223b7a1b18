// Screenshots of every dashboard page, for reviewers (never used as test oracles):
//   npx tsx scripts/screenshots.ts [--seconds N] [--out DIR]
// Starts jaju with the demo estate of test/web/demo-estate.ts (loopback fake upstreams), drives mixed
// traffic through it with the official openai client for N seconds (default 40), makes one provider
// fail and cuts another, then photographs each page at 1366×768 and 1920×1080 into ./screenshots/, and the
// HTML report of `jaju assess` on the example inventory (written there as assessment-report.html).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { renderAssessmentHtml, runAssessment } from '../src/control/assess/index.js';
import { ensureDashboardBundle } from '../test/web/bundle.js';
import { chromiumMissing, launchChromium } from '../test/web/chromium.js';
import { ADMIN_KEY, OPERATOR_KEY, sendDemoRequest, startDemoEstate, type DemoEstate } from '../test/web/demo-estate.js';
import { seedEvaluationRuns } from '../test/web/demo-evaluation.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '40' }, out: { type: 'string', default: join(root, 'screenshots') } } });
const trafficSeconds = Number(values.seconds);
const outDir = values.out!;

/** Mixed traffic at a rate that rises and falls, so the charts show a shape. */
async function driveTraffic(estate: DemoEstate, seconds: number, label: string): Promise<number> {
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < seconds * 1000) {
    const phase = (Date.now() - started) / 1000;
    const burst = 2 + Math.round(3 * (1 + Math.sin(phase / 4)));
    await Promise.all(Array.from({ length: burst }, () => sendDemoRequest(estate, sent++)));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stderr.write(`screenshots: ${label}: ${sent} requests in ${seconds} s\n`);
  return sent;
}

async function admin(estate: DemoEstate, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${estate.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

async function shoot(page: Page, name: string, size: string): Promise<void> {
  await page.mouse.move(1, 1); // no chart tooltip under a resting pointer
  await page.waitForTimeout(400);
  const file = join(outDir, `${name}-${size}.png`);
  await page.screenshot({ path: file, fullPage: true });
  process.stderr.write(`screenshots: ${file}\n`);
}

async function photograph(estate: DemoEstate, width: number, height: number, language: 'ko' | 'en'): Promise<void> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width, height }, locale: language === 'ko' ? 'ko-KR' : 'en-GB', timezoneId: 'Asia/Seoul' });
    const page = await context.newPage();
    const size = `${width}x${height}${language === 'en' ? '-en' : ''}`;
    await page.goto(`${estate.url}/`);
    await page.getByTestId('login-form').waitFor();
    await shoot(page, '0-login', size);
    await page.getByTestId('login-key').fill(OPERATOR_KEY);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('stat-requests-minute').waitFor();
    await page.getByTestId('indicators').waitFor({ timeout: 20_000 }).catch(() => undefined);
    await page.waitForTimeout(2500);
    await shoot(page, '1-overview', size);

    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('verify-run').click();
    await page.getByTestId('verify-result').waitFor();
    await shoot(page, '2-audit', size);
    await page.locator('[data-testid^="audit-row-"]').nth(3).click();
    await page.getByTestId('chain-position').waitFor();
    await shoot(page, '2b-audit-record', size);
    await page.getByTestId('audit-record-close').click();

    await page.getByTestId('nav-policy').click();
    await page.getByTestId('policy-app').selectOption('research-assistant');
    await page.getByTestId('policy-alias').selectOption('frontier');
    await page.getByTestId('policy-submit').click();
    await page.getByTestId('policy-result').waitFor();
    await shoot(page, '3-policy', size);

    await page.getByTestId('nav-providers').click();
    await page.getByTestId('providers-table').waitFor();
    await shoot(page, '4-providers', size);
    await page.getByTestId('cut-kr-cloud').click();
    await page.getByTestId('cut-dialog').waitFor();
    await page.getByTestId('cut-admin-key').fill('••••••••');
    await shoot(page, '4b-providers-cut-dialog', size);
    await page.keyboard.press('Escape');

    await page.getByTestId('nav-drills').click();
    await page.getByTestId('drill-run').click();
    await page.getByTestId('drill-report').waitFor({ timeout: 30_000 });
    await shoot(page, '5-drills', size);

    await page.getByTestId('nav-compute').click();
    await page.getByTestId('compute-report').waitFor({ timeout: 30_000 });
    await shoot(page, '6-compute', size);

    await page.getByTestId('nav-assess').click();
    await page.getByTestId('assess-report').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await shoot(page, '6b-assess', size);
    await page.getByTestId('nav-evaluation').click();
    await page.getByTestId('evaluation-latest').waitFor();
    await shoot(page, '6b-evaluation', size);

    await page.getByTestId('nav-about').click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shoot(page, '7-about', size);

    // The self-contained HTML report of `jaju assess`, opened from its file as a reader would.
    await page.goto(pathToFileURL(join(outDir, 'assessment-report.html')).href);
    await shoot(page, '8-assess-html-report', size);
    await context.close();
  } finally {
    await browser.close();
  }
}

if (chromiumMissing()) process.exit(1);
ensureDashboardBundle();
mkdirSync(outDir, { recursive: true });
const examples = join(root, 'examples', 'assess');
writeFileSync(join(outDir, 'assessment-report.html'), renderAssessmentHtml(await runAssessment({ inventory: join(examples, 'inventory.yaml'), answers: join(examples, 'answers.yaml') })));
const estate = await startDemoEstate({ latency: true });
seedEvaluationRuns(estate.dataDir);
try {
  await driveTraffic(estate, trafficSeconds * 0.7, 'healthy estate');
  // An on-premises outage (its circuit opens; ko-chat fails over to the domestic cloud, secure-chat
  // to the national-network enclave) and an operator's cut, so that alarms and failover show.
  estate.upstreams['onprem-llm']!.fallback = { kind: 'status', status: 503 };
  await admin(estate, '/admin/cuts', { provider: 'openai', reason: 'screenshot drill' });
  await driveTraffic(estate, trafficSeconds * 0.3, 'outage and cut');
  await photograph(estate, 1366, 768, 'ko');
  await photograph(estate, 1920, 1080, 'ko');
  await photograph(estate, 1366, 768, 'en');
} finally {
  await estate.close();
}
