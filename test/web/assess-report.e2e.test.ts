import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { runJaju } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { chromiumMissing, launchChromium } from './chromium.js';

/**
 * The self-contained HTML reports of `jaju assess` (and `compare`) in Debian's Chromium, opened from a
 * file: they render their charts and tables, run no script and request nothing beyond the file itself.
 */
const skip = chromiumMissing();

describe('jaju assess HTML report in Chromium', { skip }, () => {
  let browser: Browser;
  const dir = tempDir('jaju-assess-e2e-');
  const report = join(dir, 'assessment.html');
  const comparison = join(dir, 'compare.html');

  before(async () => {
    const examples = join('examples', 'assess');
    const assessed = await runJaju(['assess', '--inventory', join(examples, 'inventory.yaml'), '--answers', join(examples, 'answers.yaml'), '--format', 'html', '--out', report]);
    assert.equal(assessed.code, 0, assessed.stderr);
    const compared = await runJaju(['assess', 'compare', '--inventory', join(examples, 'inventory.yaml'), '--inventory', join(examples, 'plan.yaml'), '--answers', join(examples, 'answers.yaml'), '--format', 'html', '--out', comparison]);
    assert.equal(compared.code, 0, compared.stderr);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [name, file] of [
    ['assessment', () => report],
    ['comparison', () => comparison],
  ] as const) {
    it(`renders the ${name} offline with its radar, charts and tables`, async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, javaScriptEnabled: true });
      const requested: string[] = [];
      context.on('request', (request) => requested.push(request.url()));
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const url = pathToFileURL(file()).href;
      await page.goto(url);
      const radar = page.locator('svg', { has: page.locator('title', { hasText: /Score per objective/ }) }).first();
      const box = await radar.boundingBox();
      assert.ok(box !== null && box.width > 300 && box.height > 300, `radar box ${JSON.stringify(box)}`);
      // The radar draws one polygon per series over the 4 rings; each series has 8 vertices (one per objective).
      const points = await radar.locator('polygon[fill-opacity]').first().getAttribute('points');
      assert.equal(points!.trim().split(/\s+/).length, 8);
      assert.ok((await page.locator('table').count()) >= 3);
      if (name === 'assessment') {
        const chart = page.locator('svg', { has: page.locator('title', { hasText: 'Supplier country share per layer (%)' }) });
        assert.ok(((await chart.boundingBox())?.height ?? 0) > 100);
        // Korean names render (the objectives table carries them) and the method section names its sources.
        assert.match((await page.locator('body').innerText()) ?? '', /데이터·AI 주권[\s\S]*Cloud Sovereignty Framework, version 1\.2\.1/);
        assert.equal(await page.locator('#method').count(), 1);
      }
      assert.deepEqual(errors, []);
      assert.deepEqual(requested, [url]);
      await context.close();
    });
  }
});
