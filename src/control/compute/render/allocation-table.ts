import type { AllocationReport } from '../report/allocation-report.js';
import { formatNumber, percent, textTable } from './text-table.js';

/** The terminal view of an allocation: totals, tiers, sites, then every application (with explanations if asked). */
export function allocationTable(report: AllocationReport, options: { explain?: boolean } = {}): string {
  const { totals } = report;
  const lines = [
    `National GPU allocation — ${formatNumber(totals.applications)} applications from ${formatNumber(totals.organisations)} organisations, ${totals.sites} sites, period ${formatNumber(report.periodHours)} h`,
    `Capacity: ${formatNumber(totals.installedGpus)} accelerators installed, ${formatNumber(totals.usableGpus)} usable within ${formatNumber(totals.powerBudgetMW)} MW of power budgets; ` +
      `granted ${formatNumber(totals.grantedGpus)} of ${formatNumber(totals.requestedGpus)} requested (${percent(totals.demandMet)}); ` +
      `${formatNumber(totals.heldHardReserveGpus)} held as hard reserve; ${formatNumber(totals.idleGpus)} idle`,
    `Power draw ${formatNumber(totals.powerDrawMW)} MW · energy ${formatNumber(Math.round(totals.energyMWh))} MWh · ${formatNumber(Math.round(totals.co2Tonnes))} t CO₂ · ` +
      `public supply ${percent(totals.publicSupplyShare)} · organisation HHI ${formatNumber(totals.organisationHhi)}` +
      (totals.organisationCapGpus === null ? '' : ` · organisation cap ${formatNumber(totals.organisationCapGpus)}`),
    ...report.warnings.map((warning) => `warning: ${warning.message}`),
    '',
    textTable(
      ['TIER', 'POOL', 'RESERVE', 'REQUESTED', 'GRANTED', 'MET', 'FULL', 'PARTIAL', 'BELOW-MIN', 'ORG-CAP', 'NO-SITE'],
      report.tiers.map((tier) => [
        `${tier.rank} ${tier.id}${tier.hardReserve ? ' (hard)' : ''}`,
        tier.pool,
        percent(tier.reserveShare),
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
    '',
    textTable(
      ['SITE', 'REGION', 'OWNER', 'SCHEDULER', 'POWER MW', 'ACCELERATORS granted/usable/installed'],
      report.sites.map((site) => [
        site.id,
        site.region,
        site.ownership,
        site.scheduler,
        `${formatNumber(site.powerDrawMW)} / ${formatNumber(site.powerBudgetMW)}`,
        site.pools.map((pool) => `${pool.type} ${pool.granted}/${pool.usable}/${pool.installed}${pool.powerLimited ? ' (power cap)' : ''}`).join(', '),
      ]),
    ),
    '',
  ];
  const applicationRows = report.applications.map((application) => [
    application.id,
    application.organisation,
    application.tier,
    application.gpuType,
    application.dataGrade,
    application.requested,
    application.minGpus,
    application.granted,
    application.status,
  ]);
  const header = ['APPLICATION', 'ORGANISATION', 'TIER', 'TYPE', 'GRADE', 'REQUESTED', 'MIN', 'GRANTED', 'STATUS'];
  if (!options.explain) {
    lines.push(textTable(header, applicationRows));
  } else {
    const table = textTable(header, applicationRows).split('\n');
    lines.push(table[0]!);
    report.applications.forEach((application, index) => lines.push(table[index + 1]!, `    ${application.explanation}`));
  }
  return `${lines.join('\n')}\n`;
}
