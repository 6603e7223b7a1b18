/**
 * The shapes of the Kueue v1beta2 objects jaju writes (a subset of the API). These are TypeScript
 * types only: what a cluster accepts is decided by the vendored CRDs (validate-manifests.ts).
 */

type Quantity = number | string;

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface ResourceQuota {
  name: string;
  nominalQuota: Quantity;
  borrowingLimit?: Quantity;
  lendingLimit?: Quantity;
}

export interface ResourceGroup {
  coveredResources: string[];
  flavors: { name: string; resources: ResourceQuota[] }[];
}

export interface ResourceFlavor {
  apiVersion: string;
  kind: 'ResourceFlavor';
  metadata: ObjectMeta;
  spec: {
    nodeLabels?: Record<string, string>;
    nodeTaints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
    tolerations?: { key?: string; operator?: 'Equal' | 'Exists'; value?: string; effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  };
}

export interface Cohort {
  apiVersion: string;
  kind: 'Cohort';
  metadata: ObjectMeta;
  spec?: { parentName?: string; resourceGroups?: ResourceGroup[]; fairSharing?: { weight: Quantity } };
}

export interface ClusterQueue {
  apiVersion: string;
  kind: 'ClusterQueue';
  metadata: ObjectMeta;
  spec: {
    cohortName?: string;
    namespaceSelector?: { matchLabels?: Record<string, string> };
    queueingStrategy?: 'StrictFIFO' | 'BestEffortFIFO';
    resourceGroups?: ResourceGroup[];
    preemption?: { reclaimWithinCohort?: string; withinClusterQueue?: string };
    fairSharing?: { weight: Quantity };
    admissionScope?: { admissionMode: 'UsageBasedAdmissionFairSharing' | 'NoAdmissionFairSharing' };
  };
}

export interface LocalQueue {
  apiVersion: string;
  kind: 'LocalQueue';
  metadata: ObjectMeta & { namespace: string };
  spec: { clusterQueue: string; fairSharing?: { weight: Quantity } };
}

export interface WorkloadPriorityClass {
  apiVersion: string;
  kind: 'WorkloadPriorityClass';
  metadata: ObjectMeta;
  value: number;
  description?: string;
}

export interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
}

export type KueueManifest = ClusterQueue | ResourceFlavor | Cohort | LocalQueue | WorkloadPriorityClass | Namespace;
