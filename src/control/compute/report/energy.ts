import type { Placement } from '../engine/allocation-types.js';
import type { Site } from '../model.js';

export interface EnergyFigures {
  /** Grid draw at full load, watts (accelerators × watts × PUE). */
  powerW: number;
  /** Grid energy over the given hours, kWh. */
  energyKWh: number;
  /** kg CO₂eq: energy × the site grid's intensity. */
  co2Kg: number;
}

/**
 * docs/design.md §5: energy = power × time × PUE; carbon = energy × grid intensity. Accelerator power only
 * (the watts declared per accelerator), at full load: an upper bound when GPUs idle part of the time.
 */
export function placementEnergy(placements: readonly Placement[], hours: number, sitesById: ReadonlyMap<string, Site>): EnergyFigures {
  let powerW = 0;
  let co2Kg = 0;
  for (const placement of placements) {
    const site = sitesById.get(placement.site)!;
    const pool = site.gpus.find((candidate) => candidate.type === placement.gpuType)!;
    const watts = placement.gpus * pool.watts * site.pue;
    powerW += watts;
    co2Kg += ((watts * hours) / 1000) * site.gridKgCo2PerKwh;
  }
  return { powerW, energyKWh: (powerW * hours) / 1000, co2Kg };
}
