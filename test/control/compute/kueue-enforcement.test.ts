import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allocate } from '../../../src/control/compute/engine/allocate.js';
import type { Allocation } from '../../../src/control/compute/engine/allocation-types.js';
import { ACCELERATOR_KEY, SITE_KEY, allManifests, exportKueue, type KueueManifests } from '../../../src/control/compute/export/kueue-export.js';
import { kueueFiles, kueueYaml } from '../../../src/control/compute/export/kueue-files.js';
import { loadAllocationInput } from '../../../src/control/compute/input/load-inputs.js';
import type { ClusterQueue } from '../../../src/control/compute/kueue/kueue-types.js';
import { manifestsValid, parseManifestYaml, validateKueueManifests } from '../../../src/control/compute/kueue/validate-manifests.js';
import { KueueQuotaModel, type SimulatedWorkload } from '../../../src/control/compute/simulate/kueue-admission.js';
import { PROPERTY_RUNS, arbitraryInput, build } from './fixtures.js';

const example = allocate(loadAllocationInput({ sites: 'examples/compute/sites.yaml', applications: 'examples/compute/applications.yaml', policy: 'examples/compute/policy.yaml' }));
const exampleManifests = exportKueue(example);

interface QueueFlavor {
  queue: ClusterQueue;
  flavor: string;
  resource: string;
  nominal: number;
  borrowingLimit: number | null;
}

function queueFlavors(manifests: KueueManifests): QueueFlavor[] {
  return manifests.clusterQueues.flatMap((queue) =>
    (queue.spec.resourceGroups ?? []).flatMap((group) =>
      group.flavors.map((flavor) => {
        const quota = flavor.resources[0]!;
        return { queue, flavor: flavor.name, resource: quota.name, nominal: Number(quota.nominalQuota), borrowingLimit: quota.borrowingLimit === undefined ? null : Number(quota.borrowingLimit) };
      }),
    ),
  );
}

/** Capacity a hard-reserve tier holds at each flavor: its queues' quotas plus the idle reserve in its cohorts. */
function hardHeldByFlavor(allocation: Allocation): Map<string, number> {
  const held = new Map<string, number>();
  allocation.input.policy.tiers.forEach((tier, index) => {
    if (!tier.hardReserve) return;
    for (const flavor of allocation.flavors) held.set(flavor.name, (held.get(flavor.name) ?? 0) + allocation.tierGrants[index]![flavor.index]! + allocation.hardHeld[index]![flavor.index]!);
  });
  return held;
}

/**
 * Replays the workloads and checks what Kueue's quotas guarantee: no queue uses more than its grant plus
 * its borrowing limit at any flavor, no flavor is used beyond its usable capacity, queues outside a
 * hard-reserve tier never touch what that tier holds, and each queue only ever runs its own type.
 */
function replayAndCheck(allocation: Allocation, manifests: KueueManifests, workloads: readonly SimulatedWorkload[]): { admitted: number; borrowed: number } {
  const model = new KueueQuotaModel(allManifests(manifests));
  const hardTiers = new Set(allocation.input.policy.tiers.filter((tier) => tier.hardReserve).map((tier) => tier.id));
  let admitted = 0;
  let borrowed = 0;
  for (const workload of workloads) {
    const result = model.admit(workload);
    if (result.flavor === null) continue;
    admitted++;
    borrowed += result.borrowed;
    const queue = manifests.clusterQueues.find((entry) => entry.metadata.name === workload.clusterQueue)!;
    const flavor = allocation.flavors.find((entry) => entry.name === result.flavor)!;
    assert.equal(queue.metadata.labels![ACCELERATOR_KEY], flavor.name.slice(0, flavor.name.length - flavor.site.id.length - 1), 'a queue runs only its own accelerator type');
  }
  const held = hardHeldByFlavor(allocation);
  for (const entry of queueFlavors(manifests)) {
    const state = model.queueState(entry.queue.metadata.name, entry.flavor, entry.resource);
    const ceiling = entry.borrowingLimit === null ? Infinity : entry.nominal + entry.borrowingLimit;
    assert.ok(state.usage <= ceiling, `${entry.queue.metadata.name} uses ${state.usage} of ${entry.flavor}: grant ${entry.nominal} + borrowing limit ${entry.borrowingLimit}`);
  }
  for (const flavor of allocation.flavors.filter((entry) => entry.site.scheduler === 'kueue')) {
    const resource = flavor.pool.resource;
    assert.ok(model.flavorUsage(flavor.name, resource) <= flavor.usable, `${flavor.name}: used beyond its ${flavor.usable} usable accelerators`);
    const outside = manifests.clusterQueues
      .filter((queue) => !hardTiers.has(queue.metadata.labels!['jaju.io/tier']!))
      .reduce((sum, queue) => sum + model.queueState(queue.metadata.name, flavor.name, resource).usage, 0);
    assert.ok(outside <= flavor.usable - (held.get(flavor.name) ?? 0), `${flavor.name}: queues outside the hard-reserve tier used ${outside}, into the ${held.get(flavor.name)} it holds`);
  }
  return { admitted, borrowed };
}

/** Each queue asks for exactly its grant at each flavor (pinned there by node selector): all must be admitted without borrowing. */
function grantWorkloads(manifests: KueueManifests): SimulatedWorkload[] {
  const labels = new Map(manifests.resourceFlavors.map((flavor) => [flavor.metadata.name, flavor.spec.nodeLabels ?? {}]));
  return queueFlavors(manifests)
    .filter((entry) => entry.nominal > 0)
    .map((entry) => ({ clusterQueue: entry.queue.metadata.name, resource: entry.resource, count: entry.nominal, nodeSelector: { [SITE_KEY]: labels.get(entry.flavor)![SITE_KEY]! } }));
}

describe('Kueue export: every grant is a quota Kueue enforces', () => {
  it('writes manifests that validate against the vendored CRDs, in files that apply in order', () => {
    assert.ok(manifestsValid(validateKueueManifests(allManifests(exampleManifests))));
    const parsed = parseManifestYaml(kueueYaml(exampleManifests));
    assert.deepEqual(parsed.issues, []);
    assert.ok(manifestsValid(validateKueueManifests(parsed.documents)));
    const files = kueueFiles(exampleManifests, example.input.policy);
    assert.deepEqual(
      files.map((file) => file.name),
      ['00-namespaces.yaml', '10-resource-flavors.yaml', '20-cohorts.yaml', '30-workload-priority-classes.yaml', '40-cluster-queues.yaml', '50-local-queues.yaml', 'kueue-configuration.snippet'],
    );
    const snippet = files.at(-1)!.text;
    assert.match(snippet, /^kind: Configuration$/m);
    assert.match(snippet, /^fairSharing:\n {2}preemptionStrategies: \[LessThanOrEqualToFinalShare, LessThanInitialShare\]$/m);
    assert.match(snippet, /^admissionFairSharing:\n {2}usageHalfLifeTime: 168h$/m);
  });

  it('gives each organisation a ClusterQueue per tier and accelerator type whose quotas are its grants', () => {
    const { policy } = example.input;
    const flavorByName = new Map(example.flavors.map((flavor) => [flavor.name, flavor]));
    const grantedAt = new Map<string, number>();
    for (const grant of example.grants) {
      for (const placement of grant.placements) {
        if (flavorByName.get(placement.flavor)!.site.scheduler !== 'kueue') continue;
        const id = `${grant.tier}.${grant.namespace}.${placement.flavor}`;
        grantedAt.set(id, (grantedAt.get(id) ?? 0) + placement.gpus);
      }
    }
    let checked = 0;
    for (const queue of exampleManifests.clusterQueues) {
      const [tierId, namespace, type] = queue.metadata.name.split('.') as [string, string, string];
      const tier = policy.tiers.find((entry) => entry.id === tierId)!;
      assert.deepEqual(queue.spec.namespaceSelector, { matchLabels: { 'kubernetes.io/metadata.name': namespace } });
      assert.equal(queue.spec.cohortName, `national-gpu-pool-tier-${tierId}-${type}`);
      assert.equal(queue.spec.resourceGroups!.length, 1, 'one resource group: the flavors of one type');
      for (const flavor of queue.spec.resourceGroups![0]!.flavors) {
        assert.ok(flavor.name.startsWith(`${type}-`), `${queue.metadata.name} lists ${flavor.name}`);
        const [quota] = flavor.resources;
        assert.equal(quota!.nominalQuota, grantedAt.get(`${tierId}.${namespace}.${flavor.name}`), `${queue.metadata.name} ${flavor.name}`);
        assert.equal(quota!.lendingLimit, tier.hardReserve ? 0 : undefined);
        assert.equal(quota!.borrowingLimit, tier.maxBorrowShare === null ? undefined : Math.floor(tier.maxBorrowShare * flavorByName.get(flavor.name)!.usable + 1e-9));
        checked++;
      }
      const localQueues = exampleManifests.localQueues.filter((local) => local.spec.clusterQueue === queue.metadata.name);
      assert.ok(localQueues.length > 0);
      assert.ok(localQueues.every((local) => local.metadata.namespace === namespace));
      // Admission fair sharing only where several applications share the queue, and then with their grants as weights.
      assert.equal(queue.spec.admissionScope?.admissionMode, localQueues.length > 1 ? 'UsageBasedAdmissionFairSharing' : undefined);
      assert.equal(localQueues.every((local) => (local.spec.fairSharing !== undefined) === localQueues.length > 1), true);
    }
    assert.equal(checked, [...grantedAt.values()].filter((gpus) => gpus > 0).length);
    // Every usable accelerator at a Kueue site is in exactly one quota: a grant, a held hard reserve or the spare pool.
    const cohortQuota = (flavor: string) =>
      exampleManifests.cohorts.reduce((sum, cohort) => sum + (cohort.spec?.resourceGroups ?? []).flatMap((group) => group.flavors).filter((entry) => entry.name === flavor).reduce((total, entry) => total + Number(entry.resources[0]!.nominalQuota), 0), 0);
    for (const flavor of example.flavors.filter((entry) => entry.site.scheduler === 'kueue')) {
      const queues = queueFlavors(exampleManifests).filter((entry) => entry.flavor === flavor.name).reduce((sum, entry) => sum + entry.nominal, 0);
      assert.equal(queues + cohortQuota(flavor.name), flavor.usable, flavor.name);
    }
    const flavor = exampleManifests.resourceFlavors.find((entry) => entry.metadata.name === 'h200-gwangju-nadc')!;
    assert.deepEqual(flavor.spec.tolerations, [{ key: 'jaju.io/accelerator', operator: 'Equal', value: 'h200', effect: 'NoSchedule' }]);
    assert.equal(flavor.spec.nodeLabels!['jaju.io/accelerator'], 'h200');
    assert.equal(exampleManifests.localQueues.length, example.grants.filter((grant) => grant.placements.some((placement) => flavorByName.get(placement.flavor)!.site.scheduler === 'kueue')).length);
  });

  it('admits every organisation its full grant, and nothing of a type it was not granted (shipped example)', () => {
    const grants = grantWorkloads(exampleManifests);
    const model = new KueueQuotaModel(allManifests(exampleManifests));
    for (const workload of grants) {
      const result = model.admit(workload);
      assert.notEqual(result.flavor, null, `${workload.clusterQueue} could not use its grant of ${workload.count}`);
      assert.equal(result.borrowed, 0);
    }
    const h100Queue = exampleManifests.clusterQueues.find((queue) => queue.metadata.labels![ACCELERATOR_KEY] === 'h100')!;
    const refused = model.admit({ clusterQueue: h100Queue.metadata.name, resource: 'nvidia.com/gpu', count: 1, nodeSelector: { [ACCELERATOR_KEY]: 'h200' } });
    assert.equal(refused.flavor, null, 'an H100 queue has no H200 flavor to admit to');
    const npu = model.admit({ clusterQueue: h100Queue.metadata.name, resource: 'furiosa.ai/rngd', count: 1 });
    assert.equal(npu.flavor, null);
    // Then a flood beyond the grants: limits still hold.
    const flood = queueFlavors(exampleManifests).map((entry) => ({ clusterQueue: entry.queue.metadata.name, resource: entry.resource, count: Math.max(1, entry.nominal) }));
    const result = replayAndCheck(example, exampleManifests, [...grants, ...flood, ...flood]);
    assert.ok(result.admitted >= grants.length);
    assert.ok(result.admitted < grants.length + 2 * flood.length, 'the flood beyond the grants is refused in part');
    assert.ok(result.borrowed > 0, 'idle capacity is borrowed where the policy allows it');
  });

  it('holds the limits for random allocations and random workloads (property)', () => {
    const borrowShares = fc.array(fc.option(fc.constantFrom(0, 0.1, 0.5), { nil: null }), { minLength: 4, maxLength: 4 });
    const workloads = fc.array(fc.record({ queue: fc.nat(), flavor: fc.option(fc.nat(), { nil: null }), size: fc.double({ min: 0.05, max: 2, noNaN: true }) }), { maxLength: 60 });
    fc.assert(
      fc.property(arbitraryInput(), borrowShares, workloads, (raw, shares, picks) => {
        const policy = raw.policy as { tiers: Record<string, unknown>[] };
        policy.tiers.forEach((tier, index) => {
          if (shares[index] !== null) tier['maxBorrowShare'] = shares[index];
        });
        const allocation = allocate(build(raw));
        const manifests = exportKueue(allocation);
        assert.ok(manifestsValid(validateKueueManifests(allManifests(manifests))));
        const grants = grantWorkloads(manifests);
        const model = new KueueQuotaModel(allManifests(manifests));
        for (const workload of grants) assert.notEqual(model.admit(workload).flavor, null, `grant of ${workload.clusterQueue} not admitted`);
        const entries = queueFlavors(manifests);
        if (entries.length === 0) return;
        const labels = new Map(manifests.resourceFlavors.map((flavor) => [flavor.metadata.name, flavor.spec.nodeLabels ?? {}]));
        const flood = picks.map(({ queue, flavor, size }): SimulatedWorkload => {
          const entry = entries[queue % entries.length]!;
          const own = entries.filter((candidate) => candidate.queue === entry.queue);
          const pinned = flavor === null ? undefined : own[flavor % own.length]!.flavor;
          return {
            clusterQueue: entry.queue.metadata.name,
            resource: entry.resource,
            count: Math.max(1, Math.round(size * Math.max(1, entry.nominal))),
            ...(pinned === undefined ? {} : { nodeSelector: { [SITE_KEY]: labels.get(pinned)![SITE_KEY]! } }),
          };
        });
        replayAndCheck(allocation, manifests, [...grants, ...flood]);
        replayAndCheck(allocation, manifests, flood);
      }),
      { ...PROPERTY_RUNS, numRuns: Math.min(PROPERTY_RUNS.numRuns, 60) },
    );
  });
});
