import { parseAllDocuments } from 'yaml';
import { formatPath } from '../../../config/config-error.js';
import { inputIssues } from '../input/input-issues.js';
import { quantityValue } from './kueue-quantity.js';
import { SCHEMA_BY_KIND } from './kueue-schema.js';

/** One problem in a manifest set: which document, which object, which field. */
export interface ManifestIssue {
  /** 0-based position of the document in the set (or in the YAML stream). */
  document: number;
  kind: string;
  name: string;
  path: string;
  message: string;
}

export function formatManifestIssue(issue: ManifestIssue): string {
  const where = `document ${issue.document + 1} (${issue.kind || '?'}/${issue.name || '?'})`;
  return `${where}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`;
}

export interface ValidateOptions {
  /** Check that referenced ResourceFlavors and ClusterQueues are in the set (default true). */
  references?: boolean;
}

type Loose = Record<string, unknown>;

/**
 * Validates Kueue v1beta2 (and v1 Namespace) manifests against jaju's transcription of the API types,
 * plus the rules Kueue's CEL validations and webhooks enforce across fields and objects: limits only
 * inside a cohort, lendingLimit ≤ nominalQuota, each flavor and resource in one resource group, at most
 * 256 flavors, references that resolve, no cohort cycles. Returns every problem; empty means valid.
 */
export function validateKueueManifests(documents: readonly unknown[], options: ValidateOptions = {}): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const identities = new Map<string, number>();
  const flavorNames = new Set<string>();
  const clusterQueueNames = new Set<string>();
  const cohortParents = new Map<string, { parent: string; document: number }>();
  const references: { document: number; kind: string; name: string; path: string; target: 'ResourceFlavor' | 'ClusterQueue'; value: string }[] = [];

  documents.forEach((document, index) => {
    const object = (typeof document === 'object' && document !== null && !Array.isArray(document) ? document : {}) as Loose;
    const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
    const metadata = (object['metadata'] ?? {}) as Loose;
    const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
    const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : '';
    const add = (path: string, message: string) => issues.push({ document: index, kind, name, path, message });

    if (object !== document) {
      add('', 'expected a Kubernetes object (a mapping)');
      return;
    }
    const schema = SCHEMA_BY_KIND[kind as keyof typeof SCHEMA_BY_KIND];
    if (schema === undefined) {
      add('kind', `unsupported kind "${kind}" (expected one of ${Object.keys(SCHEMA_BY_KIND).join(', ')})`);
      return;
    }
    // Known names are recorded even for an invalid object, so one bad field is not also reported as a dangling reference.
    if (kind === 'ResourceFlavor') flavorNames.add(name);
    if (kind === 'ClusterQueue') clusterQueueNames.add(name);
    const result = schema.safeParse(object, { reportInput: true });
    if (!result.success) {
      for (const issue of inputIssues(result.error.issues)) add(issue.path, issue.message);
      return;
    }
    const identity = `${kind}/${namespace}/${name}`;
    if (identities.has(identity)) add('metadata.name', `duplicate ${kind} "${name}" (also document ${identities.get(identity)! + 1})`);
    identities.set(identity, index);

    const spec = (object['spec'] ?? {}) as Loose;
    if (kind === 'ClusterQueue') {
      const inCohort = typeof spec['cohortName'] === 'string' && spec['cohortName'] !== '';
      checkResourceGroups(spec['resourceGroups'], inCohort, 'borrowingLimit must be nil when cohort is empty', add);
      forEachFlavor(spec['resourceGroups'], (flavor, path) => references.push({ document: index, kind, name, path, target: 'ResourceFlavor', value: flavor }));
    }
    if (kind === 'Cohort') {
      const parent = typeof spec['parentName'] === 'string' && spec['parentName'] !== '' ? spec['parentName'] : null;
      checkResourceGroups(spec['resourceGroups'], parent !== null, 'borrowing and lending limits must only be set when the Cohort has a parent', add);
      forEachFlavor(spec['resourceGroups'], (flavor, path) => references.push({ document: index, kind, name, path, target: 'ResourceFlavor', value: flavor }));
      if (parent !== null) cohortParents.set(name, { parent, document: index });
    }
    if (kind === 'LocalQueue') {
      references.push({ document: index, kind, name, path: 'spec.clusterQueue', target: 'ClusterQueue', value: String(spec['clusterQueue']) });
    }
  });

  if (options.references ?? true) {
    for (const reference of references) {
      const known = reference.target === 'ResourceFlavor' ? flavorNames : clusterQueueNames;
      if (!known.has(reference.value)) {
        issues.push({ ...reference, message: `${reference.target} "${reference.value}" is not defined in this set` });
      }
    }
  }
  for (const [cohort, { document }] of cohortParents) {
    const seen = new Set<string>([cohort]);
    for (let next = cohortParents.get(cohort)?.parent; next !== undefined; next = cohortParents.get(next)?.parent) {
      if (seen.has(next)) {
        issues.push({ document, kind: 'Cohort', name: cohort, path: 'spec.parentName', message: `cohort cycle through "${next}"` });
        break;
      }
      seen.add(next);
    }
  }
  return issues;
}

function forEachFlavor(groups: unknown, visit: (flavor: string, path: string) => void): void {
  if (!Array.isArray(groups)) return;
  groups.forEach((group: Loose, groupIndex) => {
    const flavors = Array.isArray(group['flavors']) ? (group['flavors'] as Loose[]) : [];
    flavors.forEach((flavor, flavorIndex) => visit(String(flavor['name']), formatPath(['spec', 'resourceGroups', groupIndex, 'flavors', flavorIndex, 'name'])));
  });
}

/** Rules across the resource groups of one ClusterQueue or Cohort. */
function checkResourceGroups(groups: unknown, limitsAllowed: boolean, limitMessage: string, add: (path: string, message: string) => void): void {
  if (!Array.isArray(groups)) return;
  const flavorGroup = new Map<string, number>();
  const resourceGroup = new Map<string, number>();
  let flavorCount = 0;
  groups.forEach((group: Loose, groupIndex) => {
    const covered = group['coveredResources'] as string[];
    covered.forEach((resource, resourceIndex) => {
      if (resourceGroup.has(resource) && resourceGroup.get(resource) !== groupIndex) {
        add(formatPath(['spec', 'resourceGroups', groupIndex, 'coveredResources', resourceIndex]), `resource "${resource}" is already covered by resourceGroups[${resourceGroup.get(resource)}]`);
      }
      resourceGroup.set(resource, groupIndex);
    });
    (group['flavors'] as Loose[]).forEach((flavor, flavorIndex) => {
      flavorCount++;
      const flavorName = String(flavor['name']);
      const flavorPath = ['spec', 'resourceGroups', groupIndex, 'flavors', flavorIndex];
      if (flavorGroup.has(flavorName)) add(formatPath([...flavorPath, 'name']), `flavor "${flavorName}" appears twice (each flavor may be in one resource group, once)`);
      flavorGroup.set(flavorName, groupIndex);
      (flavor['resources'] as Loose[]).forEach((resource, resourceIndex) => {
        const path = [...flavorPath, 'resources', resourceIndex];
        for (const limit of ['borrowingLimit', 'lendingLimit'] as const) {
          if (resource[limit] !== undefined && !limitsAllowed) add(formatPath([...path, limit]), limit === 'borrowingLimit' ? limitMessage : limitMessage.replace('borrowingLimit', 'lendingLimit'));
        }
        if (resource['lendingLimit'] !== undefined && quantityValue(resource['lendingLimit']) > quantityValue(resource['nominalQuota'])) {
          add(formatPath([...path, 'lendingLimit']), 'must be less than or equal to the nominalQuota');
        }
      });
    });
  });
  if (flavorCount > 256) add('spec.resourceGroups', `${flavorCount} flavors in all; Kueue allows at most 256 across all resource groups`);
}

/** Parses a multi-document YAML stream; YAML syntax errors come back as issues. Empty documents are skipped. */
export function parseManifestYaml(text: string): { documents: unknown[]; issues: ManifestIssue[] } {
  const documents: unknown[] = [];
  const issues: ManifestIssue[] = [];
  parseAllDocuments(text, { uniqueKeys: true }).forEach((document, index) => {
    if (document.errors.length > 0) {
      for (const error of document.errors) issues.push({ document: index, kind: '', name: '', path: '', message: `YAML syntax error: ${error.message.split('\n')[0]}` });
      return;
    }
    const value = document.toJS();
    if (value !== null && value !== undefined) documents.push(value);
  });
  return { documents, issues };
}
