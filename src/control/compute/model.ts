import type { Grade } from '../../domain/grade.js';

/**
 * The validated, normalised inputs of the national GPU allocator. The zod schemas in input/ turn YAML
 * or CSV into these; everything downstream (engine, exports, reports) reads only these types.
 */

export const POOLS = ['public', 'private'] as const;
/** Public-interest work (national security, public research, sovereign models) or private-sector work. */
export type Pool = (typeof POOLS)[number];

export const SCHEDULERS = ['kueue', 'slurm'] as const;
/** Which scheduler enforces the allocation at a site: Kueue for Kubernetes clusters, Slurm for HPC centres. */
export type Scheduler = (typeof SCHEDULERS)[number];

/** Accelerators of one type at one site. */
export interface GpuPool {
  /** e.g. H100, H200, B200, RNGD, ATOM-Max. Compared case-insensitively with an application's gpuType. */
  type: string;
  /** Installed accelerators. */
  count: number;
  /** Power per accelerator in watts (TDP, or better the per-accelerator share of the server's draw). */
  watts: number;
  /** Kubernetes extended resource name, e.g. nvidia.com/gpu. */
  resource: string;
  /** Extra node labels for the Kueue ResourceFlavor (at most 8 labels in all). */
  nodeLabels: Record<string, string>;
  /** Slurm GRES name and type, e.g. gpu and h100 (TRES gres/gpu:h100). */
  slurmGres: { name: string; type: string };
}

export interface Site {
  /** Lower-case DNS label: used in Kueue flavor names and as the Slurm cluster name. */
  id: string;
  name: string;
  region: string;
  operator: string;
  ownership: Pool;
  scheduler: Scheduler;
  powerBudgetW: number;
  pue: number;
  /** kg CO₂eq per kWh of the grid feeding the site. */
  gridKgCo2PerKwh: number;
  /** Grades of data the site is accredited for beyond open data (O is allowed everywhere). */
  accreditedGrades: Grade[];
  gpus: GpuPool[];
}

export interface Application {
  id: string;
  title: string;
  organisation: string;
  /** Kubernetes namespace of the organisation (its LocalQueues live there). */
  namespace: string;
  region: string;
  sector: string;
  tier: string;
  gpuType: string;
  /** Requested accelerators, held concurrently for `hours`. */
  gpus: number;
  hours: number;
  /** Below this many accelerators the work is not worth doing: the grant is 0 or at least this. */
  minGpus: number;
  dataGrade: Grade;
  koreanCulture: boolean;
  /** Merit-review score 0–100, or null when the call had no scored review. */
  evaluationScore: number | null;
  /** Slurm users to associate with the application's account (Slurm sites only). */
  users: string[];
}

export const PREEMPTION_POLICIES = ['Never', 'LowerPriority', 'Any'] as const;
export const WITHIN_QUEUE_POLICIES = ['Never', 'LowerPriority', 'LowerOrNewerEqualPriority'] as const;
export const QUEUEING_STRATEGIES = ['BestEffortFIFO', 'StrictFIFO'] as const;

export interface Tier {
  id: string;
  name: string;
  pool: Pool;
  /** Share of every flavor's usable capacity guaranteed to this tier (0–1). */
  reserve: number;
  /** A hard reserve is never lent, even when idle (Kueue lendingLimit: 0). */
  hardReserve: boolean;
  /** WorkloadPriorityClass value and Slurm QOS Priority. */
  priority: number;
  /** Share of a flavor's usable capacity the tier may borrow beyond its quota in Kueue; null = unlimited. */
  maxBorrowShare: number | null;
  fairSharingWeight: number;
  preemption: { reclaimWithinCohort: (typeof PREEMPTION_POLICIES)[number]; withinClusterQueue: (typeof WITHIN_QUEUE_POLICIES)[number] };
  queueingStrategy: (typeof QUEUEING_STRATEGIES)[number];
}

export interface Policy {
  /** Length of the allocation period (one call round) in hours. */
  periodHours: number;
  /** In priority order: the first tier is served first. */
  tiers: Tier[];
  /** Guaranteed minimum share of usable capacity for each pool's demand (soft: unused guarantee is lent). */
  split: Record<Pool, number>;
  organisationCap: { maxShare: number | null; maxGpus: number | null; exemptTiers: string[] };
  /** Applicants from these regions win ties in the fair-share order (e.g. non-capital regions). */
  preferredRegions: string[];
  weighting: { useEvaluationScore: boolean; defaultScore: number; koreanCultureBonus: number; sectorBonus: Record<string, number> };
  kueue: { rootCohort: string; tierLabelPrefix: string };
}

export interface AllocationInput {
  sites: Site[];
  applications: Application[];
  policy: Policy;
}
