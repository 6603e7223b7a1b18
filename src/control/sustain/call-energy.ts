import { gridIntensity } from './grid-intensity.js';

export interface EnergyProfile {
  joulesPerToken?: number | undefined;
  powerWatts?: number | undefined;
  pue: number;
  gridKgCo2PerKwh?: number | undefined;
  hostingCountry: string;
}

/**
 * Energy and carbon of one model call: energy = (J/token × tokens, or W × seconds) × PUE; carbon =
 * energy × grid intensity (docs/design.md §5). Null when the target declares neither figure: an honest
 * "unknown" beats an invented number.
 */
export function estimateCallEnergy(profile: EnergyProfile, tokens: number | null, latencyMs: number): { energyWh: number; co2g: number } | null {
  let joules: number;
  if (profile.joulesPerToken !== undefined && tokens !== null) joules = profile.joulesPerToken * tokens;
  else if (profile.powerWatts !== undefined) joules = profile.powerWatts * (latencyMs / 1000);
  else return null;
  const energyWh = (joules * profile.pue) / 3600;
  const kgPerKwh = profile.gridKgCo2PerKwh ?? gridIntensity(profile.hostingCountry);
  // kg/kWh equals g/Wh.
  return { energyWh: round(energyWh), co2g: round(energyWh * kgPerKwh) };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
