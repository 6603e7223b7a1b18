import type { AllocationReport } from '../report/allocation-report.js';
import { escapeHtml } from './escape.js';
import { cards, htmlPage, htmlTable } from './html-page.js';
import { PALETTE, barChart } from './svg-charts.js';
import { formatNumber, percent } from './text-table.js';

/** The allocation as a self-contained HTML report with inline SVG charts. */
export function allocationHtml(report: AllocationReport): string {
  const { totals } = report;
  const tierColor = new Map(report.tiers.map((tier, index) => [tier.id, PALETTE[index % PALETTE.length]!]));
  const pools = report.sites.flatMap((site) => site.pools.map((pool) => ({ site, pool })));

  const body = [
    cards([
      [formatNumber(totals.installedGpus), 'accelerators installed'],
      [formatNumber(totals.usableGpus), `usable within ${formatNumber(totals.powerBudgetMW)} MW`],
      [formatNumber(totals.grantedGpus), `granted of ${formatNumber(totals.requestedGpus)} requested`],
      [percent(totals.demandMet), 'of demand met'],
      [formatNumber(totals.heldHardReserveGpus), 'held as hard reserve'],
      [`${formatNumber(totals.powerDrawMW)} MW`, 'grid draw at full load'],
      [`${formatNumber(Math.round(totals.energyMWh))} MWh`, 'energy of the grants'],
      [`${formatNumber(Math.round(totals.co2Tonnes))} t`, 'CO₂'],
      [percent(totals.publicSupplyShare), 'public supply share'],
      [formatNumber(totals.organisationHhi), 'organisation HHI'],
    ]),
    ...(report.warnings.length === 0 ? [] : [`<ul class="warnings">${report.warnings.map((warning) => `<li>warning: ${escapeHtml(warning.message)}</li>`).join('')}</ul>`]),
    '<h2>Tiers</h2>',
    figure(
      barChart({
        title: 'Requested and granted accelerators per tier',
        categories: report.tiers.map((tier) => `${tier.rank}. ${tier.name}`),
        series: [
          { name: 'requested', values: report.tiers.map((tier) => tier.requestedGpus), color: '#b0bec5' },
          { name: 'granted', values: report.tiers.map((tier) => tier.grantedGpus), color: '#1f5aa6' },
        ],
        reference: { name: 'reserve', values: report.tiers.map((tier) => tier.reservedGpus) },
      }),
    ),
    figure(
      barChart({
        title: 'Applications per tier by outcome',
        categories: report.tiers.map((tier) => `${tier.rank}. ${tier.name}`),
        stacked: true,
        series: [
          { name: 'full', values: report.tiers.map((tier) => tier.byStatus.full), color: '#2e8b57' },
          { name: 'partial', values: report.tiers.map((tier) => tier.byStatus.partial), color: '#d9822b' },
          { name: 'below minimum', values: report.tiers.map((tier) => tier.byStatus['below-minimum']), color: '#c0392b' },
          { name: 'organisation cap', values: report.tiers.map((tier) => tier.byStatus['organisation-cap']), color: '#8e44ad' },
          { name: 'no eligible site', values: report.tiers.map((tier) => tier.byStatus['no-eligible-site']), color: '#7f8c8d' },
        ],
      }),
    ),
    htmlTable(
      ['#', 'tier', 'pool', 'priority', 'reserve', 'reserved', 'requested', 'granted', 'met', 'full', 'partial', 'below min', 'org cap', 'no site'],
      report.tiers.map((tier) => [
        tier.rank,
        `${tier.name}${tier.hardReserve ? ' (hard reserve)' : ''}`,
        tier.pool,
        tier.priority,
        percent(tier.reserveShare),
        tier.reservedGpus,
        tier.requestedGpus,
        tier.grantedGpus,
        percent(tier.demandMet),
        tier.byStatus.full,
        tier.byStatus.partial,
        tier.byStatus['below-minimum'],
        tier.byStatus['organisation-cap'],
        tier.byStatus['no-eligible-site'],
      ]),
    ),
    '<h2>Sites</h2>',
    figure(
      barChart({
        title: 'Accelerators granted per site and type, by tier (tick: usable within the power budget)',
        categories: pools.map(({ site, pool }) => `${site.id} · ${pool.type}`),
        stacked: true,
        series: [
          ...report.tiers.map((tier) => ({ name: tier.name, values: pools.map(({ pool }) => pool.byTier[tier.id] ?? 0), color: tierColor.get(tier.id)! })),
          { name: 'held as hard reserve', values: pools.map(({ pool }) => pool.heldHardReserve), color: '#cfd8dc' },
        ],
        reference: { name: 'usable', values: pools.map(({ pool }) => pool.usable) },
      }),
    ),
    figure(
      barChart({
        title: 'Grid draw of the grants at full load (tick: power budget)',
        categories: report.sites.map((site) => site.id),
        series: [{ name: 'draw', values: report.sites.map((site) => site.powerDrawMW), color: '#d9822b' }],
        reference: { name: 'budget', values: report.sites.map((site) => site.powerBudgetMW) },
        unit: 'MW',
      }),
    ),
    htmlTable(
      ['site', 'region', 'operator', 'owner', 'scheduler', 'grades', 'PUE', 'budget MW', 'draw MW', 'type', 'W', 'installed', 'usable', 'granted', 'hard reserve', 'idle'],
      pools.map(({ site, pool }) => [
        site.name,
        site.region,
        site.operator,
        site.ownership,
        site.scheduler,
        site.accreditedGrades.join(' '),
        site.pue,
        site.powerBudgetMW,
        site.powerDrawMW,
        `${pool.type}${pool.powerLimited ? ' (power cap)' : ''}`,
        pool.watts,
        pool.installed,
        pool.usable,
        pool.granted,
        pool.heldHardReserve,
        pool.idle,
      ]),
    ),
    '<h2>Organisations</h2>',
    `<p>Herfindahl–Hirschman index of the grants by organisation: <b>${formatNumber(totals.organisationHhi)}</b> (above 2,500 is highly concentrated).` +
      (totals.organisationCapGpus === null ? '' : ` Per-organisation cap: ${formatNumber(totals.organisationCapGpus)} accelerators.`) +
      '</p>',
    htmlTable(
      ['organisation', 'applications', 'requested', 'granted', 'share'],
      report.organisations.slice(0, 30).map((entry) => [entry.organisation, entry.applications, entry.requestedGpus, entry.grantedGpus, percent(entry.share)]),
    ),
    '<h2>Applications</h2>',
    htmlTable(
      ['application', 'organisation', 'tier', 'type', 'grade', 'requested', 'min', 'granted', 'GPU-hours', 'MWh', 'status and explanation'],
      report.applications.map((application) => [
        application.id,
        application.organisation,
        application.tier,
        application.gpuType,
        application.dataGrade,
        application.requested,
        application.minGpus,
        application.granted,
        Math.round(application.grantedGpuHours),
        application.energyMWh,
        { html: `<span class="status-${application.status}">${escapeHtml(application.status)}</span><div class="why">${escapeHtml(application.explanation)}</div>` },
      ]),
    ),
  ].join('\n');

  const subtitle =
    `${formatNumber(totals.applications)} applications from ${formatNumber(totals.organisations)} organisations over ${totals.sites} sites; ` +
    `allocation period ${formatNumber(report.periodHours)} hours.`;
  return htmlPage('National GPU allocation', subtitle, body, report);
}

function figure(svg: string): string {
  return `<figure>${svg}</figure>`;
}
