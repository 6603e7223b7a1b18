import { deploymentRank, type Target } from '../domain/index.js';

/**
 * Sovereign-first ranking (docs/design.md §5): on-premises > national-network > domestic-cloud >
 * foreign-cloud; ties broken by health (healthy before unhealthy), then by config order.
 * Returns a new array; never adds or removes targets.
 */
export function rankTargets<T extends Target>(targets: readonly T[], isHealthy: (target: T) => boolean = () => true): T[] {
  return [...targets].sort(
    (a, b) =>
      deploymentRank(a.profile.deployment) - deploymentRank(b.profile.deployment) ||
      Number(isHealthy(b)) - Number(isHealthy(a)) ||
      a.order - b.order,
  );
}
