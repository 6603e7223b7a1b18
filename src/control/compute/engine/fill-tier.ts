import { LevelHeap } from './min-heap.js';

/** Why an application stopped receiving GPUs in the last fill that considered it. */
export const FREEZE = {
  none: 0,
  satisfied: 1,
  /** Nothing left that its tier may use at any eligible flavor. */
  capacity: 2,
  /** Its organisation reached the per-organisation cap. */
  organisationCap: 3,
  /** Its minimum useful share did not fit in what was left when its turn came. */
  minimumCapacity: 4,
  /** Its minimum useful share did not fit under its organisation's cap. */
  minimumOrganisationCap: 5,
} as const;

/** Grade levels: 0 = O, 1 = S, 2 = C. A flavor at level L serves work of every grade ≤ L. */
export const LEVELS = 3;

/** The mutable state of one allocation run, in flat arrays indexed by application and flavor. */
export interface FillState {
  weight: Float64Array;
  tieRank: Int32Array;
  requested: Int32Array;
  minGpus: Int32Array;
  granted: Int32Array;
  /** Grade level of each application's data. */
  gradeLevel: Uint8Array;
  /** Eligible flavor indices per application, in placement order. */
  eligible: Int32Array[];
  /** Per application: flavor index → GPUs placed there. */
  placements: Map<number, number>[];
  organisationOf: Int32Array;
  /** GPUs each organisation may still receive (Infinity when uncapped). */
  organisationRoom: Float64Array;
  capExempt: Uint8Array;
  freeze: Uint8Array;
  /** GPUs that were available when an application's minimum share did not fit (−1: not applicable). */
  availableAtEntry: Int32Array;
  /** Most GPUs of its type ever protected for later tiers when an application stopped short of its request. */
  protectedAtFreeze: Float64Array;
  flavorType: Int32Array;
  flavorLevel: Uint8Array;
  keys: Float64Array;
}

/**
 * What one fill may take. `free[f]`: GPUs idle at flavor f (not granted, not held by another tier's
 * hard reserve). `budget[type × LEVELS + g]`: GPUs of that type the tier may still take from flavors at
 * level ≥ g — idle capacity there minus what later tiers' reserves need at that level. Taking x at a
 * flavor of level L spends x from the budgets of levels 0..L.
 */
export interface Capacity {
  free: Int32Array;
  budget: Float64Array;
  /** Per type: GPUs protected from this fill for later tiers' reserves and the other pool's guarantee. */
  protectedByType: Float64Array;
}

/** The most GPUs that may be taken at flavor f now. */
export function takeableAt(state: FillState, capacity: Capacity, flavor: number): number {
  let limit = capacity.free[flavor]!;
  const base = state.flavorType[flavor]! * LEVELS;
  for (let level = 0; level <= state.flavorLevel[flavor]!; level++) {
    const budget = capacity.budget[base + level]!;
    if (budget < limit) limit = budget;
  }
  return limit > 0 ? Math.floor(limit) : 0;
}

/** Takes `amount` at flavor f (the caller checked takeableAt). */
export function spend(state: FillState, capacity: Capacity, flavor: number, amount: number): void {
  capacity.free[flavor] = capacity.free[flavor]! - amount;
  const base = state.flavorType[flavor]! * LEVELS;
  for (let level = 0; level <= state.flavorLevel[flavor]!; level++) capacity.budget[base + level]! -= amount;
}

/**
 * Weighted max-min fair share (water-filling) of one tier, with minimum useful shares. Every
 * application's level is granted ÷ weight; the application whose next GPU keeps the level lowest goes
 * next, and takes as many GPUs as it can before overtaking the next in line (so the loop runs once per
 * level step, not once per GPU). An application with nothing yet enters only when the level reaches
 * minGpus ÷ weight, and then takes minGpus at once; if that much is no longer available it gets
 * nothing, and what it could not use stays with the others. Ties go to the lower tie-break rank.
 * Mutates `capacity` and the state.
 */
export function fillTier(state: FillState, applications: readonly number[], capacity: Capacity): void {
  const { weight, granted, requested, minGpus, keys } = state;
  const heap = new LevelHeap(keys, state.tieRank);
  // Per application: how many of its flavors (in placement order) are already empty in this fill.
  const cursor = new Int32Array(granted.length);

  for (const application of applications) {
    if (granted[application]! >= requested[application]!) continue;
    const step = granted[application] === 0 ? minGpus[application]! : 1;
    keys[application] = (granted[application]! + step) / weight[application]!;
    state.freeze[application] = FREEZE.none;
    heap.push(application);
  }

  const take = (application: number, amount: number): number => {
    const flavors = state.eligible[application]!;
    const placed = state.placements[application]!;
    let left = amount;
    let start = cursor[application]!;
    for (let index = start; index < flavors.length && left > 0; index++) {
      const flavor = flavors[index]!;
      const limit = takeableAt(state, capacity, flavor);
      // Free capacity and budgets only shrink during a fill: a flavor with nothing now stays empty.
      if (limit === 0) {
        if (index === start) start++;
        continue;
      }
      const here = limit < left ? limit : left;
      spend(state, capacity, flavor, here);
      placed.set(flavor, (placed.get(flavor) ?? 0) + here);
      left -= here;
    }
    cursor[application] = start;
    granted[application] = granted[application]! + (amount - left);
    return amount - left;
  };

  for (let application = heap.pop(); application !== undefined; application = heap.pop()) {
    const organisation = state.organisationOf[application]!;
    const room = state.capExempt[application] ? Infinity : state.organisationRoom[organisation]!;
    const wanted = requested[application]! - granted[application]!;
    let got: number;
    if (granted[application] === 0) {
      const need = minGpus[application]!;
      const availableNow = availableTo(state, capacity, application);
      if (availableNow < need || room < need) {
        // Too little supply is the reason whenever supply alone could not serve the minimum, cap or not.
        state.freeze[application] = availableNow < need ? FREEZE.minimumCapacity : FREEZE.minimumOrganisationCap;
        state.availableAtEntry[application] = Math.min(availableNow, room);
        state.protectedAtFreeze[application] = protectedFor(state, capacity, application);
        continue;
      }
      state.availableAtEntry[application] = -1;
      got = take(application, need);
    } else {
      if (room <= 0) {
        state.freeze[application] = FREEZE.organisationCap;
        continue;
      }
      const nextKey = heap.peekKey();
      let chunk = nextKey === undefined ? wanted : Math.max(1, Math.floor(nextKey * weight[application]! - granted[application]! + 1e-9));
      chunk = Math.min(chunk, wanted, room);
      got = take(application, chunk);
      if (got < chunk) {
        state.freeze[application] = FREEZE.capacity;
        state.protectedAtFreeze[application] = protectedFor(state, capacity, application);
      }
    }
    if (!state.capExempt[application]) state.organisationRoom[organisation] = room - got;
    if (state.freeze[application] === FREEZE.capacity) continue;
    if (granted[application]! >= requested[application]!) {
      state.freeze[application] = FREEZE.satisfied;
      continue;
    }
    keys[application] = (granted[application]! + 1) / weight[application]!;
    heap.push(application);
  }
}

/** The largest protection an application ran into (its own tier's step protects the most). */
function protectedFor(state: FillState, capacity: Capacity, application: number): number {
  const first = state.eligible[application]![0];
  const here = first === undefined ? 0 : capacity.protectedByType[state.flavorType[first]!]!;
  return Math.max(here, state.protectedAtFreeze[application]!);
}

/**
 * The most an application could take now: its eligible flavors are those of its type at level ≥ its
 * grade, and the budgets are nested, so the greedy bound is exact — at levels ≥ l at most
 * M(l) = min(budget(l), free at level l + M(l + 1)), and everything also within the budgets below.
 */
export function availableTo(state: FillState, capacity: Capacity, application: number): number {
  const flavors = state.eligible[application]!;
  if (flavors.length === 0) return 0;
  const freeAtLevel = new Float64Array(LEVELS);
  for (const flavor of flavors) freeAtLevel[state.flavorLevel[flavor]!]! += capacity.free[flavor]!;
  const base = state.flavorType[flavors[0]!]! * LEVELS;
  const grade = state.gradeLevel[application]!;
  let most = 0;
  for (let level = LEVELS - 1; level >= grade; level--) most = Math.min(capacity.budget[base + level]!, freeAtLevel[level]! + most);
  for (let level = 0; level < grade; level++) most = Math.min(most, capacity.budget[base + level]!);
  return Math.max(0, Math.floor(most));
}
