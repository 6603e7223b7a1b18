import type { Deployment, Grade } from '../api/types.js';

/**
 * One colour per sovereignty tier, used everywhere (badges, charts, legends), from most to least under
 * national control: green, teal, blue, orange. The same hue means the same tier on every page.
 */
export const TIER_COLORS: Record<Deployment, string> = {
  'on-premises': '#22c55e',
  'national-network': '#2dd4bf',
  'domestic-cloud': '#60a5fa',
  'foreign-cloud': '#fb923c',
};

/** Shades per tier for several providers of the same tier (light to dark). */
const TIER_SHADES: Record<Deployment, string[]> = {
  'on-premises': ['#22c55e', '#86efac', '#15803d', '#4ade80'],
  'national-network': ['#2dd4bf', '#99f6e4', '#0f766e', '#5eead4'],
  'domestic-cloud': ['#60a5fa', '#bfdbfe', '#2563eb', '#93c5fd'],
  'foreign-cloud': ['#fb923c', '#fdba74', '#ea580c', '#f87171', '#fca5a5', '#c2410c'],
};

export const GRADE_COLORS: Record<Grade, string> = { C: '#f43f5e', S: '#f59e0b', O: '#94a3b8' };

export const OTHER_COLOR = '#64748b';

/** Home jurisdiction green (sovereign), foreign ones warm colours (`foreignIndex`: 0 for the first foreign country). */
export function jurisdictionColor(country: string, home: string, foreignIndex: number): string {
  if (country === home) return '#22c55e';
  if (country === '(other)') return OTHER_COLOR;
  const foreign = ['#fb923c', '#f472b6', '#facc15', '#c084fc', '#f87171'];
  return foreign[Math.max(0, foreignIndex) % foreign.length]!;
}

/** Colours for providers: their tier's hue, a different shade per provider within a tier. */
export function providerColors(profiles: Record<string, { deployment: Deployment }>): Record<string, string> {
  const used: Partial<Record<Deployment, number>> = {};
  const out: Record<string, string> = {};
  for (const [id, profile] of Object.entries(profiles)) {
    const index = used[profile.deployment] ?? 0;
    used[profile.deployment] = index + 1;
    const shades = TIER_SHADES[profile.deployment];
    out[id] = shades[index % shades.length]!;
  }
  out['(other)'] = OTHER_COLOR;
  return out;
}
