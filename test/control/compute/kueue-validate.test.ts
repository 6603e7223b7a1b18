import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { vendoredKinds } from '../../../src/control/compute/kueue/crd-catalog.js';
import { KUEUE_VERSION } from '../../../src/control/compute/kueue/kueue-version.js';
import { formatManifestIssue, manifestsValid, parseManifestYaml, validateKueueManifests } from '../../../src/control/compute/kueue/validate-manifests.js';

const ALL_KINDS = parseManifestYaml(readFileSync(new URL('./fixtures/kueue-all-kinds.yaml', import.meta.url), 'utf8')).documents as Record<string, any>[];
const errorsOf = (list: unknown[], options?: { references?: boolean }) =>
  validateKueueManifests(list, options)
    .filter((issue) => issue.severity === 'error')
    .map(formatManifestIssue);

/** The fixture set with one object edited. */
function edited(kind: string, name: string, edit: (object: Record<string, any>) => void): unknown[] {
  return ALL_KINDS.map((object) => {
    if (object['kind'] !== kind || object['metadata']['name'] !== name) return object;
    const copy = structuredClone(object);
    edit(copy);
    return copy;
  });
}

describe(`Kueue manifest validation against the vendored Kueue ${KUEUE_VERSION} CRDs`, () => {
  it('vendors every Kueue kind and accepts a valid object of each, newer fields included', () => {
    assert.equal(KUEUE_VERSION, 'v0.19.2');
    const kinds = vendoredKinds();
    assert.deepEqual(kinds, [
      'AdmissionCheck',
      'ClusterQueue',
      'Cohort',
      'LocalQueue',
      'MultiKueueCluster',
      'MultiKueueConfig',
      'ProvisioningRequestConfig',
      'ResourceFlavor',
      'Topology',
      'Workload',
      'WorkloadPriorityClass',
    ]);
    assert.deepEqual(new Set(ALL_KINDS.map((object) => object['kind'])), new Set(kinds));
    assert.deepEqual(errorsOf(ALL_KINDS), []);
    assert.ok(ALL_KINDS.some((object) => object['spec']?.['concurrentAdmissionPolicy'] !== undefined));
  });

  it('accepts a served deprecated version with a warning', () => {
    const old = { apiVersion: 'kueue.x-k8s.io/v1beta1', kind: 'ClusterQueue', metadata: { name: 'old' }, spec: { cohort: 'public', namespaceSelector: {} } };
    const issues = validateKueueManifests([old]);
    assert.ok(manifestsValid(issues), JSON.stringify(issues));
    assert.match(formatManifestIssue(issues[0]!), /^warning: .*kueue\.x-k8s\.io\/v1beta1 is deprecated/);
  });

  it('rejects schema, CEL and webhook violations with the path of the field', () => {
    const cases: [string, unknown[], RegExp][] = [
      ['unknown field (v1beta1 spelling in v1beta2)', edited('ClusterQueue', 'research', (queue) => (queue['spec']['cohort'] = 'x')), /\(ClusterQueue\/research\) spec\.cohort: unknown field \(Kueue v0\.19\.2 ClusterQueue v1beta2 has no such field\)/],
      ['bad enum', edited('ClusterQueue', 'research', (queue) => (queue['spec']['queueingStrategy'] = 'Fastest')), /spec\.queueingStrategy: must be one of StrictFIFO, BestEffortFIFO/],
      ['quantity as float', edited('ClusterQueue', 'research', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['resources'][0]['nominalQuota'] = 0.5)), /nominalQuota: must be of type integer or string/],
      ['quantity pattern', edited('ClusterQueue', 'research', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['resources'][0]['nominalQuota'] = 'lots')), /nominalQuota: must match /],
      ['more than 16 resource groups', edited('ClusterQueue', 'research', (queue) => (queue['spec']['resourceGroups'] = Array.from({ length: 17 }, () => queue['spec']['resourceGroups'][0]))), /spec\.resourceGroups: must have at most 16 items/],
      ['more than 64 flavors in a group', edited('ClusterQueue', 'research', (queue) => {
        const flavor = queue['spec']['resourceGroups'][0]['flavors'][0];
        queue['spec']['resourceGroups'][0]['flavors'] = Array.from({ length: 65 }, (_, index) => ({ ...flavor, name: `f-${index}` }));
      }), /spec\.resourceGroups\[0\]\.flavors: must have at most 64 items/],
      ['duplicate list-map key', edited('ClusterQueue', 'research', (queue) => queue['spec']['resourceGroups'][0]['flavors'].push(queue['spec']['resourceGroups'][0]['flavors'][0])), /flavors: duplicate entry: name "h100-dc1"/],
      ['CEL: borrowingLimit without cohort', edited('ClusterQueue', 'research', (queue) => delete queue['spec']['cohortName']), /\(ClusterQueue\/research\) spec: borrowingLimit must be nil when cohort is empty/],
      ['webhook: lendingLimit without cohort', edited('ClusterQueue', 'research', (queue) => delete queue['spec']['cohortName']), /resources\[0\]\.lendingLimit: must be nil when cohort is empty/],
      ['webhook: lendingLimit above nominal', edited('ClusterQueue', 'research', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['resources'][0]['lendingLimit'] = 9)), /lendingLimit: must be less than or equal to the nominalQuota/],
      ['CEL: resources count vs coveredResources', edited('ClusterQueue', 'research', (queue) => queue['spec']['resourceGroups'][0]['coveredResources'].push('cpu')), /spec\.resourceGroups\[0\]: flavors must have the same number of resources as the coveredResources/],
      ['webhook: resource not the covered one', edited('ClusterQueue', 'research', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['resources'][0]['name'] = 'amd.com/gpu')), /resources\[0\]\.name: must match the name in coveredResources/],
      ['webhook: resource covered twice', edited('ClusterQueue', 'research', (queue) => queue['spec']['resourceGroups'].push({ coveredResources: ['nvidia.com/gpu'], flavors: [{ name: 'other', resources: [{ name: 'nvidia.com/gpu', nominalQuota: 1 }] }] })), /spec\.resourceGroups\[1\]\.coveredResources\[0\]: duplicate value "nvidia\.com\/gpu"/],
      ['CEL: preference needs TryNextFlavor', edited('ClusterQueue', 'research', (queue) => (queue['spec']['flavorFungibility'] = { preference: 'BorrowingOverPreemption' })), /spec\.flavorFungibility: preference can only be set when both whenCanBorrow and whenCanPreempt are TryNextFlavor/],
      ['CEL: borrowWithinCohort with reclaim Never (defaulted)', edited('ClusterQueue', 'research', (queue) => (queue['spec']['preemption'] = { borrowWithinCohort: { policy: 'LowerPriority' } })), /spec\.preemption: reclaimWithinCohort=Never and borrowWithinCohort\.Policy!=Never/],
      ['webhook: onFlavors not a flavor of the queue', edited('ClusterQueue', 'research', (queue) => (queue['spec']['admissionChecksStrategy']['admissionChecks'][1]['onFlavors'] = ['b200-dc9'])), /onFlavors\[0\]: unsupported value "b200-dc9"/],
      ['webhook: concurrent admission with StrictFIFO', edited('ClusterQueue', 'research', (queue) => (queue['spec']['queueingStrategy'] = 'StrictFIFO')), /spec\.queueingStrategy: StrictFIFO cannot be used when concurrentAdmissionPolicy is defined/],
      ['webhook: fair-sharing weight that collapses', edited('Cohort', 'public', (cohort) => (cohort['spec']['fairSharing']['weight'] = '1n')), /spec\.fairSharing\.weight: when not 0, weight must be > 10e-9/],
      ['webhook: cohort limits without parent', edited('Cohort', 'national', (cohort) => (cohort['spec']['resourceGroups'][0]['flavors'][0]['resources'][0]['lendingLimit'] = 0)), /lendingLimit: must be nil when parent is empty/],
      ['CEL: topology needs node labels', edited('ResourceFlavor', 'h100-dc1', (flavor) => delete flavor['spec']['nodeLabels']), /\(ResourceFlavor\/h100-dc1\) spec: at least one nodeLabel is required when topology is set/],
      ['schema: at most 8 node labels', edited('ResourceFlavor', 'h100-dc1', (flavor) => Object.assign(flavor['spec']['nodeLabels'], { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6', g: '7' })), /spec\.nodeLabels: must have at most 8 entries/],
      ['CEL: toleration value with Exists', edited('ResourceFlavor', 'h100-dc1', (flavor) => (flavor['spec']['tolerations'][0]['operator'] = 'Exists')), /spec\.tolerations: a value must be empty when 'operator' is 'Exists'/],
      ['webhook: duplicate taint', edited('ResourceFlavor', 'h100-dc1', (flavor) => flavor['spec']['nodeTaints'].push(flavor['spec']['nodeTaints'][0])), /spec\.nodeTaints\[1\]: taints must be unique by key and effect pair/],
      ['CEL: topology levels unique', edited('Topology', 'dc-topology', (topology) => topology['spec']['levels'].unshift({ nodeLabel: 'cloud.provider.com/topology-block' })), /spec\.levels: must be unique/],
      ['CEL: exactly one cluster source', edited('MultiKueueCluster', 'worker-busan', (cluster) => (cluster['spec']['clusterSource']['clusterProfileRef'] = { name: 'p' })), /spec\.clusterSource: exactly one of the fields in \[kubeConfig clusterProfileRef\] must be set/],
      ['WPC value is int32', edited('WorkloadPriorityClass', 'research', (priority) => (priority['value'] = 2 ** 31)), /\(WorkloadPriorityClass\/research\) value: must be a valid int32/],
      ['WPC has no spec', edited('WorkloadPriorityClass', 'research', (priority) => (priority['spec'] = { value: 1 })), /\(WorkloadPriorityClass\/research\) spec: unknown field/],
      ['required field', edited('AdmissionCheck', 'multikueue', (check) => delete check['spec']['controllerName']), /\(AdmissionCheck\/multikueue\) spec\.controllerName: required/],
      ['bad name', edited('Cohort', 'public', (cohort) => (cohort['metadata']['name'] = 'Public_Pool')), /metadata\.name: must be a DNS subdomain name/],
      ['dangling flavor', edited('ClusterQueue', 'research', (queue) => (queue['spec']['resourceGroups'][0]['flavors'][0]['name'] = 'h100-nowhere')), /ResourceFlavor "h100-nowhere" is not defined in this set/],
      ['dangling cluster queue', edited('LocalQueue', 'team-a', (queue) => (queue['spec']['clusterQueue'] = 'ghost')), /spec\.clusterQueue: ClusterQueue "ghost" is not defined in this set/],
      ['dangling admission check', edited('ClusterQueue', 'research', (queue) => (queue['spec']['admissionChecksStrategy']['admissionChecks'][0]['name'] = 'ghost')), /AdmissionCheck "ghost" is not defined in this set/],
      ['dangling MultiKueueCluster', edited('MultiKueueConfig', 'national-workers', (config) => config['spec']['clusters'].push('worker-jeju')), /spec\.clusters\[1\]: MultiKueueCluster "worker-jeju" is not defined/],
      ['cohort cycle', edited('Cohort', 'national', (cohort) => (cohort['spec']['parentName'] = 'public')), /cohort cycle/],
      ['wrong version', edited('Cohort', 'public', (cohort) => (cohort['apiVersion'] = 'kueue.x-k8s.io/v1alpha1')), /apiVersion: must be one of kueue\.x-k8s\.io\/v1beta1, kueue\.x-k8s\.io\/v1beta2 for Cohort/],
    ];
    for (const [label, list, expected] of cases) {
      const issues = errorsOf(list);
      assert.ok(issues.some((issue) => expected.test(issue)), `${label}: ${JSON.stringify(issues)}`);
    }
    assert.match(errorsOf([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }])[0]!, /unsupported kind "Pod" \(expected a Kueue v0\.19\.2 kind: AdmissionCheck, ClusterQueue/);
    assert.match(errorsOf(['text'])[0]!, /expected a Kubernetes object/);
    assert.match(errorsOf([...ALL_KINDS, ALL_KINDS[1]])[0]!, /duplicate ResourceFlavor "h100-dc1"/);
    // --partial: references are not followed.
    assert.deepEqual(errorsOf(edited('LocalQueue', 'team-a', (queue) => (queue['spec']['clusterQueue'] = 'ghost')), { references: false }), []);
  });

  it('reports YAML syntax errors in a manifest stream', () => {
    const result = parseManifestYaml('apiVersion: v1\nkind: [\n');
    assert.equal(result.documents.length, 0);
    assert.match(result.issues[0]!.message, /YAML syntax error/);
  });
});
