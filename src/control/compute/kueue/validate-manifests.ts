import { parseAllDocuments } from 'yaml';
import { formatPath } from '../../../config/config-error.js';
import { crdVersion, servedVersions, vendoredKinds } from './crd-catalog.js';
import { crdValidator, describeSchemaError } from './crd-schema.js';
import { celFailures } from './cel-rules.js';
import { KUEUE_GROUP, KUEUE_VERSION } from './kueue-version.js';
import { clusterQueueFailures, cohortFailures, metadataFailures, resourceFlavorFailures, type WebhookFailure } from './kueue-webhooks.js';

/** One problem in a manifest set: which document, which object, which field. */
export interface ManifestIssue {
  /** 0-based position of the document in the set (or in the YAML stream). */
  document: number;
  kind: string;
  name: string;
  path: string;
  message: string;
  /** Warnings (a deprecated API version) do not make a set invalid. */
  severity: 'error' | 'warning';
}

export function formatManifestIssue(issue: ManifestIssue): string {
  const where = `document ${issue.document + 1} (${issue.kind || '?'}/${issue.name || '?'})`;
  return `${issue.severity === 'warning' ? 'warning: ' : ''}${where}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`;
}

export interface ValidateOptions {
  /** Check that referenced objects (flavors, cluster queues, admission checks, …) are in the set (default true). */
  references?: boolean;
}

type Loose = Record<string, unknown>;
interface Reference {
  document: number;
  kind: string;
  name: string;
  path: string;
  target: string;
  value: string;
}

/**
 * Validates Kueue manifests (every kind the vendored Kueue CRDs define, in every served version, plus
 * core v1 Namespaces) the way a cluster running that Kueue would on `kubectl apply`: the CRD's
 * openAPIV3Schema with strict field validation, its CEL rules after defaulting, and the checks of
 * Kueue's webhooks (limits only inside a cohort, lendingLimit ≤ nominalQuota, covered resources
 * matched by name, flavor and resource counts). Across objects: duplicates, cohort cycles and, unless
 * turned off, references that must resolve within the set. Returns every problem; no errors = valid.
 */
export function validateKueueManifests(documents: readonly unknown[], options: ValidateOptions = {}): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const defined = new Map<string, Set<string>>();
  const identities = new Map<string, number>();
  const cohortParents = new Map<string, { parent: string; document: number }>();
  const references: Reference[] = [];

  documents.forEach((document, index) => {
    const object = (typeof document === 'object' && document !== null && !Array.isArray(document) ? document : {}) as Loose;
    const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
    const metadata = (typeof object['metadata'] === 'object' && object['metadata'] !== null ? object['metadata'] : {}) as Loose;
    const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
    const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : '';
    const add = (path: string, message: string, severity: ManifestIssue['severity'] = 'error') => issues.push({ document: index, kind, name, path, message, severity });
    const addAll = (failures: readonly WebhookFailure[]) => failures.forEach((failure) => add(formatPath(failure.segments), failure.message));

    if (object !== document) {
      add('', 'expected a Kubernetes object (a mapping)');
      return;
    }
    const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
    if (kind === 'Namespace' && apiVersion === 'v1') {
      addAll(metadataFailures(object, false));
      const unknown = Object.keys(object).filter((key) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(key));
      for (const key of unknown) add(key, 'unknown field (v1 Namespace has no such field)');
      record(defined, kind, name);
      return;
    }
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    const crd = crdVersion(kind, group!, version!);
    if (crd === undefined) {
      const versions = servedVersions(kind);
      if (versions.length > 0) add('apiVersion', `must be one of ${versions.map((served) => `${KUEUE_GROUP}/${served}`).join(', ')} for ${kind} (Kueue ${KUEUE_VERSION})`);
      else add('kind', `unsupported kind "${kind}" (expected a Kueue ${KUEUE_VERSION} kind: ${vendoredKinds().join(', ')}; or v1 Namespace)`);
      return;
    }
    // Known names are recorded even for an invalid object, so one bad field is not also reported as a dangling reference.
    record(defined, kind, name);
    if (crd.deprecated) add('apiVersion', `${apiVersion} is deprecated in Kueue ${KUEUE_VERSION}; use ${KUEUE_GROUP}/v1beta2`, 'warning');

    const validate = crdValidator(crd);
    if (!validate(object)) {
      const seen = new Set<string>();
      for (const error of validate.errors ?? []) {
        const described = describeSchemaError(error, `Kueue ${KUEUE_VERSION} ${kind} ${version}`);
        const line = `${formatPath(described.segments)}\u0000${described.message}`;
        if (seen.has(line)) continue;
        seen.add(line);
        add(formatPath(described.segments), described.message);
      }
      return;
    }
    addAll(metadataFailures(object, crd.namespaced));
    addAll(celFailures(crd.schema, object));
    const identity = `${kind}/${namespace}/${name}`;
    if (identities.has(identity)) add('metadata.name', `duplicate ${kind} "${name}" (also document ${identities.get(identity)! + 1})`);
    identities.set(identity, index);
    if (version !== 'v1beta2') return;

    const spec = (object['spec'] ?? {}) as Loose;
    const refer = (path: (string | number)[], target: string, value: unknown) => {
      if (typeof value === 'string') references.push({ document: index, kind, name, path: formatPath(path), target, value });
    };
    if (kind === 'ClusterQueue') {
      addAll(clusterQueueFailures(spec));
      forEachFlavor(spec['resourceGroups'], (flavor, path) => refer(path, 'ResourceFlavor', flavor));
      const checks = (((spec['admissionChecksStrategy'] ?? {}) as Loose)['admissionChecks'] ?? []) as Loose[];
      checks.forEach((check, position) => refer(['spec', 'admissionChecksStrategy', 'admissionChecks', position, 'name'], 'AdmissionCheck', check['name']));
    } else if (kind === 'Cohort') {
      addAll(cohortFailures(spec));
      forEachFlavor(spec['resourceGroups'], (flavor, path) => refer(path, 'ResourceFlavor', flavor));
      if (typeof spec['parentName'] === 'string' && spec['parentName'] !== '') cohortParents.set(name, { parent: spec['parentName'], document: index });
    } else if (kind === 'ResourceFlavor') {
      addAll(resourceFlavorFailures(spec));
      refer(['spec', 'topologyName'], 'Topology', spec['topologyName']);
    } else if (kind === 'LocalQueue') {
      refer(['spec', 'clusterQueue'], 'ClusterQueue', spec['clusterQueue']);
    } else if (kind === 'MultiKueueConfig') {
      ((spec['clusters'] ?? []) as unknown[]).forEach((cluster, position) => refer(['spec', 'clusters', position], 'MultiKueueCluster', cluster));
    } else if (kind === 'AdmissionCheck') {
      const parameters = (spec['parameters'] ?? {}) as Loose;
      if (parameters['apiGroup'] === KUEUE_GROUP && typeof parameters['kind'] === 'string') refer(['spec', 'parameters', 'name'], parameters['kind'], parameters['name']);
    }
  });

  if (options.references ?? true) {
    for (const reference of references) {
      if (!defined.get(reference.target)?.has(reference.value)) {
        issues.push({ ...reference, message: `${reference.target} "${reference.value}" is not defined in this set`, severity: 'error' });
      }
    }
  }
  for (const [cohort, { document }] of cohortParents) {
    const seen = new Set<string>([cohort]);
    for (let next = cohortParents.get(cohort)?.parent; next !== undefined; next = cohortParents.get(next)?.parent) {
      if (seen.has(next)) {
        issues.push({ document, kind: 'Cohort', name: cohort, path: 'spec.parentName', message: `cohort cycle through "${next}"`, severity: 'error' });
        break;
      }
      seen.add(next);
    }
  }
  return issues;
}

/** True when none of the issues is an error. */
export function manifestsValid(issues: readonly ManifestIssue[]): boolean {
  return issues.every((issue) => issue.severity !== 'error');
}

function record(defined: Map<string, Set<string>>, kind: string, name: string): void {
  const names = defined.get(kind) ?? new Set<string>();
  names.add(name);
  defined.set(kind, names);
}

function forEachFlavor(groups: unknown, visit: (flavor: string, path: (string | number)[]) => void): void {
  if (!Array.isArray(groups)) return;
  (groups as Loose[]).forEach((group, groupIndex) => {
    ((group['flavors'] ?? []) as Loose[]).forEach((flavor, flavorIndex) => visit(String(flavor['name']), ['spec', 'resourceGroups', groupIndex, 'flavors', flavorIndex, 'name']));
  });
}

/** Parses a multi-document YAML stream; YAML syntax errors come back as issues. Empty documents are skipped. */
export function parseManifestYaml(text: string): { documents: unknown[]; issues: ManifestIssue[] } {
  const documents: unknown[] = [];
  const issues: ManifestIssue[] = [];
  parseAllDocuments(text, { uniqueKeys: true }).forEach((document, index) => {
    if (document.errors.length > 0) {
      for (const error of document.errors) issues.push({ document: index, kind: '', name: '', path: '', message: `YAML syntax error: ${error.message.split('\n')[0]}`, severity: 'error' });
      return;
    }
    const value = document.toJS();
    if (value !== null && value !== undefined) documents.push(value);
  });
  return { documents, issues };
}
