import { z } from 'zod';
import { isLabelValue, isQualifiedName } from '../input/common-schemas.js';
import { isQuantity, quantityValue } from './kueue-quantity.js';

/**
 * The Kueue v1beta2 API types jaju writes (kueue.x-k8s.io/v1beta2, Kueue ≥ 0.15; the storage version from
 * 0.16), transcribed as zod schemas from apis/kueue/v1beta2/*_types.go: field names, enums, list limits
 * and the CEL / webhook rules that apply to them. Objects are strict, so a v1beta1 spelling such as
 * `spec.cohort` or a flat `spec.admissionChecks` is an error rather than a silently pruned field.
 */

export const KUEUE_API_VERSION = 'kueue.x-k8s.io/v1beta2';

const dnsSubdomain = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'expected a DNS subdomain name (RFC 1123): lower-case a–z, 0–9, "-" and "."');
const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a DNS label (RFC 1123): lower-case a–z, 0–9 and "-", at most 63');
const qualifiedName = z.string().refine(isQualifiedName, 'expected a Kubernetes qualified name such as "nvidia.com/gpu"');
const labels = z.record(qualifiedName, z.string().refine(isLabelValue, 'expected a label value: at most 63 letters, digits, "-", "_", "."'));
const int32 = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);

const quantity = z.union([z.number(), z.string()]).refine(isQuantity, 'expected a Kubernetes quantity such as 512 or "0.5"');
const nonNegativeQuantity = quantity.refine((value) => quantityValue(value) >= 0, 'must be non-negative');

const clusterMetadata = z.strictObject({
  name: dnsSubdomain,
  labels: labels.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
const namespacedMetadata = clusterMetadata.extend({ namespace: dnsLabel });

const fairSharing = z.strictObject({
  weight: nonNegativeQuantity
    .refine((value) => {
      const weight = quantityValue(value);
      return weight === 0 || weight > 1e-9;
    }, 'when not 0, weight must be greater than 10^-9')
    .optional(),
});

const resourceQuota = z.strictObject({
  name: qualifiedName,
  nominalQuota: nonNegativeQuantity,
  borrowingLimit: nonNegativeQuantity.optional(),
  lendingLimit: nonNegativeQuantity.optional(),
});

const flavorQuotas = z.strictObject({
  name: dnsSubdomain,
  resources: z.array(resourceQuota).min(1).max(64),
});

export const resourceGroupSchema = z
  .strictObject({
    coveredResources: z.array(qualifiedName).min(1).max(64),
    flavors: z.array(flavorQuotas).min(1).max(64),
  })
  .superRefine((group, context) => {
    group.flavors.forEach((flavor, index) => {
      const names = flavor.resources.map((resource) => resource.name);
      if (names.length !== group.coveredResources.length || names.some((name, position) => name !== group.coveredResources[position])) {
        context.addIssue({
          code: 'custom',
          path: ['flavors', index, 'resources'],
          message: `must list the covered resources in the same order (${group.coveredResources.join(', ')})`,
        });
      }
    });
  });

const labelSelector = z.strictObject({
  matchLabels: labels.optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: qualifiedName,
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

const preemption = z
  .strictObject({
    reclaimWithinCohort: z.enum(['Never', 'LowerPriority', 'Any']).optional(),
    withinClusterQueue: z.enum(['Never', 'LowerPriority', 'LowerOrNewerEqualPriority']).optional(),
    borrowWithinCohort: z
      .strictObject({ policy: z.enum(['Never', 'LowerPriority']).optional(), maxPriorityThreshold: int32.optional() })
      .optional(),
  })
  .refine(
    (value) => !((value.reclaimWithinCohort ?? 'Never') === 'Never' && (value.borrowWithinCohort?.policy ?? 'Never') !== 'Never'),
    { message: 'reclaimWithinCohort=Never and borrowWithinCohort.policy!=Never', path: ['borrowWithinCohort', 'policy'] },
  );

const stopPolicy = z.enum(['None', 'Hold', 'HoldAndDrain']);

const clusterQueueSpec = z.strictObject({
  resourceGroups: z.array(resourceGroupSchema).max(16).optional(),
  cohortName: dnsSubdomain.optional(),
  queueingStrategy: z.enum(['StrictFIFO', 'BestEffortFIFO']).optional(),
  namespaceSelector: labelSelector.optional(),
  flavorFungibility: z
    .strictObject({
      whenCanBorrow: z.enum(['MayStopSearch', 'TryNextFlavor']).optional(),
      whenCanPreempt: z.enum(['MayStopSearch', 'TryNextFlavor']).optional(),
      preference: z.enum(['BorrowingOverPreemption', 'PreemptionOverBorrowing']).optional(),
    })
    .optional(),
  preemption: preemption.optional(),
  admissionChecksStrategy: z
    .strictObject({
      admissionChecks: z.array(z.strictObject({ name: dnsSubdomain, onFlavors: z.array(dnsSubdomain).max(64).optional() })).min(1).max(64),
    })
    .optional(),
  stopPolicy: stopPolicy.optional(),
  fairSharing: fairSharing.optional(),
  admissionScope: z.strictObject({ admissionMode: z.enum(['UsageBasedAdmissionFairSharing', 'NoAdmissionFairSharing']) }).optional(),
});

export const clusterQueueSchema = z.strictObject({
  apiVersion: z.literal(KUEUE_API_VERSION),
  kind: z.literal('ClusterQueue'),
  metadata: clusterMetadata,
  spec: clusterQueueSpec.optional(),
});

const taint = z.strictObject({
  key: qualifiedName,
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});
const toleration = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.number().int().optional(),
});

export const resourceFlavorSchema = z.strictObject({
  apiVersion: z.literal(KUEUE_API_VERSION),
  kind: z.literal('ResourceFlavor'),
  metadata: clusterMetadata,
  spec: z
    .strictObject({
      nodeLabels: labels.refine((value) => Object.keys(value).length <= 8, 'at most 8 node labels').optional(),
      nodeTaints: z.array(taint).max(8).optional(),
      tolerations: z.array(toleration).max(8).optional(),
      topologyName: dnsSubdomain.optional(),
    })
    .refine((spec) => spec.topologyName === undefined || Object.keys(spec.nodeLabels ?? {}).length >= 1, {
      message: 'at least one nodeLabel is required when topology is set',
      path: ['nodeLabels'],
    })
    .optional(),
});

export const cohortSchema = z.strictObject({
  apiVersion: z.literal(KUEUE_API_VERSION),
  kind: z.literal('Cohort'),
  metadata: clusterMetadata,
  spec: z
    .strictObject({
      parentName: dnsSubdomain.optional(),
      resourceGroups: z.array(resourceGroupSchema).max(16).optional(),
      fairSharing: fairSharing.optional(),
    })
    .optional(),
});

export const localQueueSchema = z.strictObject({
  apiVersion: z.literal(KUEUE_API_VERSION),
  kind: z.literal('LocalQueue'),
  metadata: namespacedMetadata,
  spec: z.strictObject({
    clusterQueue: dnsSubdomain,
    stopPolicy: stopPolicy.optional(),
    fairSharing: fairSharing.optional(),
  }),
});

/** Cluster-scoped, with top-level `value` and `description` (no spec). */
export const workloadPriorityClassSchema = z.strictObject({
  apiVersion: z.literal(KUEUE_API_VERSION),
  kind: z.literal('WorkloadPriorityClass'),
  metadata: clusterMetadata,
  value: int32,
  description: z.string().max(2048).optional(),
});

/** Core v1 Namespace, for the organisation namespaces that hold LocalQueues. */
export const namespaceSchema = z.strictObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Namespace'),
  metadata: z.strictObject({ name: dnsLabel, labels: labels.optional(), annotations: z.record(z.string(), z.string()).optional() }),
});

export type ClusterQueue = z.input<typeof clusterQueueSchema>;
export type ResourceFlavor = z.input<typeof resourceFlavorSchema>;
export type Cohort = z.input<typeof cohortSchema>;
export type LocalQueue = z.input<typeof localQueueSchema>;
export type WorkloadPriorityClass = z.input<typeof workloadPriorityClassSchema>;
export type Namespace = z.input<typeof namespaceSchema>;
export type ResourceGroup = z.input<typeof resourceGroupSchema>;
export type KueueManifest = ClusterQueue | ResourceFlavor | Cohort | LocalQueue | WorkloadPriorityClass | Namespace;

export const SCHEMA_BY_KIND = {
  ClusterQueue: clusterQueueSchema,
  ResourceFlavor: resourceFlavorSchema,
  Cohort: cohortSchema,
  LocalQueue: localQueueSchema,
  WorkloadPriorityClass: workloadPriorityClassSchema,
  Namespace: namespaceSchema,
} as const;
