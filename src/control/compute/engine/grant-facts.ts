import type { AllocationInput } from '../model.js';
import type { FlavorUse, GrantStatus } from './allocation-types.js';
import type { Flavor } from './capacity.js';
import { FREEZE } from './fill-tier.js';

/** The final status of an application, from its grant and why it last stopped growing. */
export function grantStatus(eligibleCount: number, granted: number, requested: number, freeze: number): GrantStatus {
  if (eligibleCount === 0) return 'no-eligible-site';
  if (granted >= requested) return 'full';
  if (freeze === FREEZE.organisationCap || freeze === FREEZE.minimumOrganisationCap) return 'organisation-cap';
  if (granted === 0) return 'below-minimum';
  return 'partial';
}

/** How a flavor ended up used, seen from a tier: what earlier tiers, the tier itself and later tiers hold. */
export function useOf(flavor: Flavor, tier: number, tierGrants: number[][], hardHeld: number[][]): FlavorUse {
  let earlier = 0;
  let later = 0;
  let held = 0;
  tierGrants.forEach((grants, other) => {
    if (other < tier) earlier += grants[flavor.index]!;
    if (other > tier) later += grants[flavor.index]!;
    // The application's own tier's hard reserve is free to it; only other tiers' reserves are held.
    if (other !== tier) held += hardHeld[other]![flavor.index]!;
  });
  const own = tierGrants[tier]![flavor.index]!;
  return {
    site: flavor.site.id,
    gpuType: flavor.pool.type,
    installed: flavor.installed,
    usable: flavor.usable,
    powerLimited: flavor.powerLimited,
    powerBudgetMW: flavor.site.powerBudgetW / 1e6,
    pue: flavor.site.pue,
    watts: flavor.pool.watts,
    toEarlierTiers: earlier,
    toOwnTier: own,
    toLaterTiers: later,
    heldAsHardReserve: held,
    free: flavor.usable - earlier - own - later - held,
  };
}

/** The per-organisation cap in GPUs: the smaller of maxShare × usable capacity and maxGpus; null if neither. */
export function organisationCapGpus(input: AllocationInput, totalUsable: number): number | null {
  const { maxShare, maxGpus } = input.policy.organisationCap;
  const fromShare = maxShare === null ? null : Math.floor(maxShare * totalUsable + 1e-9);
  if (fromShare === null) return maxGpus;
  if (maxGpus === null) return fromShare;
  return Math.min(fromShare, maxGpus);
}
