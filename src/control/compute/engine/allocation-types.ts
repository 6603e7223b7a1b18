import type { AllocationInput } from '../model.js';
import type { Flavor } from './capacity.js';
import type { AllocationWarning } from './warnings.js';

export const GRANT_STATUSES = ['full', 'partial', 'organisation-cap', 'below-minimum', 'no-eligible-site'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export interface Placement {
  site: string;
  gpuType: string;
  /** Kueue ResourceFlavor name. */
  flavor: string;
  gpus: number;
}

/** The state, at the end, of one flavor an application could have used: why it gave no more. */
export interface FlavorUse {
  site: string;
  gpuType: string;
  installed: number;
  usable: number;
  powerLimited: boolean;
  powerBudgetMW: number;
  pue: number;
  watts: number;
  /** Granted to tiers before the application's tier. */
  toEarlierTiers: number;
  toOwnTier: number;
  /** Granted to later tiers (within their reserves and pool guarantees, or from leftovers). */
  toLaterTiers: number;
  /** Idle, held as another tier's hard reserve. */
  heldAsHardReserve: number;
  /** Idle and usable by the application's tier. */
  free: number;
}

export interface ApplicationGrant {
  id: string;
  organisation: string;
  namespace: string;
  tier: string;
  tierIndex: number;
  gpuType: string;
  dataGrade: string;
  region: string;
  requested: number;
  minGpus: number;
  granted: number;
  /** GPUs added in the redistribution pass (unused soft reserves and pool guarantees). */
  fromRedistribution: number;
  hours: number;
  grantedGpuHours: number;
  weight: number;
  /** granted ÷ weight: the application's fair-share level. */
  level: number;
  status: GrantStatus;
  placements: Placement[];
  /** GPUs of its type protected for later tiers' reserves (and the other pool's guarantee) when it stopped short. */
  protectedForLaterTiers: number;
  /** For an application whose minimum share did not fit: what was available when its turn came. */
  availableAtEntry: number | null;
  /** The flavors the application could use (empty when it could use none), with how each was used. */
  flavorUse: FlavorUse[];
  /** The tier's reserve of this accelerator type (all sites), and the tier's grants of it. */
  tierReserveOfType: number;
  tierGrantedOfType: number;
  /** Organisation's grants (outside exempt tiers) and cap, when a cap applies. */
  organisationGranted: number;
  organisationCap: number | null;
  explanation: string;
}

export interface Allocation {
  input: AllocationInput;
  flavors: Flavor[];
  /** Distinct accelerator types, as first written in the sites file (index = Flavor.typeIndex). */
  types: string[];
  /** GPUs granted per tier per flavor: tierGrants[tier][flavor]. */
  tierGrants: number[][];
  /** Reserved GPUs per tier per accelerator type (share × usable of that type, rounded down). */
  reserves: number[][];
  /** Idle GPUs held back by hard reserves per tier per flavor. */
  hardHeld: number[][];
  /** In the order of input.applications. */
  grants: ApplicationGrant[];
  /** Per-organisation cap in GPUs, or null. */
  organisationCap: number | null;
  totalInstalled: number;
  totalUsable: number;
  /** Degenerate inputs (no usable capacity, power that runs nothing, clamped scores): reported, never an error. */
  warnings: AllocationWarning[];
}
