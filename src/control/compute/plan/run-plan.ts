import { dirname, resolve } from 'node:path';
import { allocate } from '../engine/allocate.js';
import type { Allocation } from '../engine/allocation-types.js';
import { inputError, inputIssues, type ConfigIssue } from '../input/input-issues.js';
import { loadApplicationsFile, loadPolicyFile, loadSitesFile } from '../input/load-inputs.js';
import { gresOf, parseSites } from '../input/parse-inputs.js';
import { parseYamlInput, readInputText } from '../input/read-input-file.js';
import type { AllocationInput, Application, Site } from '../model.js';
import { scenarioSchema, type ScenarioFile } from './scenario-schema.js';

/** A validated plan: the base inputs and the year-by-year changes. */
export interface Scenario {
  startYear: number;
  years: number;
  utilisation: number;
  base: AllocationInput;
  /** Yearly growth per tier id. */
  growth: Record<string, number>;
  arrivals: ScenarioFile['arrivals'];
  retirements: ScenarioFile['retirements'];
}

export interface PlanYear {
  year: number;
  installedGpus: number;
  usableGpus: number;
  powerBudgetMW: number;
  /** Share of usable accelerators at publicly owned sites. */
  publicSupplyShare: number;
  requestedGpus: number;
  grantedGpus: number;
  demandMet: number;
  /** Grid draw of the granted accelerators at full load. */
  powerDrawMW: number;
  /** Energy over the year at the scenario's utilisation. */
  energyMWh: number;
  co2Tonnes: number;
  tiers: { id: string; name: string; requestedGpus: number; grantedGpus: number; demandMet: number }[];
}

/** JSON-serialisable result of a multi-year plan (for the CLI, the HTML report and the dashboard). */
export interface PlanReport {
  kind: 'jaju.allocation-plan';
  version: 1;
  startYear: number;
  utilisation: number;
  years: PlanYear[];
}

const HOURS_PER_YEAR = 8760;

/** Loads a scenario file and the inputs it names (paths relative to the scenario's folder). */
export function loadScenarioFile(file: string): Scenario {
  const path = resolve(file);
  const raw = parseYamlInput(readInputText(path, 'scenario'), path);
  const result = scenarioSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw inputError(path, inputIssues(result.error.issues));
  const folder = dirname(path);
  const sites = loadSitesFile(resolve(folder, result.data.sites));
  const policy = loadPolicyFile(resolve(folder, result.data.policy));
  const applications = loadApplicationsFile(resolve(folder, result.data.applications), policy);
  return scenarioFromFile(result.data, { sites, applications, policy }, path);
}

/** Cross-checks a parsed scenario against its base inputs (known sites, tiers, types). */
export function scenarioFromFile(file: ScenarioFile, base: AllocationInput, source: string | null = null): Scenario {
  const issues: ConfigIssue[] = [];
  const tierIds = new Set(base.policy.tiers.map((tier) => tier.id));
  for (const tier of Object.keys(file.demandGrowth)) {
    if (!tierIds.has(tier)) issues.push({ path: `demandGrowth.${tier}`, message: `unknown tier (the policy has ${[...tierIds].join(', ')})` });
  }
  // Sites known by each year: the base sites, plus new sites from the year they arrive.
  const arrivalYear = new Map(base.sites.map((site) => [site.id, -Infinity]));
  file.arrivals.forEach((arrival, index) => {
    if ('newSite' in arrival) {
      if (arrivalYear.has(arrival.newSite.id)) issues.push({ path: `arrivals[${index}].newSite.id`, message: `site "${arrival.newSite.id}" already exists` });
      arrivalYear.set(arrival.newSite.id, arrival.year);
    }
  });
  const known = (site: string, year: number) => (arrivalYear.get(site) ?? Infinity) <= year;
  file.arrivals.forEach((arrival, index) => {
    if ('site' in arrival && !known(arrival.site, arrival.year)) issues.push({ path: `arrivals[${index}].site`, message: `unknown site "${arrival.site}" in ${arrival.year}` });
  });
  file.retirements.forEach((retirement, index) => {
    if (!known(retirement.site, retirement.year)) issues.push({ path: `retirements[${index}].site`, message: `unknown site "${retirement.site}" in ${retirement.year}` });
  });
  // A type keeps one wattage per site: arrivals add to an existing pool, so they must match it.
  const watts = new Map<string, number>();
  for (const site of base.sites) for (const pool of site.gpus) watts.set(`${site.id}/${pool.type.toLowerCase()}`, pool.watts);
  const inYearOrder = file.arrivals.map((arrival, index) => ({ arrival, index })).sort((a, b) => a.arrival.year - b.arrival.year || a.index - b.index);
  for (const { arrival, index } of inYearOrder) {
    const siteId = 'newSite' in arrival ? arrival.newSite.id : arrival.site;
    const pools = 'newSite' in arrival ? arrival.newSite.gpus : arrival.gpus;
    pools.forEach((pool, poolIndex) => {
      const key = `${siteId}/${pool.type.toLowerCase()}`;
      const existing = watts.get(key);
      if (existing !== undefined && existing !== pool.watts && !('newSite' in arrival)) {
        issues.push({ path: `arrivals[${index}].gpus[${poolIndex}].watts`, message: `${pool.watts} W differs from the ${existing} W of the ${pool.type} already at ${siteId}` });
      }
      watts.set(key, existing ?? pool.watts);
    });
  }
  if (issues.length > 0) throw inputError(source, issues);
  const growth: Record<string, number> = {};
  for (const tier of base.policy.tiers) growth[tier.id] = file.demandGrowth[tier.id] ?? file.defaultDemandGrowth;
  return { startYear: file.startYear, years: file.years, utilisation: file.utilisation, base, growth, arrivals: file.arrivals, retirements: file.retirements };
}

/** The sites as they stand in `year`: base sites plus every arrival and retirement up to that year. */
export function sitesInYear(scenario: Scenario, year: number): Site[] {
  const sites = new Map(scenario.base.sites.map((site) => [site.id, { ...site, gpus: site.gpus.map((pool) => ({ ...pool })) }]));
  for (const arrival of scenario.arrivals) {
    if (arrival.year > year) continue;
    if ('newSite' in arrival) {
      const [site] = parseSites({ sites: [arrival.newSite] }, 'scenario');
      sites.set(site!.id, site!);
      continue;
    }
    const site = sites.get(arrival.site)!;
    site.powerBudgetW += arrival.powerMW * 1e6;
    for (const pool of arrival.gpus) {
      const existing = site.gpus.find((candidate) => candidate.type.toLowerCase() === pool.type.toLowerCase());
      if (existing) existing.count += pool.count;
      else site.gpus.push({ ...pool, slurmGres: gresOf(pool.type, pool.resource, pool.slurmGres) });
    }
  }
  for (const retirement of scenario.retirements) {
    if (retirement.year > year) continue;
    const pool = sites.get(retirement.site)!.gpus.find((candidate) => candidate.type.toLowerCase() === retirement.type.toLowerCase());
    if (pool) pool.count = Math.max(0, pool.count - retirement.count);
  }
  return [...sites.values()];
}

/** Each application's request grown by its tier's yearly rate (its minimum share grows in proportion). */
export function applicationsInYear(scenario: Scenario, year: number): Application[] {
  const elapsed = year - scenario.startYear;
  return scenario.base.applications.map((application) => {
    const factor = (1 + (scenario.growth[application.tier] ?? 0)) ** elapsed;
    const gpus = Math.max(1, Math.round(application.gpus * factor));
    const minGpus = Math.min(gpus, Math.max(1, Math.round(application.minGpus * factor)));
    return { ...application, gpus, minGpus };
  });
}

/** Runs the allocator for every year of the plan and reports per-year supply, demand met, power, energy and CO₂. */
export function runPlan(scenario: Scenario): PlanReport {
  const years: PlanYear[] = [];
  for (let offset = 0; offset < scenario.years; offset++) {
    const year = scenario.startYear + offset;
    const sites = sitesInYear(scenario, year);
    const allocation = allocate({ sites, applications: applicationsInYear(scenario, year), policy: scenario.base.policy }, { explain: false });
    years.push(yearFigures(year, allocation, scenario.utilisation));
  }
  return { kind: 'jaju.allocation-plan', version: 1, startYear: scenario.startYear, utilisation: scenario.utilisation, years };
}

function yearFigures(year: number, allocation: Allocation, utilisation: number): PlanYear {
  const { policy, sites } = allocation.input;
  // energy = power × time × PUE (wattsAtWall includes the PUE); carbon = energy × grid intensity.
  const hours = HOURS_PER_YEAR * utilisation;
  let drawW = 0;
  let co2Tonnes = 0;
  let usablePublic = 0;
  for (const flavor of allocation.flavors) {
    const grantedHere = allocation.tierGrants.reduce((sum, row) => sum + row[flavor.index]!, 0);
    drawW += grantedHere * flavor.wattsAtWall;
    co2Tonnes += ((grantedHere * flavor.wattsAtWall * hours) / 1e6) * flavor.site.gridKgCo2PerKwh; // MWh × kg/kWh = t
    if (flavor.site.ownership === 'public') usablePublic += flavor.usable;
  }
  const tiers = policy.tiers.map((tier) => ({ id: tier.id, name: tier.name, requestedGpus: 0, grantedGpus: 0, demandMet: 0 }));
  for (const grant of allocation.grants) {
    tiers[grant.tierIndex]!.requestedGpus += grant.requested;
    tiers[grant.tierIndex]!.grantedGpus += grant.granted;
  }
  for (const tier of tiers) tier.demandMet = ratio(tier.grantedGpus, tier.requestedGpus);
  const requestedGpus = tiers.reduce((sum, tier) => sum + tier.requestedGpus, 0);
  const grantedGpus = tiers.reduce((sum, tier) => sum + tier.grantedGpus, 0);
  return {
    year,
    installedGpus: allocation.totalInstalled,
    usableGpus: allocation.totalUsable,
    powerBudgetMW: round(sites.reduce((sum, site) => sum + site.powerBudgetW, 0) / 1e6, 3),
    publicSupplyShare: ratio(usablePublic, allocation.totalUsable),
    requestedGpus,
    grantedGpus,
    demandMet: ratio(grantedGpus, requestedGpus),
    powerDrawMW: round(drawW / 1e6, 4),
    energyMWh: Math.round((drawW * hours) / 1e6),
    co2Tonnes: Math.round(co2Tonnes),
    tiers,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : round(part / whole, 4);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
