import type { PlanReport } from '../plan/run-plan.js';
import { percent } from './text-table.js';

/** The per-year figures of a plan, in the column order both the text table and the HTML report show. */
export function planYearCells(year: PlanReport['years'][number]): (string | number)[] {
  return [
    String(year.year),
    year.installedGpus,
    year.usableGpus,
    year.powerBudgetMW,
    percent(year.publicSupplyShare),
    year.requestedGpus,
    year.grantedGpus,
    percent(year.demandMet),
    year.powerDrawMW,
    year.energyMWh,
    year.co2Tonnes,
  ];
}
