import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseConfig } from '../../../src/config/index.js';
import { parseScenario, renderDrillHtml, renderDrillTable, runDrill, type DrillReport } from '../../../src/control/drill/index.js';
import { loadPolicyEngine } from '../../../src/policy/index.js';
import { estateConfig, iterate, requestRecord } from './drill-fixtures.js';

describe('drill report rendering', () => {
  let report: DrillReport;

  before(async () => {
    const config = parseConfig(estateConfig());
    const engine = await loadPolicyEngine(config);
    const start = Date.parse('2026-05-01T00:00:00.000Z');
    const records = [];
    let seq = 0;
    // Over three hours: S chat, O gpt, O embed.
    for (let minute = 0; minute < 180; minute += 10) {
      const time = new Date(start + minute * 60_000).toISOString();
      records.push(requestRecord(++seq, time, { app: 'minwon', alias: 'chat', grade: 'S' }));
      records.push(requestRecord(++seq, time, { app: 'research', alias: 'gpt', grade: 'O' }));
      records.push(requestRecord(++seq, time, { app: 'research', alias: 'embed', grade: 'O' }));
    }
    const scenario = parseScenario({ title: 'US & on-prem <script>alert(1)</script>', description: 'a "quoted" <b>description</b>', cuts: [{ jurisdiction: 'US' }, { deployment: 'on-premises' }], capacity: [{ provider: 'krcloud', rps: 50 }] }, null, 'render-test');
    report = await runDrill({ config, engine, records: iterate(records), scenario, now: new Date('2026-05-02T00:00:00.000Z') });
  });

  it('prints a terminal table with the score, one line per app and alias, and the reasons', () => {
    const text = renderDrillTable(report);
    assert.match(text, /^Drill: US & on-prem <script>alert\(1\)<\/script> \(render-test\)$/m);
    assert.match(text, /^ {2}cuts: jurisdiction US, deployment on-premises$/m);
    assert.match(text, /^ {2}capacity: krcloud 50 rps$/m);
    // minwon (3) keeps all 18 via krcloud; research gpt and embed (1 each) lose all 36: 54 / (54 + 36).
    assert.match(text, /continuity score: 60\.0% \(weighted by app criticality; 33\.3% of requests\) — 18 of 54 requests served/);
    assert.match(text, /^minwon\s+chat\s+3\s+18\s+0\s+18 → krcloud\/solar\s+—\s+100\.0%\s+degraded$/m);
    assert.match(text, /^research\s+embed\s+1\s+18\s+0\s+—\s+18 no-permitted-target\s+0\.0%\s+down$/m);
    assert.match(text, /^ {2}research \/ gpt: 18 — unavailable: every target permitted for this request is cut \(openai\)$/m);
    assert.match(text, /^krcloud\s+50 rps\s+0\s+0\s+18\s+1\s+0$/m);
    assert.match(text, /^onprem\s+cut\s+—\s+36\s+2\s+0\s+0\s+0$/m);
  });

  it('writes one self-contained HTML page: escaped text, inline SVG charts, no external reference', () => {
    const html = renderDrillHtml(report);
    assert.match(html, /^<!doctype html>/);
    assert.ok(!html.includes('<script>'), 'scenario text is escaped');
    assert.match(html, /US &amp; on-prem &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /a &quot;quoted&quot; &lt;b&gt;description&lt;\/b&gt;/);
    assert.equal((html.match(/<svg /g) ?? []).length, 2);
    assert.doesNotMatch(html, /\b(src|href)=/i);
    assert.doesNotMatch(html, /https?:\/\//);
    assert.doesNotMatch(html, /@import|url\(/);
    assert.match(html, /<div class="score">60\.0%<\/div>/);
    // One bar segment per outcome with a tooltip: minwon/chat is all failed over.
    assert.match(html, /<title>minwon \/ chat: 18 failed over<\/title>/);
    assert.match(html, /buckets of 5 min/);
    assert.equal(report.timeline.bucketSeconds, 300);
    assert.equal(report.timeline.buckets.reduce((sum, bucket) => sum + bucket.same + bucket.failedOver + bucket.notServed + bucket.outOfScope, 0), 54);
  });
});
