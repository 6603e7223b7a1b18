import type { AllocationInput } from '../model.js';
import type { Flavor } from './capacity.js';

/** Something about the inputs that leaves capacity unusable or changes a number silently: reported, not an error. */
export interface AllocationWarning {
  code: 'no-usable-capacity' | 'power-leaves-nothing' | 'power-leaves-type-empty' | 'score-clamped';
  message: string;
}

/** The lowest evaluation score a weight uses: a score of 0 would make the applicant's level infinite. */
export const MIN_WEIGHT_SCORE = 1;

const NAMES_LISTED = 5;

/**
 * Warnings for degenerate inputs: no usable accelerators at all, a site whose power budget runs none of
 * its accelerators (or none of one type), and evaluation scores below the weight floor.
 */
export function allocationWarnings(input: AllocationInput, flavors: readonly Flavor[]): AllocationWarning[] {
  const warnings: AllocationWarning[] = [];
  const usable = flavors.reduce((sum, flavor) => sum + flavor.usable, 0);
  const installed = flavors.reduce((sum, flavor) => sum + flavor.installed, 0);
  if (usable === 0) {
    warnings.push({
      code: 'no-usable-capacity',
      message:
        installed === 0
          ? 'no accelerators are installed at any site: nothing can be granted'
          : `none of the ${installed} installed accelerators can run within the sites' power budgets: nothing can be granted`,
    });
  }
  for (const site of input.sites) {
    const pools = flavors.filter((flavor) => flavor.site === site && flavor.installed > 0);
    if (pools.length === 0) continue;
    const cheapest = Math.min(...pools.map((flavor) => flavor.wattsAtWall));
    if (pools.every((flavor) => flavor.usable === 0)) {
      warnings.push({
        code: 'power-leaves-nothing',
        message: `site ${site.id}: its power budget of ${megawatts(site.powerBudgetW)} MW runs none of its ${pools.reduce((sum, flavor) => sum + flavor.installed, 0)} accelerators (one ${pools.find((flavor) => flavor.wattsAtWall === cheapest)!.pool.type} needs ${megawatts(cheapest)} MW at PUE ${site.pue})`,
      });
      continue;
    }
    for (const flavor of pools.filter((entry) => entry.usable === 0)) {
      warnings.push({
        code: 'power-leaves-type-empty',
        message: `site ${site.id}: the power budget, shared in proportion by its accelerators, leaves none of its ${flavor.installed} ${flavor.pool.type} usable`,
      });
    }
  }
  if (input.policy.weighting.useEvaluationScore) {
    const clamped = input.applications.filter((application) => application.evaluationScore !== null && application.evaluationScore < MIN_WEIGHT_SCORE);
    if (clamped.length > 0) {
      const names = clamped.slice(0, NAMES_LISTED).map((application) => `${application.id} (${application.evaluationScore})`);
      warnings.push({
        code: 'score-clamped',
        message:
          `${clamped.length} application${clamped.length === 1 ? ' has' : 's have'} an evaluationScore below ${MIN_WEIGHT_SCORE}: ${names.join(', ')}${clamped.length > NAMES_LISTED ? ', …' : ''}; ` +
          `their fair-share weight uses a score of ${MIN_WEIGHT_SCORE}`,
      });
    }
  }
  return warnings;
}

function megawatts(watts: number): string {
  const value = watts / 1e6;
  return String(value >= 1 ? Math.round(value * 100) / 100 : Number(value.toPrecision(3)));
}
