import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runPlan, scenarioFromFile } from '../../../src/control/compute/plan/run-plan.js';
import { scenarioSchema } from '../../../src/control/compute/plan/scenario-schema.js';
import { allocationReport } from '../../../src/control/compute/report/allocation-report.js';
import { allocationHtml } from '../../../src/control/compute/render/allocation-html.js';
import { allocationTable } from '../../../src/control/compute/render/allocation-table.js';
import { planHtml } from '../../../src/control/compute/render/plan-html.js';
import { planTable } from '../../../src/control/compute/render/plan-table.js';
import { EQUAL_WEIGHTS, application, build, site, tiers } from './fixtures.js';

const hostile = '<script>alert("x")</script>';
const input = build({
  sites: [site('dc1', 100), site('dc2', 50, { ownership: 'private', powerBudgetMW: 0.01, pue: 1.2 })],
  policy: { tiers: tiers({ id: 'first', name: 'First & foremost' }, 'second'), weighting: EQUAL_WEIGHTS },
  applications: [application('a', 'first', 80, { organisation: hostile }), application('b', 'second', 90)],
});
const report = allocationReport(input);

/** No external requests: nothing fetches from anywhere (the SVG namespace is a name, not a request). */
function assertSelfContained(html: string): void {
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /\b(src|href)\s*=/i);
  assert.doesNotMatch(html, /<link|@import|url\(/i);
  assert.doesNotMatch(html.replaceAll('http://www.w3.org/2000/svg', ''), /https?:\/\//);
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'only the inert JSON data block');
  assert.match(html, /<script type="application\/json" id="jaju-data">/);
}

describe('allocation renderers', () => {
  it('writes a self-contained HTML report with charts, escaping every input string', () => {
    const html = allocationHtml(report);
    assertSelfContained(html);
    assert.ok((html.match(/<svg /g) ?? []).length >= 4);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(html, /First &amp; foremost/);
    const data = JSON.parse(/<script type="application\/json" id="jaju-data">(.*)<\/script>/s.exec(html)![1]!);
    assert.deepEqual(data, report);
    assert.match(html, /power cap/);
  });

  it('prints a terminal table with tiers, sites and applications (and explanations on request)', () => {
    const table = allocationTable(report);
    assert.match(table, /^National GPU allocation — 2 applications from 2 organisations, 2 sites/);
    assert.match(table, /^1 first\s+public/m);
    assert.match(table, /^dc2\s+Daejeon\s+private\s+kueue\s+[\d.]+ \/ 0\.01\s+H100 \d+\/11\/50 \(power cap\)/m);
    assert.match(table, /^a\s+<script>/m);
    assert.doesNotMatch(table, /requested 80, granted/);
    assert.match(allocationTable(report, { explain: true }), /^ {4}requested 80, granted 80: full request met/m);
  });

  it('renders a plan as a table and as a self-contained HTML report', () => {
    const plan = runPlan(scenarioFromFile(scenarioSchema.parse({ startYear: 2026, years: 2, sites: 's', applications: 'a', policy: 'p', demandGrowth: { second: 1 } }), input));
    const html = planHtml(plan);
    assertSelfContained(html);
    assert.match(html, /<polyline /);
    const table = planTable(plan);
    assert.match(table, /^Multi-year plan 2026–2027/);
    assert.match(table, /^second\s+\d+\.\d%\s+\d+\.\d%$/m);
  });
});
