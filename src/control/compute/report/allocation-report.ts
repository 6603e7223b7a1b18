import { allocate } from '../engine/allocate.js';
import { siteAcceptsGrade } from '../engine/capacity.js';
import { GRANT_STATUSES, type Allocation, type GrantStatus, type Placement } from '../engine/allocation-types.js';
import type { AllocationInput, Pool, Scheduler } from '../model.js';
import type { AllocationWarning } from '../engine/warnings.js';
import { placementEnergy } from './energy.js';

/**
 * Everything a reader of the allocation needs, as plain JSON-serialisable data: the CLI prints it,
 * the HTML report draws it, and the dashboard page renders it (contract for the dashboard).
 */
export interface AllocationReport {
  kind: 'jaju.allocation-report';
  version: 1;
  periodHours: number;
  totals: {
    sites: number;
    applications: number;
    organisations: number;
    installedGpus: number;
    usableGpus: number;
    requestedGpus: number;
    grantedGpus: number;
    /** Usable GPUs held idle as hard reserves. */
    heldHardReserveGpus: number;
    /** Usable GPUs nobody was granted. */
    idleGpus: number;
    /** granted ÷ requested. */
    demandMet: number;
    powerBudgetMW: number;
    /** Grid draw of the granted GPUs at full load. */
    powerDrawMW: number;
    /** Energy of the grants over their requested hours. */
    energyMWh: number;
    co2Tonnes: number;
    /** Share of usable GPUs at publicly owned sites. */
    publicSupplyShare: number;
    /** Herfindahl–Hirschman index of granted GPUs by organisation (0–10,000; > 2,500 highly concentrated). */
    organisationHhi: number;
    organisationCapGpus: number | null;
    byStatus: Record<GrantStatus, number>;
  };
  pools: Record<Pool, { guaranteeShare: number; requestedGpus: number; grantedGpus: number; grantedShare: number }>;
  tiers: TierSummary[];
  sites: SiteSummary[];
  organisations: OrganisationSummary[];
  applications: ApplicationRow[];
  /** Degenerate inputs: no usable capacity, power budgets that run nothing, clamped scores. */
  warnings: AllocationWarning[];
}

export interface TierSummary {
  id: string;
  name: string;
  rank: number;
  pool: Pool;
  priority: number;
  reserveShare: number;
  hardReserve: boolean;
  reservedGpus: number;
  requestedGpus: number;
  grantedGpus: number;
  demandMet: number;
  applications: number;
  byStatus: Record<GrantStatus, number>;
}

export interface SiteSummary {
  id: string;
  name: string;
  region: string;
  operator: string;
  ownership: Pool;
  scheduler: Scheduler;
  powerBudgetMW: number;
  powerDrawMW: number;
  pue: number;
  gridKgCo2PerKwh: number;
  accreditedGrades: string[];
  pools: {
    type: string;
    watts: number;
    installed: number;
    usable: number;
    powerLimited: boolean;
    granted: number;
    heldHardReserve: number;
    idle: number;
    byTier: Record<string, number>;
  }[];
}

export interface OrganisationSummary {
  organisation: string;
  applications: number;
  requestedGpus: number;
  grantedGpus: number;
  share: number;
}

export interface ApplicationRow {
  id: string;
  organisation: string;
  tier: string;
  region: string;
  gpuType: string;
  dataGrade: string;
  requested: number;
  minGpus: number;
  granted: number;
  fromRedistribution: number;
  hours: number;
  grantedGpuHours: number;
  weight: number;
  status: GrantStatus;
  placements: Placement[];
  powerDrawKW: number;
  energyMWh: number;
  co2Tonnes: number;
  explanation: string;
}

/** Allocates and reports: the function the dashboard calls. Pure and deterministic. */
export function allocationReport(input: AllocationInput): AllocationReport {
  return reportFromAllocation(allocate(input));
}

export function reportFromAllocation(allocation: Allocation): AllocationReport {
  const { input, flavors, grants } = allocation;
  const { policy, sites } = input;
  const sitesById = new Map(sites.map((site) => [site.id, site]));
  const emptyStatus = (): Record<GrantStatus, number> => Object.fromEntries(GRANT_STATUSES.map((status) => [status, 0])) as Record<GrantStatus, number>;

  const applications: ApplicationRow[] = grants.map((grant) => {
    const energy = placementEnergy(grant.placements, grant.hours, sitesById);
    return {
      id: grant.id,
      organisation: grant.organisation,
      tier: grant.tier,
      region: grant.region,
      gpuType: grant.gpuType,
      dataGrade: grant.dataGrade,
      requested: grant.requested,
      minGpus: grant.minGpus,
      granted: grant.granted,
      fromRedistribution: grant.fromRedistribution,
      hours: round(grant.hours, 2),
      grantedGpuHours: round(grant.grantedGpuHours, 1),
      weight: round(grant.weight, 4),
      status: grant.status,
      placements: grant.placements,
      powerDrawKW: round(energy.powerW / 1000, 3),
      energyMWh: round(energy.energyKWh / 1000, 3),
      co2Tonnes: round(energy.co2Kg / 1000, 3),
      explanation: grant.explanation,
    };
  });

  const tiers: TierSummary[] = policy.tiers.map((tier, index) => {
    const members = grants.filter((grant) => grant.tierIndex === index);
    const byStatus = emptyStatus();
    for (const member of members) byStatus[member.status]++;
    const requested = sum(members.map((member) => member.requested));
    const granted = sum(members.map((member) => member.granted));
    return {
      id: tier.id,
      name: tier.name,
      rank: index + 1,
      pool: tier.pool,
      priority: tier.priority,
      reserveShare: tier.reserve,
      hardReserve: tier.hardReserve,
      reservedGpus: sum(allocation.reserves[index]!),
      requestedGpus: requested,
      grantedGpus: granted,
      demandMet: ratio(granted, requested),
      applications: members.length,
      byStatus,
    };
  });

  let drawTotalW = 0;
  const siteSummaries: SiteSummary[] = sites.map((site) => {
    const pools = flavors
      .filter((flavor) => flavor.site === site)
      .map((flavor) => {
        const byTier: Record<string, number> = {};
        let granted = 0;
        let held = 0;
        policy.tiers.forEach((tier, index) => {
          const here = allocation.tierGrants[index]![flavor.index]!;
          if (here > 0) byTier[tier.id] = here;
          granted += here;
          held += allocation.hardHeld[index]![flavor.index]!;
        });
        return {
          type: flavor.pool.type,
          watts: flavor.pool.watts,
          installed: flavor.installed,
          usable: flavor.usable,
          powerLimited: flavor.powerLimited,
          granted,
          heldHardReserve: held,
          idle: flavor.usable - granted - held,
          byTier,
          drawW: granted * flavor.wattsAtWall,
        };
      });
    const drawW = sum(pools.map((pool) => pool.drawW));
    drawTotalW += drawW;
    return {
      id: site.id,
      name: site.name,
      region: site.region,
      operator: site.operator,
      ownership: site.ownership,
      scheduler: site.scheduler,
      powerBudgetMW: round(site.powerBudgetW / 1e6, 3),
      powerDrawMW: round(drawW / 1e6, 4),
      pue: site.pue,
      gridKgCo2PerKwh: site.gridKgCo2PerKwh,
      // The grades the site may process: O everywhere, S at S or C sites, C at C sites.
      accreditedGrades: (['O', 'S', 'C'] as const).filter((grade) => siteAcceptsGrade(site, grade)),
      pools: pools.map(({ drawW: _drawW, ...pool }) => pool),
    };
  });

  const byOrganisation = new Map<string, OrganisationSummary>();
  for (const grant of grants) {
    const entry = byOrganisation.get(grant.organisation) ?? { organisation: grant.organisation, applications: 0, requestedGpus: 0, grantedGpus: 0, share: 0 };
    entry.applications++;
    entry.requestedGpus += grant.requested;
    entry.grantedGpus += grant.granted;
    byOrganisation.set(grant.organisation, entry);
  }
  const grantedTotal = sum(grants.map((grant) => grant.granted));
  const organisations = [...byOrganisation.values()]
    .map((entry) => ({ ...entry, share: round(ratio(entry.grantedGpus, grantedTotal), 4) }))
    .sort((a, b) => b.grantedGpus - a.grantedGpus || (a.organisation < b.organisation ? -1 : 1));
  const hhi = organisations.reduce((total, entry) => total + (100 * ratio(entry.grantedGpus, grantedTotal)) ** 2, 0);

  const byStatus = emptyStatus();
  for (const grant of grants) byStatus[grant.status]++;
  const requestedTotal = sum(grants.map((grant) => grant.requested));
  const usablePublic = sum(flavors.filter((flavor) => flavor.site.ownership === 'public').map((flavor) => flavor.usable));
  const heldTotal = sum(allocation.hardHeld.map((row) => sum(row)));

  const pools = Object.fromEntries(
    (['public', 'private'] as const).map((pool) => {
      const members = grants.filter((grant) => policy.tiers[grant.tierIndex]!.pool === pool);
      const granted = sum(members.map((member) => member.granted));
      return [pool, { guaranteeShare: policy.split[pool], requestedGpus: sum(members.map((member) => member.requested)), grantedGpus: granted, grantedShare: round(ratio(granted, grantedTotal), 4) }];
    }),
  ) as AllocationReport['pools'];

  return {
    kind: 'jaju.allocation-report',
    version: 1,
    periodHours: policy.periodHours,
    totals: {
      sites: sites.length,
      applications: grants.length,
      organisations: organisations.length,
      installedGpus: allocation.totalInstalled,
      usableGpus: allocation.totalUsable,
      requestedGpus: requestedTotal,
      grantedGpus: grantedTotal,
      heldHardReserveGpus: heldTotal,
      idleGpus: allocation.totalUsable - grantedTotal - heldTotal,
      demandMet: round(ratio(grantedTotal, requestedTotal), 4),
      powerBudgetMW: round(sum(sites.map((site) => site.powerBudgetW)) / 1e6, 3),
      powerDrawMW: round(drawTotalW / 1e6, 4),
      energyMWh: round(sum(applications.map((row) => row.energyMWh)), 1),
      co2Tonnes: round(sum(applications.map((row) => row.co2Tonnes)), 1),
      publicSupplyShare: round(ratio(usablePublic, allocation.totalUsable), 4),
      organisationHhi: Math.round(hhi),
      organisationCapGpus: allocation.organisationCap,
      byStatus,
    },
    pools,
    tiers: tiers.map((tier) => ({ ...tier, demandMet: round(tier.demandMet, 4) })),
    sites: siteSummaries,
    organisations,
    applications,
    warnings: allocation.warnings,
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
