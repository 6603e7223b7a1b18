import type { PlanReport } from '../plan/run-plan.js';
import { cards, htmlPage, htmlTable } from './html-page.js';
import { planYearCells } from './plan-year-cells.js';
import { barChart, lineChart } from './svg-charts.js';
import { formatNumber, percent } from './text-table.js';

/** A multi-year plan as a self-contained HTML report with inline SVG charts. */
export function planHtml(report: PlanReport): string {
  const years = report.years.map((year) => String(year.year));
  const first = report.years[0]!;
  const last = report.years[report.years.length - 1]!;
  const tiers = first.tiers;
  const body = [
    cards([
      [`${formatNumber(first.usableGpus)} → ${formatNumber(last.usableGpus)}`, 'usable accelerators'],
      [`${percent(first.demandMet)} → ${percent(last.demandMet)}`, 'of demand met'],
      [`${formatNumber(first.powerDrawMW)} → ${formatNumber(last.powerDrawMW)} MW`, 'grid draw'],
      [`${formatNumber(last.energyMWh)} MWh`, `energy in ${last.year}`],
      [`${formatNumber(last.co2Tonnes)} t`, `CO₂ in ${last.year}`],
      [`${percent(first.publicSupplyShare)} → ${percent(last.publicSupplyShare)}`, 'public supply share'],
    ]),
    '<h2>Demand met</h2>',
    `<figure>${lineChart({ title: "Share of each tier's demand met", xLabels: years, percent: true, series: tiers.map((tier, index) => ({ name: tier.name, values: report.years.map((year) => year.tiers[index]!.demandMet) })) })}</figure>`,
    '<h2>Supply</h2>',
    `<figure>${barChart({
      title: 'Accelerators per year',
      categories: years,
      series: [
        { name: 'installed', values: report.years.map((year) => year.installedGpus), color: '#b0bec5' },
        { name: 'usable within power budgets', values: report.years.map((year) => year.usableGpus), color: '#1f5aa6' },
        { name: 'granted', values: report.years.map((year) => year.grantedGpus), color: '#2e8b57' },
        { name: 'requested', values: report.years.map((year) => year.requestedGpus), color: '#d9822b' },
      ],
    })}</figure>`,
    '<h2>Power, energy and carbon</h2>',
    `<figure>${barChart({ title: 'Grid draw of the grants (tick: power budget)', categories: years, unit: 'MW', series: [{ name: 'draw', values: report.years.map((year) => year.powerDrawMW), color: '#d9822b' }], reference: { name: 'budget', values: report.years.map((year) => year.powerBudgetMW) } })}</figure>`,
    `<figure>${barChart({ title: `Energy (MWh) and CO₂ (t) per year at ${percent(report.utilisation)} utilisation`, categories: years, series: [{ name: 'energy MWh', values: report.years.map((year) => year.energyMWh), color: '#8e44ad' }, { name: 'CO₂ t', values: report.years.map((year) => year.co2Tonnes), color: '#7f8c8d' }] })}</figure>`,
    htmlTable(
      ['year', 'installed', 'usable', 'budget MW', 'public supply', 'requested', 'granted', 'met', 'draw MW', 'energy MWh', 'CO₂ t', ...tiers.map((tier) => `${tier.id} met`)],
      report.years.map((year) => [
        ...planYearCells(year),
        ...year.tiers.map((tier) => percent(tier.demandMet)),
      ]),
    ),
  ].join('\n');
  return htmlPage(`GPU allocation plan ${first.year}–${last.year}`, `Allocator run once per year on the grown demand and the supply of that year.`, body, report);
}
