import type { PlanReport } from '../plan/run-plan.js';
import { planYearCells } from './plan-year-cells.js';
import { percent, textTable } from './text-table.js';

/** The terminal view of a multi-year plan: one row per year, then demand met per tier per year. */
export function planTable(report: PlanReport): string {
  const tiers = report.years[0]?.tiers ?? [];
  return [
    `Multi-year plan ${report.startYear}–${report.startYear + report.years.length - 1} (energy and CO₂ at ${percent(report.utilisation)} utilisation)`,
    '',
    textTable(
      ['YEAR', 'INSTALLED', 'USABLE', 'BUDGET MW', 'PUBLIC SUPPLY', 'REQUESTED', 'GRANTED', 'MET', 'DRAW MW', 'ENERGY MWh', 'CO₂ t'],
      report.years.map(planYearCells),
    ),
    '',
    'Share of each tier\'s demand met:',
    textTable(
      ['TIER', ...report.years.map((year) => String(year.year))],
      tiers.map((tier, index) => [tier.id, ...report.years.map((year) => percent(year.tiers[index]!.demandMet))]),
    ),
    '',
  ].join('\n');
}
