import { gradeRank, type Grade } from '../../../domain/grade.js';
import type { Application, GpuPool, Site } from '../model.js';

/** One Kueue ResourceFlavor's worth of capacity: the accelerators of one type at one site. */
export interface Flavor {
  index: number;
  site: Site;
  siteIndex: number;
  pool: GpuPool;
  /** Lower-case type, the key applications are matched on. */
  typeKey: string;
  /** Position of typeKey among the distinct types (in order of first appearance). */
  typeIndex: number;
  /** Highest grade the site may process: 0 = O only, 1 = S, 2 = C (a C site also takes S). */
  level: number;
  /** Kueue ResourceFlavor name, e.g. `h200-gwangju-nadc`. */
  name: string;
  installed: number;
  /** Accelerators the site's power budget can run: the quota the allocator hands out. */
  usable: number;
  /** True when the power budget, not the installed count, sets `usable`. */
  powerLimited: boolean;
  /** Watts drawn from the grid per running accelerator (watts × PUE). */
  wattsAtWall: number;
}

/**
 * Power budget becomes quota (docs/design.md §5): a site whose installed accelerators would draw more than
 * its budget (Σ count × watts × PUE) has every pool derated by the same factor, budget ÷ draw, rounded
 * down — so any mix of grants within the quotas stays within the budget. For a single-type site this
 * is exactly `gpus ≤ floor(budget_W / (gpu_W × PUE))`.
 */
export function buildFlavors(sites: readonly Site[]): Flavor[] {
  const flavors: Flavor[] = [];
  const typeIndex = new Map<string, number>();
  sites.forEach((site, siteIndex) => {
    const level = Math.max(0, ...site.accreditedGrades.map((grade) => gradeRank(grade)));
    const draw = site.gpus.reduce((sum, pool) => sum + pool.count * pool.watts * site.pue, 0);
    const factor = draw > site.powerBudgetW ? site.powerBudgetW / draw : 1;
    for (const pool of site.gpus) {
      // The epsilon keeps an exact fit (budget = draw) from losing a GPU to floating-point rounding.
      const usable = factor === 1 ? pool.count : Math.min(pool.count, Math.floor(pool.count * factor + 1e-9));
      const typeKey = pool.type.toLowerCase();
      if (!typeIndex.has(typeKey)) typeIndex.set(typeKey, typeIndex.size);
      flavors.push({
        index: flavors.length,
        site,
        siteIndex,
        pool,
        typeKey,
        typeIndex: typeIndex.get(typeKey)!,
        level,
        name: flavorName(pool.type, site.id),
        installed: pool.count,
        usable,
        powerLimited: usable < pool.count,
        wattsAtWall: pool.watts * site.pue,
      });
    }
  });
  return flavors;
}

export function flavorName(type: string, siteId: string): string {
  return `${typeSlug(type)}-${siteId}`;
}

/** An accelerator type as a DNS label fragment: `ATOM-Max` → `atom-max`. */
export function typeSlug(type: string): string {
  return type
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Open data may be processed anywhere; S and C only at sites accredited for that grade (or for C, the stricter). */
export function siteAcceptsGrade(site: Site, grade: Grade): boolean {
  if (grade === 'O') return true;
  return site.accreditedGrades.some((accredited) => gradeRank(accredited) >= gradeRank(grade));
}

/** Flavors an application may use: its accelerator type, at a site accredited for its data grade. */
export function eligibleFlavors(application: Application, flavorsByType: ReadonlyMap<string, Flavor[]>): Flavor[] {
  const candidates = flavorsByType.get(application.gpuType.toLowerCase()) ?? [];
  return candidates.filter((flavor) => flavor.usable > 0 && siteAcceptsGrade(flavor.site, application.dataGrade));
}

export function indexByType(flavors: readonly Flavor[]): Map<string, Flavor[]> {
  const byType = new Map<string, Flavor[]>();
  for (const flavor of flavors) {
    const list = byType.get(flavor.typeKey) ?? [];
    list.push(flavor);
    byType.set(flavor.typeKey, list);
  }
  return byType;
}
