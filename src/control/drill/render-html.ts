import type { DrillReport } from './drill-report.js';
import { escapeXml as escape, OUTCOME_COLOURS, rowsChart, timelineChart } from './svg-charts.js';
import { formatCount, formatShare } from './text-table.js';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans KR",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.muted{color:#666}.score{font-size:2.6rem;font-weight:700;margin:.4rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.status-unaffected{color:#0072b2}.status-degraded{color:#a66f00}.status-partial,.status-down{color:#d55e00;font-weight:600}.status-out-of-scope{color:#888}
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
svg .label{font-size:12px;fill:#1d1d1f}svg .value{font-size:11px;fill:#555}svg .axis{stroke:#999}
.warning{color:#a66f00}
`;

function legend(): string {
  const item = (colour: string, label: string) => `<span><i style="background:${colour}"></i>${label}</span>`;
  return `<p class="legend">${item(OUTCOME_COLOURS.same, 'same target')}${item(OUTCOME_COLOURS.failedOver, 'failed over')}${item(OUTCOME_COLOURS.notServed, 'not served')}${item(OUTCOME_COLOURS.outOfScope, 'denied even without cuts')}</p>`;
}

function rowsTable(report: DrillReport): string {
  const body = report.rows
    .map((row) => {
      const failedOver = row.failedOver.map((entry) => `${formatCount(entry.requests)} → ${escape(entry.to)}${entry.mode === 'pseudonymized' ? ' (pseudonymized)' : ''}`).join('<br>') || '—';
      const notServed = row.notServed.map((entry) => `${formatCount(entry.requests)} ${escape(entry.reason)}: <span class="muted">${escape(entry.detail)}</span>`).join('<br>') || '—';
      const baseline = row.baseline.map((entry) => escape(entry.target)).join(', ') || '—';
      return (
        `<tr><td>${escape(row.app)}</td><td>${escape(row.alias)}</td><td class="n">${row.criticality}</td><td class="n">${formatCount(row.requests)}</td>` +
        `<td>${baseline}</td><td class="n">${formatCount(row.same)}</td><td>${failedOver}</td><td>${notServed}</td>` +
        `<td class="n">${formatShare(row.continuity)}</td><td class="status-${row.status}">${row.status}</td></tr>`
      );
    })
    .join('');
  return (
    '<table><thead><tr><th>app</th><th>alias</th><th class="n">criticality</th><th class="n">requests</th><th>today served by</th>' +
    '<th class="n">same</th><th>failed over to</th><th>not served (why)</th><th class="n">served</th><th>status</th></tr></thead>' +
    `<tbody>${body}</tbody></table>`
  );
}

function providersTable(report: DrillReport): string {
  const body = report.providers
    .map(
      (provider) =>
        `<tr><td>${escape(provider.provider)}</td><td>${provider.cut ? 'cut' : ''}</td>` +
        `<td class="n">${provider.capacityRps === null ? '—' : `${Number(provider.capacityRps.toFixed(2))} rps (${provider.capacitySource})`}</td>` +
        `<td class="n">${formatCount(provider.baseline.requests)}</td><td class="n">${formatCount(provider.baseline.peakRps)}</td>` +
        `<td class="n">${formatCount(provider.scenario.requests)}</td><td class="n">${formatCount(provider.scenario.peakRps)}</td><td class="n">${formatCount(provider.overflow)}</td></tr>`,
    )
    .join('');
  return (
    '<table><thead><tr><th>provider</th><th>cut</th><th class="n">capacity</th><th class="n">baseline requests</th><th class="n">baseline peak/s</th>' +
    `<th class="n">scenario requests</th><th class="n">scenario peak/s</th><th class="n">overflow</th></tr></thead><tbody>${body}</tbody></table>`
  );
}

/**
 * The drill report as one self-contained HTML page: inline CSS and inline SVG charts, no script and
 * no external request (it must open from a USB stick on an air-gapped desk).
 */
export function renderDrillHtml(report: DrillReport): string {
  const { scenario, totals, continuity, window } = report;
  const cuts = scenario.cuts.map((cut) => escape(cut.description)).join(', ') || 'none';
  const basis = continuity.weighting === 'criticality' ? `weighted by app criticality (${formatShare(continuity.requestShare)} of requests)` : 'share of requests';
  const warnings = report.warnings.length > 0 ? `<h2>Warnings</h2><ul>${report.warnings.map((warning) => `<li class="warning">${escape(warning)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Drill: ${escape(scenario.title)}</title><style>${STYLE}</style></head>
<body>
<h1>Drill: ${escape(scenario.title)}</h1>
<p class="muted">scenario <code>${escape(scenario.name)}</code> · cuts: ${cuts}${scenario.crisis ? ' · crisis mode' : ''} · home ${escape(report.home)} · generated ${escape(report.generatedAt)}</p>
${scenario.description ? `<p>${escape(scenario.description)}</p>` : ''}
<div class="score">${formatShare(continuity.score)}</div>
<p>continuity score, ${basis}: ${formatCount(continuity.served)} of ${formatCount(continuity.inScope)} requests served.
${formatCount(totals.same)} by the same target, ${formatCount(totals.failedOver)} failed over, ${formatCount(totals.notServed)} not served
(${formatCount(totals.notServedNoTarget)} with no permitted target left, ${formatCount(totals.notServedCapacity)} for capacity).</p>
<p class="muted">Workload: ${formatCount(totals.recorded)} requests recorded ${escape(window.firstRequest ?? '—')} … ${escape(window.lastRequest ?? '—')};
${formatCount(totals.outOfScope)} denied by policy even without cuts (not counted); ${formatCount(totals.unreplayable)} not replayable.</p>
<h2>Outcome per app and alias</h2>
${legend()}
${rowsChart(report.rows)}
${rowsTable(report)}
<h2>Outcome over time</h2>
<p class="muted">buckets of ${report.timeline.bucketSeconds >= 3600 ? `${report.timeline.bucketSeconds / 3600} h` : `${report.timeline.bucketSeconds / 60} min`}</p>
${timelineChart(report.timeline.buckets)}
<h2>Provider load</h2>
${providersTable(report)}
${warnings}
</body></html>
`;
}
