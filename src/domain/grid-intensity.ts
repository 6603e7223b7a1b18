/**
 * Consumption-side grid carbon intensity, kg CO₂eq per kWh. Korea: the Ministry of Climate, Energy &
 * Environment's official 2023 factor (0.4173, announced 2025-12-17). Others: CodeCarbon's
 * global_energy_mix.json (Our World in Data, 2023). Unknown countries: the world average 0.475.
 */
const GRID_KG_PER_KWH: Record<string, number> = {
  KR: 0.4173,
  US: 0.369,
  JP: 0.485,
  DE: 0.381,
  FR: 0.056,
  CN: 0.582,
};

export const WORLD_AVERAGE_KG_PER_KWH = 0.475;

export function gridIntensity(country: string): number {
  return GRID_KG_PER_KWH[country] ?? WORLD_AVERAGE_KG_PER_KWH;
}
