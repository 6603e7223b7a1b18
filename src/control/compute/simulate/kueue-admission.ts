import { quantityValue } from '../kueue/kueue-quantity.js';

/**
 * A small model of Kueue's quota accounting (not a scheduler): ClusterQueues and Cohorts form trees, and
 * a workload is admitted to the first flavor of its ClusterQueue's resource group where it fits. The
 * arithmetic is Kueue's own (pkg/cache/scheduler/resource_node.go at the vendored release):
 * - a node's SubtreeQuota is its nominalQuota plus what its children lend it (their SubtreeQuota minus
 *   the part their lendingLimit keeps local);
 * - usage beyond a node's local (unlendable) quota is stored in its parent;
 * - what a node may still use is its local free quota plus what its parent has available, cut by its
 *   borrowingLimit.
 * Flavors match a workload's node selector on the keys the flavor labels; preemption is not modelled,
 * so the replay shows what quotas allow, never more.
 */

interface Quota {
  nominal: number;
  borrowingLimit: number | null;
  lendingLimit: number | null;
}

interface Node {
  name: string;
  kind: 'ClusterQueue' | 'Cohort';
  parent: Node | null;
  children: Node[];
  quotas: Map<string, Quota>;
  subtreeQuota: Map<string, number>;
  usage: Map<string, number>;
}

export interface SimulatedWorkload {
  clusterQueue: string;
  resource: string;
  count: number;
  /** Pod node selector; Kueue compares it with each flavor's nodeLabels on the keys the flavor sets. */
  nodeSelector?: Record<string, string>;
}

export interface Admission {
  workload: SimulatedWorkload;
  /** The flavor it was admitted to, or null when it did not fit anywhere. */
  flavor: string | null;
  /** Of `count`, how much is borrowed beyond the ClusterQueue's nominal quota at that flavor. */
  borrowed: number;
}

type Loose = Record<string, any>;

/** `flavor\u0000resource`. */
const key = (flavor: string, resource: string) => `${flavor}\u0000${resource}`;

export class KueueQuotaModel {
  private readonly nodes = new Map<string, Node>();
  private readonly flavorLabels = new Map<string, Record<string, string>>();
  /** Per ClusterQueue: its resource groups' flavors in order, per covered resource. */
  private readonly flavorOrder = new Map<string, Map<string, string[]>>();

  /** Builds the trees from Kueue objects (other kinds are ignored). Cohorts named but not defined exist implicitly, as in Kueue. */
  constructor(documents: readonly unknown[]) {
    const node = (kind: Node['kind'], name: string): Node => {
      const id = `${kind}/${name}`;
      let found = this.nodes.get(id);
      if (found === undefined) {
        found = { name, kind, parent: null, children: [], quotas: new Map(), subtreeQuota: new Map(), usage: new Map() };
        this.nodes.set(id, found);
      }
      return found;
    };
    for (const document of documents as Loose[]) {
      const spec = (document?.['spec'] ?? {}) as Loose;
      const name = String(document?.['metadata']?.['name']);
      if (document?.['kind'] === 'ResourceFlavor') this.flavorLabels.set(name, { ...(spec['nodeLabels'] ?? {}) });
      if (document?.['kind'] !== 'ClusterQueue' && document?.['kind'] !== 'Cohort') continue;
      const self = node(document['kind'], name);
      const parentName = document['kind'] === 'ClusterQueue' ? spec['cohortName'] : spec['parentName'];
      if (typeof parentName === 'string' && parentName !== '') {
        self.parent = node('Cohort', parentName);
        self.parent.children.push(self);
      }
      const order = new Map<string, string[]>();
      for (const group of (spec['resourceGroups'] ?? []) as Loose[]) {
        for (const flavor of group['flavors'] as Loose[]) {
          for (const resource of flavor['resources'] as Loose[]) {
            self.quotas.set(key(flavor['name'], resource['name']), {
              nominal: quantityValue(resource['nominalQuota']),
              borrowingLimit: resource['borrowingLimit'] === undefined ? null : quantityValue(resource['borrowingLimit']),
              lendingLimit: resource['lendingLimit'] === undefined ? null : quantityValue(resource['lendingLimit']),
            });
            order.set(resource['name'], [...(order.get(resource['name']) ?? []), flavor['name']]);
          }
        }
      }
      if (document['kind'] === 'ClusterQueue') this.flavorOrder.set(name, order);
    }
    for (const root of [...this.nodes.values()].filter((entry) => entry.parent === null)) updateSubtree(root);
  }

  clusterQueues(): string[] {
    return [...this.flavorOrder.keys()];
  }

  /** The ClusterQueue's nominal quota, borrowing limit and usage at a flavor and resource. */
  queueState(clusterQueue: string, flavor: string, resource: string): { nominal: number; borrowingLimit: number | null; usage: number } {
    const queue = this.queue(clusterQueue);
    const quota = queue.quotas.get(key(flavor, resource));
    return { nominal: quota?.nominal ?? 0, borrowingLimit: quota?.borrowingLimit ?? null, usage: queue.usage.get(key(flavor, resource)) ?? 0 };
  }

  /** How much more the ClusterQueue could use at a flavor now (Kueue's `available`). */
  available(clusterQueue: string, flavor: string, resource: string): number {
    const queue = this.queue(clusterQueue);
    if (!queue.quotas.has(key(flavor, resource))) return 0;
    return available(queue, key(flavor, resource));
  }

  /** Total usage of all ClusterQueues at a flavor and resource. */
  flavorUsage(flavor: string, resource: string): number {
    let total = 0;
    for (const node of this.nodes.values()) if (node.kind === 'ClusterQueue') total += node.usage.get(key(flavor, resource)) ?? 0;
    return total;
  }

  /** Admits a workload to the first matching flavor where it fits, or reports that none had room. */
  admit(workload: SimulatedWorkload): Admission {
    const queue = this.queue(workload.clusterQueue);
    for (const flavor of this.flavorOrder.get(workload.clusterQueue)?.get(workload.resource) ?? []) {
      if (!this.matches(flavor, workload.nodeSelector)) continue;
      const fr = key(flavor, workload.resource);
      if (available(queue, fr) < workload.count) continue;
      const before = queue.usage.get(fr) ?? 0;
      addUsage(queue, fr, workload.count);
      const nominal = queue.quotas.get(fr)!.nominal;
      return { workload, flavor, borrowed: Math.max(0, before + workload.count - Math.max(nominal, before)) };
    }
    return { workload, flavor: null, borrowed: 0 };
  }

  private matches(flavor: string, selector: Record<string, string> | undefined): boolean {
    const labels = this.flavorLabels.get(flavor) ?? {};
    return Object.entries(selector ?? {}).every(([name, value]) => labels[name] === undefined || labels[name] === value);
  }

  private queue(name: string): Node {
    const queue = this.nodes.get(`ClusterQueue/${name}`);
    if (queue === undefined) throw new Error(`no ClusterQueue "${name}"`);
    return queue;
  }
}

function localQuota(node: Node, fr: string): number {
  const lending = node.quotas.get(fr)?.lendingLimit ?? null;
  return lending === null ? 0 : Math.max(0, (node.subtreeQuota.get(fr) ?? 0) - lending);
}

function updateSubtree(node: Node): void {
  node.subtreeQuota = new Map([...node.quotas.entries()].map(([fr, quota]) => [fr, quota.nominal]));
  for (const child of node.children) {
    updateSubtree(child);
    for (const [fr, quota] of child.subtreeQuota) node.subtreeQuota.set(fr, (node.subtreeQuota.get(fr) ?? 0) + quota - localQuota(child, fr));
  }
}

function localAvailable(node: Node, fr: string): number {
  return Math.max(0, localQuota(node, fr) - (node.usage.get(fr) ?? 0));
}

function available(node: Node, fr: string): number {
  if (node.parent === null) return (node.subtreeQuota.get(fr) ?? 0) - (node.usage.get(fr) ?? 0);
  let parentAvailable = available(node.parent, fr);
  const borrowingLimit = node.quotas.get(fr)?.borrowingLimit ?? null;
  if (borrowingLimit !== null) {
    const local = localQuota(node, fr);
    const storedInParent = (node.subtreeQuota.get(fr) ?? 0) - local;
    const usedInParent = Math.max(0, (node.usage.get(fr) ?? 0) - local);
    parentAvailable = Math.min(storedInParent - usedInParent + borrowingLimit, parentAvailable);
  }
  return localAvailable(node, fr) + parentAvailable;
}

function addUsage(node: Node, fr: string, value: number): void {
  const free = localAvailable(node, fr);
  node.usage.set(fr, (node.usage.get(fr) ?? 0) + value);
  if (node.parent !== null && value > free) addUsage(node.parent, fr, value - free);
}
