import type { SovereigntyProfile } from './sovereignty-profile.js';

/** One (provider, model) pair an alias may route to, with the provider's declared profile. */
export interface Target {
  provider: string;
  model: string;
  profile: SovereigntyProfile;
  /** Position in the alias's target list (config order breaks ranking ties). */
  order: number;
}

/** Stable key of a target within an alias. */
export function targetKey(target: Pick<Target, 'provider' | 'model'>): string {
  return `${target.provider}/${target.model}`;
}
