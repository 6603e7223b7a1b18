import type { DrillReport } from './drill-report.js';
import { formatCount, formatShare, textTable } from './text-table.js';

function scoreLine(report: DrillReport): string {
  const { continuity } = report;
  const basis = continuity.weighting === 'criticality' ? `weighted by app criticality; ${formatShare(continuity.requestShare)} of requests` : 'share of requests';
  return `continuity score: ${formatShare(continuity.score)} (${basis}) — ${formatCount(continuity.served)} of ${formatCount(continuity.inScope)} requests served`;
}

/** The drill report for a terminal: headline score, one line per app and alias, reasons, provider load. */
export function renderDrillTable(report: DrillReport): string {
  const { scenario, totals, window } = report;
  const lines: string[] = [];
  lines.push(`Drill: ${scenario.title} (${scenario.name})`);
  if (scenario.cuts.length > 0) lines.push(`  cuts: ${scenario.cuts.map((cut) => cut.description).join(', ')}${scenario.crisis ? ' (crisis mode)' : ''}`);
  if (scenario.capacity.length > 0) {
    const limits = scenario.capacity.map((limit) =>
      limit.rps !== undefined ? `${limit.provider} ${limit.rps} rps` : limit.baselineShare !== undefined ? `${limit.provider} ${limit.baselineShare}× its baseline peak` : `${limit.provider} ${limit.workloadShare}× the workload peak`,
    );
    lines.push(`  capacity: ${limits.join(', ')}`);
  }
  lines.push(
    `  workload: ${formatCount(totals.recorded)} requests recorded ${window.firstRequest ?? '—'} … ${window.lastRequest ?? '—'}` +
      `${window.since ? ` (since ${window.since})` : ''}; ${formatCount(totals.outOfScope)} denied by policy even without cuts, ${formatCount(totals.unreplayable)} not replayable`,
  );
  lines.push(`  ${scoreLine(report)}`);
  lines.push(
    `  outcome: ${formatCount(totals.same)} same target, ${formatCount(totals.failedOver)} failed over, ${formatCount(totals.notServed)} not served` +
      ` (${formatCount(totals.notServedNoTarget)} no permitted target left, ${formatCount(totals.notServedCapacity)} capacity)`,
  );
  lines.push('');

  if (report.rows.length === 0) {
    lines.push('No requests in the window: nothing to replay.');
  } else {
    lines.push(
      textTable(
        [
          { header: 'APP' },
          { header: 'ALIAS' },
          { header: 'CRIT', align: 'right' },
          { header: 'REQUESTS', align: 'right' },
          { header: 'SAME', align: 'right' },
          { header: 'FAILED OVER (TO)' },
          { header: 'NOT SERVED (WHY)' },
          { header: 'SERVED', align: 'right' },
          { header: 'STATUS' },
        ],
        report.rows.map((row) => [
          row.app,
          row.alias,
          String(row.criticality),
          formatCount(row.requests),
          formatCount(row.same),
          row.failedOver.map((entry) => `${formatCount(entry.requests)} → ${entry.to}${entry.mode === 'pseudonymized' ? ' (pseudonymized)' : ''}`).join('; ') || '—',
          row.notServed.map((entry) => `${formatCount(entry.requests)} ${entry.reason}`).join('; ') || '—',
          formatShare(row.continuity),
          row.status,
        ]),
      ),
    );
  }

  const reasons = report.rows.flatMap((row) => row.notServed.map((entry) => ({ row, entry })));
  if (reasons.length > 0) {
    lines.push('');
    lines.push('Why not served:');
    for (const { row, entry } of reasons) lines.push(`  ${row.app} / ${row.alias}: ${formatCount(entry.requests)} — ${entry.detail}`);
  }

  lines.push('');
  lines.push(
    textTable(
      [
        { header: 'PROVIDER' },
        { header: 'CUT' },
        { header: 'CAPACITY', align: 'right' },
        { header: 'BASELINE', align: 'right' },
        { header: 'PEAK/S', align: 'right' },
        { header: 'SCENARIO', align: 'right' },
        { header: 'PEAK/S', align: 'right' },
        { header: 'OVERFLOW', align: 'right' },
      ],
      report.providers.map((provider) => [
        provider.provider,
        provider.cut ? 'cut' : '',
        provider.capacityRps === null ? '—' : `${Number.isInteger(provider.capacityRps) ? provider.capacityRps : provider.capacityRps.toFixed(2)} rps`,
        formatCount(provider.baseline.requests),
        formatCount(provider.baseline.peakRps),
        formatCount(provider.scenario.requests),
        formatCount(provider.scenario.peakRps),
        formatCount(provider.overflow),
      ]),
    ),
  );
  if (report.warnings.length > 0) {
    lines.push('');
    for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  }
  return lines.join('\n');
}
