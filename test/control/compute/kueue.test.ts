import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { allocate } from '../../../src/control/compute/engine/allocate.js';
import { allManifests, exportKueue } from '../../../src/control/compute/export/kueue-export.js';
import { kueueFiles, kueueYaml } from '../../../src/control/compute/export/kueue-files.js';
import { formatManifestIssue, parseManifestYaml, validateKueueManifests } from '../../../src/control/compute/export/kueue-validate.js';
import { loadAllocationInput } from '../../../src/control/compute/input/load-inputs.js';

const allocation = allocate(loadAllocationInput({ sites: 'examples/compute/sites.yaml', applications: 'examples/compute/applications.yaml', policy: 'examples/compute/policy.yaml' }));
const manifests = exportKueue(allocation);
const documents = parseManifestYaml(kueueYaml(manifests)).documents as Record<string, any>[];

const find = (kind: string, name: string) => structuredClone(documents.find((document) => document['kind'] === kind && document['metadata']['name'] === name)!);
const issuesOf = (list: unknown[], options?: { references?: boolean }) => validateKueueManifests(list, options).map(formatManifestIssue);
/** The set with one document replaced. */
function withReplaced(kind: string, name: string, edit: (document: Record<string, any>) => void): unknown[] {
  return documents.map((document) => {
    if (document['kind'] !== kind || document['metadata']['name'] !== name) return document;
    const copy = structuredClone(document);
    edit(copy);
    return copy;
  });
}

describe('Kueue v1beta2 export', () => {
  it('writes YAML that parses back and validates against the v1beta2 schema', () => {
    const parsed = parseManifestYaml(kueueYaml(manifests));
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.documents.length, allManifests(manifests).length);
    assert.deepEqual(issuesOf(parsed.documents), []);
    for (const file of kueueFiles(manifests)) {
      const fileDocuments = parseManifestYaml(file.text);
      assert.deepEqual(fileDocuments.issues, [], file.name);
      assert.deepEqual(issuesOf(fileDocuments.documents, { references: false }), [], file.name);
    }
    const kinds = new Set(documents.map((document) => document['kind']));
    assert.deepEqual([...kinds].sort(), ['ClusterQueue', 'Cohort', 'LocalQueue', 'Namespace', 'ResourceFlavor', 'WorkloadPriorityClass']);
    assert.ok(documents.every((document) => document['apiVersion'] === (document['kind'] === 'Namespace' ? 'v1' : 'kueue.x-k8s.io/v1beta2')));
  });

  it('maps tiers to ClusterQueues whose quotas are the allocation, and the hard reserve to lendingLimit 0', () => {
    const { policy } = allocation.input;
    policy.tiers.forEach((tier, tierIndex) => {
      const queue = find('ClusterQueue', tier.id);
      assert.equal(queue['spec']['cohortName'], `national-gpu-pool-${tier.pool}`);
      assert.deepEqual(queue['spec']['namespaceSelector'], { matchLabels: { [`tier.jaju.io/${tier.id}`]: 'true' } });
      for (const group of queue['spec']['resourceGroups']) {
        for (const flavor of group['flavors']) {
          const model = allocation.flavors.find((candidate) => candidate.name === flavor['name'])!;
          const [resource] = flavor['resources'];
          const expected = allocation.tierGrants[tierIndex]![model.index]! + (tier.hardReserve ? allocation.hardHeld[tierIndex]![model.index]! : 0);
          assert.equal(resource['nominalQuota'], expected, `${tier.id}/${flavor['name']}`);
          assert.equal(resource['lendingLimit'], tier.hardReserve ? 0 : undefined);
          assert.equal(resource['name'], model.pool.resource);
        }
      }
      const priority = find('WorkloadPriorityClass', tier.id);
      assert.equal(priority['value'], tier.priority);
    });
    // Slurm sites are not in Kueue; every Kueue flavor's quotas (tiers + shared pool) equal its usable capacity.
    const root = find('Cohort', 'national-gpu-pool');
    for (const flavor of allocation.flavors) {
      const quota = policyQuota(flavor.name) + rootQuota(root, flavor.name);
      if (flavor.site.scheduler === 'slurm') assert.equal(documents.some((document) => document['kind'] === 'ResourceFlavor' && document['metadata']['name'] === flavor.name), false);
      else assert.equal(quota, flavor.usable, flavor.name);
    }
    assert.equal(find('Cohort', 'national-gpu-pool-public')['spec']['fairSharing']['weight'], '0.6');
  });

  it('keeps v1beta1 spellings and broken rules out: the validator rejects them with paths', () => {
    const cases: [string, unknown[], RegExp][] = [
      ['v1beta1 cohort field', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['spec']['cohort'] = 'x')), /ClusterQueue\/research-academia\) spec\.cohort: unknown key/],
      ['limits outside a cohort', withReplaced('ClusterQueue', 'national-security', (queue) => delete queue['spec']['cohortName']), /lendingLimit: lendingLimit must be nil when cohort is empty/],
      ['lendingLimit over nominal', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['resources'][0]['lendingLimit'] = 1_000_000)), /lendingLimit: must be less than or equal to the nominalQuota/],
      ['resources out of covered order', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['resources'][0]['name'] = 'amd.com/gpu')), /flavors\[0\]\.resources: must list the covered resources in the same order/],
      ['unknown flavor', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['name'] = 'h100-nowhere')), /ResourceFlavor "h100-nowhere" is not defined in this set/],
      ['negative quota', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['resources'][0]['nominalQuota'] = -1)), /nominalQuota: must be non-negative/],
      ['bad quantity', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['resources'][0]['nominalQuota'] = 'lots')), /nominalQuota: expected a Kubernetes quantity/],
      ['bad enum', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['spec']['preemption']['withinClusterQueue'] = 'Any')), /preemption\.withinClusterQueue: expected one of Never, LowerPriority, LowerOrNewerEqualPriority/],
      ['borrowWithinCohort with reclaim Never', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['spec']['preemption'] = { reclaimWithinCohort: 'Never', borrowWithinCohort: { policy: 'LowerPriority' } })), /borrowWithinCohort\.policy: reclaimWithinCohort=Never and borrowWithinCohort\.policy!=Never/],
      ['flat admissionChecks (v1beta1)', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['spec']['admissionChecks'] = ['power-budget'])), /spec\.admissionChecks: unknown key/],
      ['nine node labels', withReplaced('ResourceFlavor', 'h100-gwangju-nadc', (flavor) => Object.assign(flavor['spec']['nodeLabels'], { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' })), /spec\.nodeLabels: at most 8 node labels/],
      ['WPC in a spec', withReplaced('WorkloadPriorityClass', 'national-security', (priority) => (priority['spec'] = { value: 1 })), /spec: unknown key/],
      ['WPC value not int32', withReplaced('WorkloadPriorityClass', 'national-security', (priority) => (priority['value'] = 2 ** 31)), /value: Too big/],
      ['cohort limits without parent', withReplaced('Cohort', 'national-gpu-pool', (cohort) => (cohort['spec'] = { resourceGroups: [{ coveredResources: ['nvidia.com/gpu'], flavors: [{ name: 'h100-gwangju-nadc', resources: [{ name: 'nvidia.com/gpu', nominalQuota: 1, lendingLimit: 0 }] }] }] })), /borrowing and lending limits must only be set when the Cohort has a parent/],
      ['cohort cycle', withReplaced('Cohort', 'national-gpu-pool', (cohort) => (cohort['spec'] = { parentName: 'national-gpu-pool-public' })), /cohort cycle/],
      ['zero-ish weight', withReplaced('Cohort', 'national-gpu-pool-private', (cohort) => (cohort['spec']['fairSharing']['weight'] = '1n')), /when not 0, weight must be greater than 10\^-9/],
      ['LocalQueue without namespace', withReplaced('LocalQueue', 'national-security', (queue) => delete queue['metadata']['namespace']), /metadata\.namespace: required/],
      ['LocalQueue to a missing queue', withReplaced('LocalQueue', 'national-security', (queue) => (queue['spec']['clusterQueue'] = 'ghost')), /ClusterQueue "ghost" is not defined in this set/],
      ['bad name', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['metadata']['name'] = 'Research_Academia')), /metadata\.name: expected a DNS subdomain name/],
      ['v1beta1 apiVersion', withReplaced('ClusterQueue', 'research-academia', (queue) => (queue['apiVersion'] = 'kueue.x-k8s.io/v1beta1')), /apiVersion: expected one of kueue\.x-k8s\.io\/v1beta2/],
    ];
    for (const [label, list, expected] of cases) {
      const issues = issuesOf(list);
      assert.ok(issues.some((issue) => expected.test(issue)), `${label}: ${JSON.stringify(issues)}`);
    }
    assert.match(issuesOf([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }])[0]!, /unsupported kind "Pod"/);
    assert.match(issuesOf([...documents, documents[1]])[0]!, /duplicate/);
    const tooMany = find('ClusterQueue', 'research-academia');
    const flavor = tooMany['spec']['resourceGroups'][0]['flavors'][0];
    tooMany['spec']['resourceGroups'][0]['flavors'] = Array.from({ length: 65 }, (_, index) => ({ ...flavor, name: `f-${index}` }));
    assert.ok(issuesOf([tooMany], { references: false }).some((issue) => /flavors: Too big: expected array to have <=64 items/.test(issue)));
  });

  it('reports YAML syntax errors in a manifest stream', () => {
    const result = parseManifestYaml('apiVersion: v1\nkind: [\n');
    assert.equal(result.documents.length, 0);
    assert.match(result.issues[0]!.message, /YAML syntax error/);
    assert.deepEqual(parse(kueueYaml(manifests).split('---\n')[1]!)['kind'], documents[1]!['kind']);
  });

  function policyQuota(flavorName: string): number {
    let sum = 0;
    for (const tier of allocation.input.policy.tiers) {
      for (const group of find('ClusterQueue', tier.id)['spec']['resourceGroups']) {
        for (const flavor of group['flavors']) if (flavor['name'] === flavorName) sum += flavor['resources'][0]['nominalQuota'];
      }
    }
    return sum;
  }
});

function rootQuota(root: Record<string, any>, flavorName: string): number {
  for (const group of root['spec']?.['resourceGroups'] ?? []) {
    for (const flavor of group['flavors']) if (flavor['name'] === flavorName) return flavor['resources'][0]['nominalQuota'];
  }
  return 0;
}
