/**
 * Where a model target runs, from most to least under national control.
 * The order is the sovereign-first ranking of docs/design.md §5.
 */
export const DEPLOYMENTS = ['on-premises', 'national-network', 'domestic-cloud', 'foreign-cloud'] as const;
export type Deployment = (typeof DEPLOYMENTS)[number];

/** 0 is the most sovereign. */
export function deploymentRank(deployment: Deployment): number {
  return DEPLOYMENTS.indexOf(deployment);
}

/** Deployments inside the institution's or the state's own network perimeter. */
export function isInsidePerimeter(deployment: Deployment): boolean {
  return deployment === 'on-premises' || deployment === 'national-network';
}
