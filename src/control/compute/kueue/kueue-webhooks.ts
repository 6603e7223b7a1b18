import { isLabelValue, isQualifiedName } from '../input/common-schemas.js';
import { quantityValue } from './kueue-quantity.js';

/**
 * The checks Kueue's validating webhooks add to the CRD schemas (pkg/webhooks/*_webhook.go at the
 * vendored release), for ClusterQueues, Cohorts and ResourceFlavors, plus the ObjectMeta rules the API
 * server applies to every object. Each returns problems as path segments and a message; the object has
 * already passed its schema.
 */
export interface WebhookFailure {
  segments: (string | number)[];
  message: string;
}

type Loose = Record<string, unknown>;

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function metadataFailures(object: Loose, namespaced: boolean): WebhookFailure[] {
  const failures: WebhookFailure[] = [];
  const metadata = (object['metadata'] ?? {}) as Loose;
  const name = metadata['name'];
  if (name === undefined && metadata['generateName'] === undefined) failures.push({ segments: ['metadata', 'name'], message: 'required' });
  if (typeof name === 'string' && (name.length > 253 || !DNS_SUBDOMAIN.test(name))) {
    failures.push({ segments: ['metadata', 'name'], message: 'must be a DNS subdomain name (RFC 1123): lower-case a–z, 0–9, "-" and ".", at most 253 characters' });
  }
  const namespace = metadata['namespace'];
  if (typeof namespace === 'string' && namespaced && !DNS_LABEL.test(namespace)) {
    failures.push({ segments: ['metadata', 'namespace'], message: 'must be a DNS label (RFC 1123): lower-case a–z, 0–9 and "-", at most 63 characters' });
  }
  failures.push(...labelFailures(metadata['labels'], ['metadata', 'labels']));
  for (const key of Object.keys((metadata['annotations'] ?? {}) as Loose)) {
    if (!isQualifiedName(key)) failures.push({ segments: ['metadata', 'annotations', key], message: 'annotation keys must be qualified names such as "jaju.io/purpose"' });
  }
  return failures;
}

function labelFailures(labels: unknown, segments: (string | number)[]): WebhookFailure[] {
  const failures: WebhookFailure[] = [];
  for (const [key, value] of Object.entries((labels ?? {}) as Loose)) {
    if (!isQualifiedName(key)) failures.push({ segments: [...segments, key], message: 'label keys must be qualified names such as "jaju.io/site"' });
    else if (typeof value === 'string' && !isLabelValue(value)) failures.push({ segments: [...segments, key], message: 'label values are at most 63 letters, digits, "-", "_" or "." and start and end with a letter or digit' });
  }
  return failures;
}

/** clusterqueue_webhook.go: validateClusterQueueSpec and validateAdmissionCheckOnFlavors. */
export function clusterQueueFailures(spec: Loose): WebhookFailure[] {
  const inCohort = typeof spec['cohortName'] === 'string' && spec['cohortName'] !== '';
  const failures = resourceGroupFailures(spec['resourceGroups'], { hasParent: inCohort, parentWord: 'cohort', lendingAtMostNominal: true });
  failures.push(...fairSharingFailures(spec['fairSharing']));
  failures.push(...selectorFailures(spec['namespaceSelector'], ['spec', 'namespaceSelector']));
  const groups = (spec['resourceGroups'] ?? []) as Loose[];
  const flavors = new Set(groups.flatMap((group) => ((group['flavors'] ?? []) as Loose[]).map((flavor) => flavor['name'])));
  const checks = (((spec['admissionChecksStrategy'] ?? {}) as Loose)['admissionChecks'] ?? []) as Loose[];
  checks.forEach((check, index) => {
    ((check['onFlavors'] ?? []) as string[]).forEach((flavor, position) => {
      if (!flavors.has(flavor)) {
        failures.push({ segments: ['spec', 'admissionChecksStrategy', 'admissionChecks', index, 'onFlavors', position], message: `unsupported value "${flavor}": not a flavor of this ClusterQueue` });
      }
    });
  });
  // ConcurrentAdmission (a feature gate): the webhook checks these only when the gate is on; a policy
  // that would be rejected with the gate on is reported either way.
  const concurrent = spec['concurrentAdmissionPolicy'] as Loose | undefined;
  if (concurrent !== undefined) {
    if (groups.length !== 1) failures.push({ segments: ['spec', 'resourceGroups'], message: 'must have exactly one ResourceGroup when concurrentAdmissionPolicy is defined' });
    if (groups.length === 1 && ((groups[0]!['flavors'] ?? []) as unknown[]).length > 16) {
      failures.push({ segments: ['spec', 'resourceGroups', 0, 'flavors'], message: 'cannot have more than 16 resource flavors when concurrentAdmissionPolicy is defined' });
    }
    const migration = (concurrent['migration'] ?? {}) as Loose;
    const constraints = migration['constraints'] as Loose | undefined;
    if (constraints !== undefined) {
      if (migration['mode'] !== undefined && migration['mode'] !== 'TryPreferredFlavors') {
        failures.push({ segments: ['spec', 'concurrentAdmissionPolicy', 'migration', 'constraints'], message: `may only be set when migration.mode is "TryPreferredFlavors" (got "${String(migration['mode'])}")` });
      } else if (typeof constraints['lastAcceptableFlavorName'] === 'string' && !flavors.has(constraints['lastAcceptableFlavorName'])) {
        failures.push({ segments: ['spec', 'concurrentAdmissionPolicy', 'migration', 'constraints', 'lastAcceptableFlavorName'], message: 'must be one of the flavors defined in the ClusterQueue' });
      }
    }
    if (spec['queueingStrategy'] === 'StrictFIFO') failures.push({ segments: ['spec', 'queueingStrategy'], message: 'StrictFIFO cannot be used when concurrentAdmissionPolicy is defined' });
  }
  return failures;
}

/** cohort_webhook.go: limits only with a parent; lendingLimit is not compared with the Cohort's own quota. */
export function cohortFailures(spec: Loose): WebhookFailure[] {
  const hasParent = typeof spec['parentName'] === 'string' && spec['parentName'] !== '';
  return [...fairSharingFailures(spec['fairSharing']), ...resourceGroupFailures(spec['resourceGroups'], { hasParent, parentWord: 'parent', lendingAtMostNominal: false })];
}

/** resourceflavor_webhook.go: node labels, taints unique by key and effect, toleration rules. */
export function resourceFlavorFailures(spec: Loose): WebhookFailure[] {
  const failures = labelFailures(spec['nodeLabels'], ['spec', 'nodeLabels']);
  const seen = new Set<string>();
  ((spec['nodeTaints'] ?? []) as Loose[]).forEach((taint, index) => {
    const key = String(taint['key']);
    if (!isQualifiedName(key)) failures.push({ segments: ['spec', 'nodeTaints', index, 'key'], message: 'must be a qualified name' });
    if (taint['value'] !== undefined && !isLabelValue(String(taint['value']))) failures.push({ segments: ['spec', 'nodeTaints', index, 'value'], message: 'must be a valid label value' });
    const identity = `${key}\u0000${String(taint['effect'])}`;
    if (seen.has(identity)) failures.push({ segments: ['spec', 'nodeTaints', index], message: 'taints must be unique by key and effect pair' });
    seen.add(identity);
  });
  ((spec['tolerations'] ?? []) as Loose[]).forEach((toleration, index) => {
    if (toleration['key'] !== undefined && toleration['key'] !== '' && !isQualifiedName(String(toleration['key']))) {
      failures.push({ segments: ['spec', 'tolerations', index, 'key'], message: 'must be a qualified name' });
    }
  });
  return failures;
}

function fairSharingFailures(fairSharing: unknown): WebhookFailure[] {
  const weight = ((fairSharing ?? {}) as Loose)['weight'];
  if (weight === undefined) return [];
  const value = quantityValue(weight);
  if (value < 0) return [{ segments: ['spec', 'fairSharing', 'weight'], message: 'must be greater than or equal to 0' }];
  if (value > 0 && value <= 1e-9) return [{ segments: ['spec', 'fairSharing', 'weight'], message: 'when not 0, weight must be > 10e-9' }];
  return [];
}

function selectorFailures(selector: unknown, segments: (string | number)[]): WebhookFailure[] {
  if (selector === undefined || selector === null) return [];
  const value = selector as Loose;
  const failures = labelFailures(value['matchLabels'], [...segments, 'matchLabels']);
  ((value['matchExpressions'] ?? []) as Loose[]).forEach((expression, index) => {
    const at = [...segments, 'matchExpressions', index];
    const operator = expression['operator'];
    const values = (expression['values'] ?? []) as unknown[];
    if (!isQualifiedName(String(expression['key']))) failures.push({ segments: [...at, 'key'], message: 'must be a qualified name' });
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) failures.push({ segments: [...at, 'values'], message: `must be specified when operator is ${operator}` });
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) failures.push({ segments: [...at, 'values'], message: `may not be specified when operator is ${operator}` });
    } else {
      failures.push({ segments: [...at, 'operator'], message: 'must be one of In, NotIn, Exists, DoesNotExist' });
    }
  });
  return failures;
}

interface GroupRules {
  hasParent: boolean;
  parentWord: 'cohort' | 'parent';
  lendingAtMostNominal: boolean;
}

/** validateResourceGroups + validateTotalFlavors/CoveredResources + validateFlavorResourceCombinations. */
function resourceGroupFailures(groups: unknown, rules: GroupRules): WebhookFailure[] {
  if (!Array.isArray(groups)) return [];
  const failures: WebhookFailure[] = [];
  const seenResources = new Set<string>();
  const seenFlavors = new Set<string>();
  let flavorTotal = 0;
  let coveredTotal = 0;
  (groups as Loose[]).forEach((group, groupIndex) => {
    const base = ['spec', 'resourceGroups', groupIndex];
    const covered = (group['coveredResources'] ?? []) as string[];
    coveredTotal += covered.length;
    covered.forEach((resource, index) => {
      if (!isQualifiedName(resource)) failures.push({ segments: [...base, 'coveredResources', index], message: 'must be a qualified name such as "nvidia.com/gpu"' });
      if (seenResources.has(resource)) failures.push({ segments: [...base, 'coveredResources', index], message: `duplicate value "${resource}": a resource may be covered by one resource group only` });
      seenResources.add(resource);
    });
    const flavors = (group['flavors'] ?? []) as Loose[];
    flavorTotal += flavors.length;
    let combinations = 0;
    flavors.forEach((flavor, flavorIndex) => {
      const at = [...base, 'flavors', flavorIndex];
      const name = String(flavor['name']);
      if (seenFlavors.has(name)) failures.push({ segments: [...at, 'name'], message: `duplicate value "${name}": a flavor may appear in one resource group, once` });
      seenFlavors.add(name);
      const resources = (flavor['resources'] ?? []) as Loose[];
      combinations += resources.length;
      resources.forEach((quota, index) => {
        if (index >= covered.length) return;
        const path = [...at, 'resources', index];
        if (quota['name'] !== covered[index]) failures.push({ segments: [...path, 'name'], message: `must match the name in coveredResources ("${covered[index]}")` });
        const nominal = quantityValue(quota['nominalQuota']);
        if (nominal < 0) failures.push({ segments: [...path, 'nominalQuota'], message: 'must be greater than or equal to 0' });
        for (const limit of ['borrowingLimit', 'lendingLimit'] as const) {
          if (quota[limit] === undefined) continue;
          if (quantityValue(quota[limit]) < 0) failures.push({ segments: [...path, limit], message: 'must be greater than or equal to 0' });
          if (!rules.hasParent) failures.push({ segments: [...path, limit], message: `must be nil when ${rules.parentWord} is empty` });
        }
        if (rules.lendingAtMostNominal && quota['lendingLimit'] !== undefined && quantityValue(quota['lendingLimit']) > nominal) {
          failures.push({ segments: [...path, 'lendingLimit'], message: 'must be less than or equal to the nominalQuota' });
        }
      });
    });
    if (combinations > 512) failures.push({ segments: base, message: `number of flavor-resource combinations in a resourceGroup must be ≤ 512, got ${combinations}` });
  });
  if (flavorTotal > 256) failures.push({ segments: ['spec', 'resourceGroups'], message: `total number of flavors across all resourceGroups must be ≤ 256, got ${flavorTotal}` });
  if (coveredTotal > 256) failures.push({ segments: ['spec', 'resourceGroups'], message: `total number of covered resources across all resourceGroups must be ≤ 256, got ${coveredTotal}` });
  return failures;
}
