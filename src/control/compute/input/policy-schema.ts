import { z } from 'zod';
import { POOLS, PREEMPTION_POLICIES, QUEUEING_STRATEGIES, WITHIN_QUEUE_POLICIES } from '../model.js';
import { dnsLabel, share } from './common-schemas.js';

const tierSchema = z.strictObject({
  id: dnsLabel,
  name: z.string().min(1).optional(),
  pool: z.enum(POOLS),
  reserve: share.default(0),
  hardReserve: z.boolean().default(false),
  /** Defaults to 1000 × (number of tiers − position): the first tier highest. */
  priority: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1).optional(),
  maxBorrowShare: share.optional(),
  /** Kueue fair-sharing weight of the tier's ClusterQueue; defaults to (number of tiers − position). */
  fairSharingWeight: z.number().min(0).max(1000).optional(),
  preemption: z
    .strictObject({
      reclaimWithinCohort: z.enum(PREEMPTION_POLICIES).default('Any'),
      withinClusterQueue: z.enum(WITHIN_QUEUE_POLICIES).default('LowerPriority'),
    })
    .default({ reclaimWithinCohort: 'Any', withinClusterQueue: 'LowerPriority' }),
  queueingStrategy: z.enum(QUEUEING_STRATEGIES).default('BestEffortFIFO'),
});

export const policyFileSchema = z
  .strictObject({
    /** One call round; 4,380 h is six months. */
    periodHours: z.number().positive().max(87_600).default(8760),
    tiers: z.array(tierSchema).min(1),
    split: z.strictObject({ public: share.default(0), private: share.default(0) }).default({ public: 0, private: 0 }),
    organisationCap: z
      .strictObject({
        maxShare: share.optional(),
        maxGpus: z.number().int().min(1).optional(),
        exemptTiers: z.array(z.string().min(1)).default([]),
      })
      .default({ exemptTiers: [] }),
    regionalPreference: z.strictObject({ preferredRegions: z.array(z.string().min(1)).default([]) }).default({ preferredRegions: [] }),
    weighting: z
      .strictObject({
        useEvaluationScore: z.boolean().default(true),
        defaultScore: z.number().min(1).max(100).default(50),
        koreanCultureBonus: z.number().min(0.01).max(100).default(1),
        sectorBonus: z.record(z.string(), z.number().min(0.01).max(100)).default({}),
      })
      .default({ useEvaluationScore: true, defaultScore: 50, koreanCultureBonus: 1, sectorBonus: {} }),
    kueue: z
      .strictObject({ rootCohort: dnsLabel.default('national-gpu-pool'), tierLabelPrefix: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/).default('tier.jaju.io') })
      .default({ rootCohort: 'national-gpu-pool', tierLabelPrefix: 'tier.jaju.io' }),
  })
  .superRefine((policy, context) => {
    const ids = new Set<string>();
    policy.tiers.forEach((tier, index) => {
      if (ids.has(tier.id)) context.addIssue({ code: 'custom', path: ['tiers', index, 'id'], message: `duplicate tier id "${tier.id}"` });
      ids.add(tier.id);
    });
    const reserves = policy.tiers.reduce((sum, tier) => sum + tier.reserve, 0);
    if (reserves > 1 + 1e-9) {
      context.addIssue({ code: 'custom', path: ['tiers'], message: `reserves add up to ${round(reserves)}, more than the whole capacity (1)` });
    }
    if (policy.split.public + policy.split.private > 1 + 1e-9) {
      context.addIssue({ code: 'custom', path: ['split'], message: `public + private add up to ${round(policy.split.public + policy.split.private)}, more than 1` });
    }
    // Reserves and pool guarantees overlap: a pool's guarantee is covered by its own tiers' reserves first.
    const protectedShare = POOLS.reduce((sum, pool) => {
      const poolReserves = policy.tiers.filter((tier) => tier.pool === pool).reduce((total, tier) => total + tier.reserve, 0);
      return sum + Math.max(policy.split[pool], poolReserves);
    }, 0);
    if (protectedShare > 1 + 1e-9) {
      context.addIssue({
        code: 'custom',
        path: ['split'],
        message: `each pool's guarantee plus the other pool's tier reserves exceed the capacity (${round(protectedShare)} > 1)`,
      });
    }
    policy.organisationCap.exemptTiers.forEach((tier, index) => {
      if (!ids.has(tier)) context.addIssue({ code: 'custom', path: ['organisationCap', 'exemptTiers', index], message: `unknown tier "${tier}"` });
    });
  });

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export type PolicyFileEntry = z.output<typeof policyFileSchema>;
