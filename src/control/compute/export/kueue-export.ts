import type { Allocation } from '../engine/allocation-types.js';
import type { Flavor } from '../engine/capacity.js';
import type { Pool } from '../model.js';
import {
  KUEUE_API_VERSION,
  type ClusterQueue,
  type Cohort,
  type KueueManifest,
  type LocalQueue,
  type Namespace,
  type ResourceFlavor,
  type ResourceGroup,
  type WorkloadPriorityClass,
} from './kueue-schema.js';

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'jaju' };

export interface KueueManifests {
  namespaces: Namespace[];
  resourceFlavors: ResourceFlavor[];
  cohorts: Cohort[];
  priorityClasses: WorkloadPriorityClass[];
  clusterQueues: ClusterQueue[];
  localQueues: LocalQueue[];
}

/** Label key that admits an organisation namespace to a tier's ClusterQueue, e.g. `tier.jaju.io/national-security`. */
export function tierLabel(prefix: string, tierId: string): string {
  return `${prefix}/${tierId}`;
}

/**
 * Turns an allocation into Kueue v1beta2 objects for the sites scheduled by Kueue:
 * - a ResourceFlavor per accelerator type and site (node labels: site, accelerator, accredited grades);
 * - a Cohort tree: the root holds the capacity nobody was granted (a shared pool), with one child per
 *   pool (public, private) whose fairSharing weight is the policy's split;
 * - a ClusterQueue per tier in its pool's cohort, with nominalQuota = the tier's grants per flavor
 *   (+ the idle part of a hard reserve, with lendingLimit 0 so it is never lent), borrowingLimit from
 *   maxBorrowShare, and the tier's preemption and fair-sharing settings;
 * - a WorkloadPriorityClass per tier (value = the tier's priority);
 * - a LocalQueue per organisation namespace and tier it was granted GPUs in, and the Namespace with
 *   the tier labels the ClusterQueues select on.
 * GPUs a site's power budget cannot run are in no quota, so Kueue never admits work onto them.
 */
export function exportKueue(allocation: Allocation): KueueManifests {
  const { policy } = allocation.input;
  const flavors = allocation.flavors.filter((flavor) => flavor.site.scheduler === 'kueue' && flavor.installed > 0);
  const prefix = policy.kueue.tierLabelPrefix;
  const root = policy.kueue.rootCohort;
  const poolCohort = (pool: Pool) => `${root}-${pool}`;

  const resourceFlavors: ResourceFlavor[] = flavors.map((flavor) => ({
    apiVersion: KUEUE_API_VERSION,
    kind: 'ResourceFlavor',
    metadata: { name: flavor.name, labels: { ...MANAGED_BY } },
    spec: { nodeLabels: nodeLabels(flavor) },
  }));

  const nominal = (tier: number, flavor: Flavor) =>
    allocation.tierGrants[tier]![flavor.index]! + (policy.tiers[tier]!.hardReserve ? allocation.hardHeld[tier]![flavor.index]! : 0);
  const spare = (flavor: Flavor) => flavor.usable - policy.tiers.reduce((sum, _, tier) => sum + nominal(tier, flavor), 0);

  const pools = [...new Set(policy.tiers.map((tier) => tier.pool))];
  const bothZero = policy.split.public === 0 && policy.split.private === 0;
  const spareGroups = resourceGroups(flavors, (flavor) => ({ nominalQuota: spare(flavor) }));
  const cohorts: Cohort[] = [
    {
      apiVersion: KUEUE_API_VERSION,
      kind: 'Cohort',
      metadata: { name: root, labels: { ...MANAGED_BY }, annotations: { 'jaju.io/purpose': 'usable capacity no tier was granted: a pool every tier may borrow from' } },
      ...(flavors.some((flavor) => spare(flavor) > 0) ? { spec: { resourceGroups: spareGroups } } : {}),
    },
    ...pools.map(
      (pool): Cohort => ({
        apiVersion: KUEUE_API_VERSION,
        kind: 'Cohort',
        metadata: { name: poolCohort(pool), labels: { ...MANAGED_BY, 'jaju.io/pool': pool } },
        spec: { parentName: root, fairSharing: { weight: weight(bothZero ? 1 : policy.split[pool]) } },
      }),
    ),
  ];

  const priorityClasses: WorkloadPriorityClass[] = policy.tiers.map((tier, index) => ({
    apiVersion: KUEUE_API_VERSION,
    kind: 'WorkloadPriorityClass',
    metadata: { name: tier.id, labels: { ...MANAGED_BY } },
    value: tier.priority,
    description: `${tier.name}: tier ${index + 1} of ${policy.tiers.length}, ${tier.pool} pool, reserve ${Math.round(tier.reserve * 1000) / 10}%${tier.hardReserve ? ' (hard)' : ''}`.slice(0, 2048),
  }));

  const clusterQueues: ClusterQueue[] = policy.tiers.map((tier, index) => {
    // Flavors the tier holds quota in come first, so Kueue tries them before borrowing elsewhere.
    const ordered = [...flavors].sort((a, b) => nominal(index, b) - nominal(index, a) || a.index - b.index);
    return {
      apiVersion: KUEUE_API_VERSION,
      kind: 'ClusterQueue',
      metadata: { name: tier.id, labels: { ...MANAGED_BY, 'jaju.io/pool': tier.pool } },
      spec: {
        cohortName: poolCohort(tier.pool),
        namespaceSelector: { matchLabels: { [tierLabel(prefix, tier.id)]: 'true' } },
        queueingStrategy: tier.queueingStrategy,
        resourceGroups: resourceGroups(ordered, (flavor) => ({
          nominalQuota: nominal(index, flavor),
          ...(tier.maxBorrowShare === null ? {} : { borrowingLimit: Math.floor(tier.maxBorrowShare * flavor.usable + 1e-9) }),
          ...(tier.hardReserve ? { lendingLimit: 0 } : {}),
        })),
        preemption: { ...tier.preemption },
        fairSharing: { weight: weight(tier.fairSharingWeight) },
      },
    };
  });

  const kueueFlavors = new Set(flavors.map((flavor) => flavor.name));
  const queueGpus = new Map<string, Map<string, number>>();
  for (const grant of allocation.grants) {
    const gpus = grant.placements.filter((placement) => kueueFlavors.has(placement.flavor)).reduce((sum, placement) => sum + placement.gpus, 0);
    if (gpus === 0) continue;
    const tiers = queueGpus.get(grant.namespace) ?? new Map<string, number>();
    tiers.set(grant.tier, (tiers.get(grant.tier) ?? 0) + gpus);
    queueGpus.set(grant.namespace, tiers);
  }
  const namespaceNames = [...queueGpus.keys()].sort();
  const tierOrder = new Map(policy.tiers.map((tier, index) => [tier.id, index]));
  const namespaces: Namespace[] = namespaceNames.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { ...MANAGED_BY, ...Object.fromEntries([...queueGpus.get(name)!.keys()].map((tier) => [tierLabel(prefix, tier), 'true'])) },
    },
  }));
  const localQueues: LocalQueue[] = namespaceNames.flatMap((namespace) =>
    [...queueGpus.get(namespace)!.entries()]
      .sort(([a], [b]) => tierOrder.get(a)! - tierOrder.get(b)!)
      .map(([tier, gpus]) => ({
        apiVersion: KUEUE_API_VERSION,
        kind: 'LocalQueue',
        metadata: { name: tier, namespace, labels: { ...MANAGED_BY } },
        // Admission fair sharing between the organisations of a tier follows their grants.
        spec: { clusterQueue: tier, fairSharing: { weight: String(gpus) } },
      })),
  );

  return { namespaces, resourceFlavors, cohorts, priorityClasses, clusterQueues, localQueues };
}

/** Every manifest, in the order `kubectl apply` should see them. */
export function allManifests(manifests: KueueManifests): KueueManifest[] {
  return [
    ...manifests.namespaces,
    ...manifests.resourceFlavors,
    ...manifests.cohorts,
    ...manifests.priorityClasses,
    ...manifests.clusterQueues,
    ...manifests.localQueues,
  ];
}

/** One resource group per extended resource name (nvidia.com/gpu, NPU vendors' names), flavors in the given order. */
function resourceGroups(flavors: readonly Flavor[], quota: (flavor: Flavor) => { nominalQuota: number; borrowingLimit?: number; lendingLimit?: number }): ResourceGroup[] {
  const groups = new Map<string, ResourceGroup>();
  for (const flavor of flavors) {
    const resource = flavor.pool.resource;
    const group = groups.get(resource) ?? { coveredResources: [resource], flavors: [] };
    group.flavors.push({ name: flavor.name, resources: [{ name: resource, ...quota(flavor) }] });
    groups.set(resource, group);
  }
  return [...groups.values()];
}

function nodeLabels(flavor: Flavor): Record<string, string> {
  const labels: Record<string, string> = {
    'jaju.io/site': flavor.site.id,
    'jaju.io/accelerator': flavor.name.slice(0, flavor.name.length - flavor.site.id.length - 1),
  };
  // Work on C or S data carries a nodeSelector on these, so Kueue only assigns it accredited flavors.
  for (const grade of flavor.site.accreditedGrades) labels[`jaju.io/accredited-${grade.toLowerCase()}`] = 'true';
  return { ...labels, ...flavor.pool.nodeLabels };
}

function weight(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
