import type { Application, Policy } from '../model.js';
import { MIN_WEIGHT_SCORE } from './warnings.js';

/**
 * An application's weight in the weighted max-min fair share of its tier: (evaluation score ÷ 100, when
 * the policy uses scores) × the Korean language/culture bonus × its sector's bonus (core industries).
 * A missing score counts as the policy's default score; a score below 1 counts as 1 (a warning says so).
 */
export function applicationWeight(application: Application, policy: Policy, sectorBonuses = sectorBonusTable(policy)): number {
  const { weighting } = policy;
  const score = weighting.useEvaluationScore ? Math.max(application.evaluationScore ?? weighting.defaultScore, MIN_WEIGHT_SCORE) / 100 : 1;
  const culture = application.koreanCulture ? weighting.koreanCultureBonus : 1;
  const sector = sectorBonuses.get(application.sector.toLowerCase()) ?? 1;
  return score * culture * sector;
}

/** Sector bonuses keyed by lower-case sector name (sectors match case-insensitively). */
export function sectorBonusTable(policy: Policy): Map<string, number> {
  return new Map(Object.entries(policy.weighting.sectorBonus).map(([name, bonus]) => [name.toLowerCase(), bonus]));
}

/**
 * The order in which ties are broken, as a rank per application (0 first): applicants from a preferred
 * region first (the regional preference), then the higher evaluation score, then the id — so the
 * result never depends on the order of the input file.
 */
export function tieBreakRanks(applications: readonly Application[], policy: Policy): Int32Array {
  const preferred = new Set(policy.preferredRegions.map((region) => region.toLowerCase()));
  const order = applications.map((_, index) => index);
  const region = applications.map((application) => (preferred.has(application.region.toLowerCase()) ? 0 : 1));
  const score = applications.map((application) => application.evaluationScore ?? policy.weighting.defaultScore);
  order.sort((left, right) => {
    if (region[left] !== region[right]) return region[left]! - region[right]!;
    if (score[left] !== score[right]) return score[right]! - score[left]!;
    const a = applications[left]!.id;
    const b = applications[right]!.id;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const ranks = new Int32Array(applications.length);
  order.forEach((applicationIndex, rank) => {
    ranks[applicationIndex] = rank;
  });
  return ranks;
}
