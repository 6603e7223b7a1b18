import type { Allocation, ApplicationGrant } from '../engine/allocation-types.js';
import { typeSlug, type Flavor } from '../engine/capacity.js';
import { KUEUE_API_VERSION } from '../kueue/kueue-version.js';
import type { ClusterQueue, Cohort, KueueManifest, LocalQueue, Namespace, ResourceFlavor, ResourceGroup, WorkloadPriorityClass } from '../kueue/kueue-types.js';
import type { Pool, Tier } from '../model.js';

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'jaju' };
/** Kueue's limit on flavors in one resource group (and so on sites per accelerator type here). */
export const KUEUE_MAX_FLAVORS_PER_GROUP = 64;
/** Node label and taint key that pins a flavor's nodes to one accelerator type. */
export const ACCELERATOR_KEY = 'jaju.io/accelerator';
export const SITE_KEY = 'jaju.io/site';

export interface KueueManifests {
  namespaces: Namespace[];
  resourceFlavors: ResourceFlavor[];
  cohorts: Cohort[];
  priorityClasses: WorkloadPriorityClass[];
  clusterQueues: ClusterQueue[];
  localQueues: LocalQueue[];
}

export interface KueueExportOptions {
  /** Only these sites (one Kubernetes cluster per site, e.g. the workers of a MultiKueue setup); default: every Kueue site. */
  sites?: readonly string[];
}

/** The layout does not fit Kueue's limits: the message says what to split. */
export class KueueLayoutError extends Error {
  override readonly name = 'KueueLayoutError';
}

/** Where one application's Kueue grant lives: its LocalQueue and the ClusterQueue that enforces it. */
export interface QueueAssignment {
  application: string;
  namespace: string;
  localQueue: string;
  clusterQueue: string;
}

/**
 * Turns an allocation into Kueue v1beta2 objects in which every grant is a quota Kueue enforces
 * (docs/compute.md has the diagram):
 *
 * - a ResourceFlavor per accelerator type and site. Its node labels (site, type, accredited grades) are
 *   injected as node selectors into admitted pods, and its toleration of the `jaju.io/accelerator`
 *   taint lets only Kueue-admitted pods onto those nodes;
 * - a ClusterQueue per tier, organisation and accelerator type with one resource group holding only
 *   that type's flavors: nominalQuota = the organisation's grant at each site, so an H100 grant cannot
 *   be spent on H200. It selects only the organisation's namespace. borrowingLimit = the tier's
 *   maxBorrowShare of the flavor; a hard-reserve tier's queues have lendingLimit 0;
 * - a Cohort tree: root → pool (fair-sharing weight = the policy's split) → tier (weight = the tier's
 *   fairSharingWeight) → tier × type (holds the idle part of a hard reserve, lendingLimit 0) → the
 *   ClusterQueues. Usable capacity nobody was granted sits in one spare Cohort per type under the root,
 *   which lends it to everyone;
 * - a LocalQueue per application in its organisation's namespace. Where one ClusterQueue serves several
 *   applications, it uses admission fair sharing (admissionScope UsageBasedAdmissionFairSharing) and each
 *   LocalQueue's weight is its grant;
 * - a WorkloadPriorityClass per tier, and the organisation Namespaces.
 * GPUs a site's power budget cannot run are in no quota, so Kueue never admits work onto them.
 */
export function exportKueue(allocation: Allocation, options: KueueExportOptions = {}): KueueManifests {
  const { policy } = allocation.input;
  const onlySites = options.sites === undefined ? null : new Set(options.sites);
  const flavors = allocation.flavors.filter((flavor) => flavor.site.scheduler === 'kueue' && flavor.installed > 0 && (onlySites === null || onlySites.has(flavor.site.id)));
  const root = policy.kueue.rootCohort;
  const names = cohortNames(root);

  // Flavors per accelerator type: each type is its own quota tree below the tier.
  const byType = new Map<number, Flavor[]>();
  for (const flavor of flavors) byType.set(flavor.typeIndex, [...(byType.get(flavor.typeIndex) ?? []), flavor]);
  for (const [type, list] of byType) {
    if (list.length > KUEUE_MAX_FLAVORS_PER_GROUP) {
      throw new KueueLayoutError(
        `${list.length} Kueue sites have ${allocation.types[type]} accelerators; Kueue allows ${KUEUE_MAX_FLAVORS_PER_GROUP} flavors in a resource group. ` +
          'Run one Kueue per group of at most 64 sites (jaju allocate --kueue-per-site writes one set per site) and dispatch between them with MultiKueue.',
      );
    }
  }

  const resourceFlavors: ResourceFlavor[] = flavors.map((flavor) => ({
    apiVersion: KUEUE_API_VERSION,
    kind: 'ResourceFlavor',
    metadata: { name: flavor.name, labels: { ...MANAGED_BY } },
    spec: {
      nodeLabels: nodeLabels(flavor),
      // The nodes carry the taint jaju.io/accelerator=<type>:NoSchedule; Kueue adds this toleration to
      // the pods it admits to the flavor, so pods that bypass Kueue cannot use the accelerators.
      tolerations: [{ key: ACCELERATOR_KEY, operator: 'Equal', value: typeSlug(flavor.pool.type), effect: 'NoSchedule' }],
    },
  }));

  const hardHeld = (tier: number, flavor: Flavor) => (policy.tiers[tier]!.hardReserve ? allocation.hardHeld[tier]![flavor.index]! : 0);
  const spare = (flavor: Flavor) =>
    flavor.usable - policy.tiers.reduce((sum, _, tier) => sum + allocation.tierGrants[tier]![flavor.index]! + hardHeld(tier, flavor), 0);

  const pools = [...new Set(policy.tiers.map((tier) => tier.pool))];
  const bothZero = policy.split.public === 0 && policy.split.private === 0;
  const cohort = (name: string, spec: Cohort['spec'], labels: Record<string, string> = {}, annotations?: Record<string, string>): Cohort => ({
    apiVersion: KUEUE_API_VERSION,
    kind: 'Cohort',
    metadata: { name, labels: { ...MANAGED_BY, ...labels }, ...(annotations ? { annotations } : {}) },
    ...(spec === undefined ? {} : { spec }),
  });
  const cohorts: Cohort[] = [cohort(root, undefined, {}, { 'jaju.io/purpose': 'root of the national pool: every tier may borrow what the spare cohorts lend' })];
  for (const [type, list] of byType) {
    const spareFlavors = list.filter((flavor) => spare(flavor) > 0);
    if (spareFlavors.length === 0) continue;
    cohorts.push(
      cohort(names.spare(allocation.types[type]!), { parentName: root, resourceGroups: [group(spareFlavors, (flavor) => ({ nominalQuota: spare(flavor) }))] }, { [ACCELERATOR_KEY]: typeSlug(allocation.types[type]!) }, {
        'jaju.io/purpose': 'usable capacity no tier was granted, lent to every queue of this accelerator type',
      }),
    );
  }
  for (const pool of pools) cohorts.push(cohort(names.pool(pool), { parentName: root, fairSharing: { weight: weight(bothZero ? 1 : policy.split[pool]) } }, { 'jaju.io/pool': pool }));

  // Grants per tier, organisation namespace and type, at the exported flavors.
  const flavorByName = new Map(flavors.map((flavor) => [flavor.name, flavor]));
  interface QueueGrants {
    tier: number;
    namespace: string;
    organisation: string;
    type: number;
    byFlavor: Map<number, number>;
    applications: { grant: ApplicationGrant; gpus: number }[];
  }
  const queues = new Map<string, QueueGrants>();
  for (const grant of allocation.grants) {
    const placed = grant.placements.filter((placement) => flavorByName.has(placement.flavor) && placement.gpus > 0);
    if (placed.length === 0) continue;
    const type = flavorByName.get(placed[0]!.flavor)!.typeIndex;
    const key = `${grant.tierIndex}\u0000${grant.namespace}\u0000${type}`;
    const entry: QueueGrants = queues.get(key) ?? { tier: grant.tierIndex, namespace: grant.namespace, organisation: grant.organisation, type, byFlavor: new Map(), applications: [] };
    let gpus = 0;
    for (const placement of placed) {
      const flavor = flavorByName.get(placement.flavor)!;
      entry.byFlavor.set(flavor.index, (entry.byFlavor.get(flavor.index) ?? 0) + placement.gpus);
      gpus += placement.gpus;
    }
    entry.applications.push({ grant, gpus });
    queues.set(key, entry);
  }

  for (const [index, tier] of policy.tiers.entries()) {
    cohorts.push(cohort(names.tier(tier.id), { parentName: names.pool(tier.pool), fairSharing: { weight: weight(tier.fairSharingWeight) } }, { 'jaju.io/tier': tier.id }));
    for (const [type, list] of byType) {
      const typeName = allocation.types[type]!;
      const hasQueues = [...queues.values()].some((queue) => queue.tier === index && queue.type === type);
      const held = list.filter((flavor) => hardHeld(index, flavor) > 0);
      if (!hasQueues && held.length === 0) continue;
      cohorts.push(
        cohort(
          names.tierType(tier.id, typeName),
          {
            parentName: names.tier(tier.id),
            // The idle part of a hard reserve: usable by the tier's queues of this type, never lent above.
            ...(held.length > 0 ? { resourceGroups: [group(held, (flavor) => ({ nominalQuota: hardHeld(index, flavor), lendingLimit: 0 }))] } : {}),
          },
          { 'jaju.io/tier': tier.id, [ACCELERATOR_KEY]: typeSlug(typeName) },
        ),
      );
    }
  }

  const priorityClasses: WorkloadPriorityClass[] = policy.tiers.map((tier, index) => ({
    apiVersion: KUEUE_API_VERSION,
    kind: 'WorkloadPriorityClass',
    metadata: { name: tier.id, labels: { ...MANAGED_BY } },
    value: tier.priority,
    description: `${tier.name}: tier ${index + 1} of ${policy.tiers.length}, ${tier.pool} pool, reserve ${Math.round(tier.reserve * 1000) / 10}%${tier.hardReserve ? ' (hard)' : ''}`.slice(0, 2048),
  }));

  const ordered = [...queues.values()].sort((a, b) => a.tier - b.tier || compare(a.namespace, b.namespace) || a.type - b.type);
  const clusterQueues: ClusterQueue[] = [];
  const localQueues: LocalQueue[] = [];
  const queueNamesByNamespace = new Map<string, Set<string>>();
  for (const queue of ordered) {
    const tier = policy.tiers[queue.tier]!;
    const typeName = allocation.types[queue.type]!;
    const name = clusterQueueName(tier.id, queue.namespace, typeName);
    const granted = [...queue.byFlavor.entries()].filter(([, gpus]) => gpus > 0).sort(([a, x], [b, y]) => y - x || a - b);
    const total = granted.reduce((sum, [, gpus]) => sum + gpus, 0);
    const shared = queue.applications.length > 1;
    clusterQueues.push({
      apiVersion: KUEUE_API_VERSION,
      kind: 'ClusterQueue',
      metadata: {
        name,
        labels: { ...MANAGED_BY, 'jaju.io/tier': tier.id, [ACCELERATOR_KEY]: typeSlug(typeName), 'jaju.io/pool': tier.pool },
        annotations: { 'jaju.io/organisation': queue.organisation },
      },
      spec: {
        cohortName: names.tierType(tier.id, typeName),
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': queue.namespace } },
        queueingStrategy: tier.queueingStrategy,
        resourceGroups: [group(granted.map(([flavor]) => allocation.flavors[flavor]!), (flavor) => quota(tier, flavor, queue.byFlavor.get(flavor.index)!))],
        preemption: { ...tier.preemption },
        // Borrowing between organisations of a tier and type follows their grants.
        fairSharing: { weight: String(total) },
        ...(shared ? { admissionScope: { admissionMode: 'UsageBasedAdmissionFairSharing' as const } } : {}),
      },
    });
    const used = queueNamesByNamespace.get(queue.namespace) ?? new Set<string>();
    queueNamesByNamespace.set(queue.namespace, used);
    for (const { grant, gpus } of [...queue.applications].sort((a, b) => compare(a.grant.id, b.grant.id))) {
      localQueues.push({
        apiVersion: KUEUE_API_VERSION,
        kind: 'LocalQueue',
        metadata: { name: uniqueName(localQueueBase(grant.id), used), namespace: queue.namespace, labels: { ...MANAGED_BY, 'jaju.io/tier': tier.id }, annotations: { 'jaju.io/application': grant.id } },
        // Admission fair sharing between the applications of one ClusterQueue follows their grants.
        spec: { clusterQueue: name, ...(shared ? { fairSharing: { weight: String(gpus) } } : {}) },
      });
    }
  }

  const organisations = new Map<string, string>();
  for (const queue of ordered) organisations.set(queue.namespace, queue.organisation);
  const namespaces: Namespace[] = [...organisations.keys()].sort().map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { ...MANAGED_BY }, annotations: { 'jaju.io/organisation': organisations.get(name)! } },
  }));

  return { namespaces, resourceFlavors, cohorts, priorityClasses, clusterQueues, localQueues };
}

/** Which LocalQueue and ClusterQueue carry each application's Kueue grant (for docs, tests and job templates). */
export function queueAssignments(manifests: KueueManifests): QueueAssignment[] {
  return manifests.localQueues.map((queue) => ({
    application: queue.metadata.annotations?.['jaju.io/application'] ?? queue.metadata.name,
    namespace: queue.metadata.namespace,
    localQueue: queue.metadata.name,
    clusterQueue: queue.spec.clusterQueue,
  }));
}

/** Every manifest, in the order `kubectl apply` should see them. */
export function allManifests(manifests: KueueManifests): KueueManifest[] {
  return [...manifests.namespaces, ...manifests.resourceFlavors, ...manifests.cohorts, ...manifests.priorityClasses, ...manifests.clusterQueues, ...manifests.localQueues];
}

/** Cohort names below the policy's root cohort. */
export function cohortNames(root: string) {
  return {
    pool: (pool: Pool) => `${root}-${pool}`,
    tier: (tier: string) => `${root}-tier-${tier}`,
    tierType: (tier: string, type: string) => `${root}-tier-${tier}-${typeSlug(type)}`,
    spare: (type: string) => `${root}-spare-${typeSlug(type)}`,
  };
}

/** `<tier>.<namespace>.<type>`: a DNS subdomain that reads as what the queue is for. */
export function clusterQueueName(tier: string, namespace: string, type: string): string {
  return `${tier}.${namespace}.${typeSlug(type)}`;
}

function quota(tier: Tier, flavor: Flavor, granted: number): { nominalQuota: number; borrowingLimit?: number; lendingLimit?: number } {
  return {
    nominalQuota: granted,
    ...(tier.maxBorrowShare === null ? {} : { borrowingLimit: Math.floor(tier.maxBorrowShare * flavor.usable + 1e-9) }),
    ...(tier.hardReserve ? { lendingLimit: 0 } : {}),
  };
}

/** One resource group: the flavors of one accelerator type, all on the type's extended resource. */
function group(flavors: readonly Flavor[], amounts: (flavor: Flavor) => { nominalQuota: number; borrowingLimit?: number; lendingLimit?: number }): ResourceGroup {
  const resource = flavors[0]!.pool.resource;
  return { coveredResources: [resource], flavors: flavors.map((flavor) => ({ name: flavor.name, resources: [{ name: resource, ...amounts(flavor) }] })) };
}

function nodeLabels(flavor: Flavor): Record<string, string> {
  const labels: Record<string, string> = { [SITE_KEY]: flavor.site.id, [ACCELERATOR_KEY]: typeSlug(flavor.pool.type) };
  // Work on C or S data carries a nodeSelector on these, so Kueue only assigns it accredited flavors.
  for (const grade of flavor.site.accreditedGrades) labels[`jaju.io/accredited-${grade.toLowerCase()}`] = 'true';
  return { ...labels, ...flavor.pool.nodeLabels };
}

/** A LocalQueue name from an application id (ids allow capitals and "_"; Kubernetes names do not). */
function localQueueBase(id: string): string {
  const slug = id
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 60);
  return slug === '' ? 'application' : slug;
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let suffix = 2; used.has(name); suffix++) name = `${base}-${suffix}`;
  used.add(name);
  return name;
}

function weight(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
