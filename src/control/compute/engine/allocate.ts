import { gradeRank } from '../../../domain/grade.js';
import type { AllocationInput, Pool } from '../model.js';
import type { Allocation, ApplicationGrant, FlavorUse, Placement } from './allocation-types.js';
import { buildFlavors, eligibleFlavors, indexByType, type Flavor } from './capacity.js';
import { explainGrant } from './explain.js';
import { grantStatus, organisationCapGpus, useOf } from './grant-facts.js';
import { LEVELS, fillTier, spend, takeableAt, type Capacity, type FillState } from './fill-tier.js';
import { allocationWarnings } from './warnings.js';
import { applicationWeight, sectorBonusTable, tieBreakRanks } from './weights.js';

const POOL_NAMES: readonly Pool[] = ['public', 'private'];

export interface AllocateOptions {
  /** Build the per-application explanations and flavor-use lists (default true; plans turn it off). */
  explain?: boolean;
}

/**
 * The national GPU allocator. Pure and deterministic: the same input gives the same output, whatever
 * the order of the applications in it. The algorithm (docs/compute.md has the long form):
 *
 * 1. Capacity: each site's accelerators, derated to its power budget (buildFlavors). A tier's reserve
 *    is a share of each accelerator type's usable total; a pool's guarantee likewise.
 * 2. Tiers in strict priority order. At step i, tier i fills, then tiers 0..i−1 fill again (in order) to
 *    take what tier i left of its reserve: capacity released by a tier's unused reserve always goes to
 *    the earlier tiers first. Every fill may take what is idle minus what the tiers after i still need:
 *    min(reserve, their demand) per type, checked at each grade level (work on C data can only use
 *    C-accredited sites, so the C-level share of a later tier's need is protected at those sites), plus
 *    the part of the other pool's guarantee its own later tiers do not already cover.
 * 3. Inside a tier: weighted max-min fair share with minimum useful shares (fillTier), under the
 *    per-organisation cap; GPUs go first to the least-accredited site that accepts the work, then to
 *    the applicant's own region.
 * 4. A hard reserve's unused part is held idle at concrete flavors (C sites first) and never lent.
 * 5. Every application gets an explanation built from the final numbers.
 */
export function allocate(input: AllocationInput, options: AllocateOptions = {}): Allocation {
  const explain = options.explain ?? true;
  const { sites, applications, policy } = input;
  const flavors = buildFlavors(sites);
  const flavorCount = flavors.length;
  const tierCount = policy.tiers.length;
  const tierIndex = new Map(policy.tiers.map((tier, index) => [tier.id, index]));
  const byType = indexByType(flavors);
  const typeCount = byType.size;
  const typeNames = [...byType.values()].map((list) => list[0]!.pool.type);
  const totalUsable = flavors.reduce((sum, flavor) => sum + flavor.usable, 0);
  const totalInstalled = flavors.reduce((sum, flavor) => sum + flavor.installed, 0);
  const usableByType = new Array<number>(typeCount).fill(0);
  for (const flavor of flavors) usableByType[flavor.typeIndex]! += flavor.usable;

  const organisations = new Map<string, number>();
  const organisationOf = new Int32Array(applications.length);
  applications.forEach((application, index) => {
    if (!organisations.has(application.organisation)) organisations.set(application.organisation, organisations.size);
    organisationOf[index] = organisations.get(application.organisation)!;
  });
  const organisationCap = organisationCapGpus(input, totalUsable);
  const exemptTiers = new Set(policy.organisationCap.exemptTiers);

  // Placement order, shared by every application with the same type, grade and home region: the
  // least-accredited site that accepts the work first (C and S capacity stays for the work that needs
  // it), then the applicant's own region, then input order.
  const flavorRegion = flavors.map((flavor) => flavor.site.region.toLowerCase());
  const orders = new Map<string, Flavor[]>();
  const eligible = applications.map((application) => {
    const home = application.region.toLowerCase();
    const key = `${application.gpuType.toLowerCase()}\u0000${application.dataGrade}\u0000${home}`;
    let order = orders.get(key);
    if (order === undefined) {
      order = eligibleFlavors(application, byType).sort(
        (a, b) => a.level - b.level || (flavorRegion[a.index] === home ? 0 : 1) - (flavorRegion[b.index] === home ? 0 : 1) || a.index - b.index,
      );
      orders.set(key, order);
    }
    return order;
  });
  const eligibleIndices = new Map<Flavor[], Int32Array>();
  for (const order of orders.values()) eligibleIndices.set(order, Int32Array.from(order, (flavor) => flavor.index));
  const sectorBonuses = sectorBonusTable(policy);

  const state: FillState = {
    weight: Float64Array.from(applications, (application) => applicationWeight(application, policy, sectorBonuses)),
    tieRank: tieBreakRanks(applications, policy),
    requested: Int32Array.from(applications, (application) => application.gpus),
    minGpus: Int32Array.from(applications, (application) => application.minGpus),
    granted: new Int32Array(applications.length),
    gradeLevel: Uint8Array.from(applications, (application) => gradeRank(application.dataGrade)),
    eligible: eligible.map((list) => eligibleIndices.get(list)!),
    placements: applications.map(() => new Map<number, number>()),
    organisationOf,
    organisationRoom: new Float64Array(organisations.size).fill(organisationCap ?? Infinity),
    capExempt: Uint8Array.from(applications, (application) => (exemptTiers.has(application.tier) ? 1 : 0)),
    freeze: new Uint8Array(applications.length),
    availableAtEntry: new Int32Array(applications.length).fill(-1),
    protectedAtFreeze: new Float64Array(applications.length),
    flavorType: Int32Array.from(flavors, (flavor) => flavor.typeIndex),
    flavorLevel: Uint8Array.from(flavors, (flavor) => flavor.level),
    keys: new Float64Array(applications.length),
  };

  // Demand per tier, type and grade level (an application at level g counts at every level ≤ g).
  const tierApplications: number[][] = policy.tiers.map(() => []);
  const demand = policy.tiers.map(() => new Float64Array(typeCount * LEVELS));
  applications.forEach((application, index) => {
    const list = state.eligible[index]!;
    if (list.length === 0) return;
    const tier = tierIndex.get(application.tier)!;
    tierApplications[tier]!.push(index);
    const base = state.flavorType[list[0]!]! * LEVELS;
    for (let level = 0; level <= state.gradeLevel[index]!; level++) demand[tier]![base + level]! += application.gpus;
  });

  const reserves = policy.tiers.map((tier) => usableByType.map((usable) => Math.floor(tier.reserve * usable + 1e-9)));
  // What a tier's reserve protects against earlier tiers: its reserve, but no more than it asks for
  // (a soft reserve nobody wants would only idle); a hard reserve is held in full even with no demand.
  const need = policy.tiers.map((tier, index) => {
    const needs = new Float64Array(typeCount * LEVELS);
    for (let type = 0; type < typeCount; type++) {
      for (let level = 0; level < LEVELS; level++) {
        const reserve = reserves[index]![type]!;
        const wanted = demand[index]![type * LEVELS + level]!;
        needs[type * LEVELS + level] = tier.hardReserve && level === 0 ? reserve : Math.min(reserve, wanted);
      }
    }
    return needs;
  });
  const guarantees: Record<Pool, number[]> = {
    public: usableByType.map((usable) => Math.floor(policy.split.public * usable + 1e-9)),
    private: usableByType.map((usable) => Math.floor(policy.split.private * usable + 1e-9)),
  };
  const poolGranted: Record<Pool, number[]> = { public: new Array(typeCount).fill(0), private: new Array(typeCount).fill(0) };
  const tierGrants = policy.tiers.map(() => new Array<number>(flavorCount).fill(0));
  const tierGrantedByType = policy.tiers.map(() => new Array<number>(typeCount).fill(0));
  const hardHeld = policy.tiers.map(() => new Array<number>(flavorCount).fill(0));
  const granted = new Array<number>(flavorCount).fill(0);

  /** What tier `filling` may take at step `step`: protecting the needs of tiers after `step`. */
  const capacityFor = (filling: number, step: number): Capacity => {
    const free = new Int32Array(flavorCount);
    const budget = new Float64Array(typeCount * LEVELS);
    const protectedByType = new Float64Array(typeCount);
    for (const flavor of flavors) {
      let held = 0;
      for (let other = 0; other < tierCount; other++) if (other !== filling) held += hardHeld[other]![flavor.index]!;
      const idle = Math.max(0, flavor.usable - granted[flavor.index]! - held);
      free[flavor.index] = idle;
      for (let level = 0; level <= flavor.level; level++) budget[flavor.typeIndex * LEVELS + level]! += idle;
    }
    const pool = policy.tiers[filling]!.pool;
    const protection = new Float64Array(typeCount * LEVELS);
    for (let type = 0; type < typeCount; type++) {
      for (let later = step + 1; later < tierCount; later++) {
        for (let level = 0; level < LEVELS; level++) protection[type * LEVELS + level]! += need[later]![type * LEVELS + level]!;
      }
      for (const other of POOL_NAMES) {
        if (other === pool) continue;
        let laterDemand = 0;
        let laterNeed = 0;
        for (let later = step + 1; later < tierCount; later++) {
          if (policy.tiers[later]!.pool !== other) continue;
          laterDemand += demand[later]![type * LEVELS]!;
          laterNeed += need[later]![type * LEVELS]!;
        }
        const remaining = Math.max(0, guarantees[other][type]! - poolGranted[other][type]!);
        protection[type * LEVELS]! += Math.max(0, Math.min(remaining, laterDemand) - laterNeed);
      }
      for (let level = 0; level < LEVELS; level++) {
        const index = type * LEVELS + level;
        // On its own step a tier's reserve outranks every later one: where capacity at a grade level
        // cannot cover all reserves, the later tiers' protection is what shrinks.
        if (filling === step) protection[index] = Math.min(protection[index]!, Math.max(0, budget[index]! - need[filling]![index]!));
        budget[index]! -= protection[index]!;
      }
      protectedByType[type] = protection[type * LEVELS]!;
    }
    return { free, budget, protectedByType };
  };

  const fill = (filling: number, step: number) => {
    const capacity = capacityFor(filling, step);
    const before = Int32Array.from(capacity.free);
    fillTier(state, tierApplications[filling]!, capacity);
    const tier = policy.tiers[filling]!;
    for (const flavor of flavors) {
      const taken = before[flavor.index]! - capacity.free[flavor.index]!;
      if (taken === 0) continue;
      tierGrants[filling]![flavor.index]! += taken;
      tierGrantedByType[filling]![flavor.typeIndex]! += taken;
      granted[flavor.index]! += taken;
      poolGranted[tier.pool][flavor.typeIndex]! += taken;
    }
    if (tier.hardReserve) holdHardReserve(filling, capacity);
  };

  /** Re-places the idle part of a hard reserve: C-accredited flavors first, never past later tiers' needs. */
  const holdHardReserve = (tier: number, capacity: Capacity) => {
    hardHeld[tier]!.fill(0);
    for (let type = 0; type < typeCount; type++) {
      let left = Math.max(0, reserves[tier]![type]! - tierGrantedByType[tier]![type]!);
      const candidates = flavors.filter((flavor) => flavor.typeIndex === type).sort((a, b) => b.level - a.level || a.index - b.index);
      for (const flavor of candidates) {
        if (left === 0) break;
        const amount = Math.min(left, takeableAt(state, capacity, flavor.index));
        if (amount === 0) continue;
        spend(state, capacity, flavor.index, amount);
        hardHeld[tier]![flavor.index] = amount;
        left -= amount;
      }
    }
  };

  const afterOwnStep = new Int32Array(applications.length);
  for (let step = 0; step < tierCount; step++) {
    fill(step, step);
    for (const application of tierApplications[step]!) afterOwnStep[application] = state.granted[application]!;
    for (let earlier = 0; earlier < step; earlier++) fill(earlier, step);
  }

  const organisationTotals = new Float64Array(organisations.size);
  applications.forEach((_, index) => {
    if (!state.capExempt[index]) organisationTotals[organisationOf[index]!]! += state.granted[index]!;
  });

  // How each flavor was used depends only on the tier and the flavor: one shared list per tier and order.
  const useLists = new Map<string, FlavorUse[]>();
  const usesFor = (tier: number, order: Flavor[], key: string) => {
    const cacheKey = `${tier}\u0000${key}`;
    let list = useLists.get(cacheKey);
    if (list === undefined) {
      list = order.map((flavor) => useOf(flavor, tier, tierGrants, hardHeld));
      useLists.set(cacheKey, list);
    }
    return list;
  };
  const orderKey = new Map([...orders.entries()].map(([key, order]) => [order, key]));

  const grants = applications.map((application, index): ApplicationGrant => {
    const tier = tierIndex.get(application.tier)!;
    const eligibleHere = eligible[index]!;
    const placements: Placement[] = [...state.placements[index]!.entries()]
      .filter(([, gpus]) => gpus > 0)
      .sort(([a], [b]) => a - b)
      .map(([flavor, gpus]) => ({ site: flavors[flavor]!.site.id, gpuType: flavors[flavor]!.pool.type, flavor: flavors[flavor]!.name, gpus }));
    const grantedHere = state.granted[index]!;
    const status = grantStatus(eligibleHere.length, grantedHere, application.gpus, state.freeze[index]!);
    const capApplies = organisationCap !== null && !state.capExempt[index];
    const type = byType.get(application.gpuType.toLowerCase())?.[0]?.typeIndex;
    const grant: ApplicationGrant = {
      id: application.id,
      organisation: application.organisation,
      namespace: application.namespace,
      tier: application.tier,
      tierIndex: tier,
      gpuType: application.gpuType,
      dataGrade: application.dataGrade,
      region: application.region,
      requested: application.gpus,
      minGpus: application.minGpus,
      granted: grantedHere,
      fromRedistribution: grantedHere - afterOwnStep[index]!,
      hours: application.hours,
      grantedGpuHours: grantedHere * application.hours,
      weight: state.weight[index]!,
      level: grantedHere / state.weight[index]!,
      status,
      placements,
      protectedForLaterTiers: status === 'full' ? 0 : Math.round(state.protectedAtFreeze[index]!),
      availableAtEntry: grantedHere === 0 && (status === 'below-minimum' || status === 'organisation-cap') ? Math.max(0, state.availableAtEntry[index]!) : null,
      flavorUse: status === 'full' || !explain ? [] : usesFor(tier, eligibleHere, orderKey.get(eligibleHere)!),
      tierReserveOfType: type === undefined ? 0 : reserves[tier]![type]!,
      tierGrantedOfType: type === undefined ? 0 : tierGrantedByType[tier]![type]!,
      organisationGranted: capApplies ? organisationTotals[organisationOf[index]!]! : 0,
      organisationCap: capApplies ? organisationCap : null,
      explanation: '',
    };
    if (explain) grant.explanation = explainGrant(grant, { policy, sites, flavorsByType: byType });
    return grant;
  });

  return { input, flavors, types: typeNames, tierGrants, reserves, hardHeld, grants, organisationCap, totalInstalled, totalUsable, warnings: allocationWarnings(input, flavors) };
}
