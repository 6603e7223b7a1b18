import { z } from 'zod';
import { parseCutScope, type CutScope } from '../../domain/index.js';

/**
 * A drill scenario file (YAML): what is cut, optionally how much the remaining targets can carry.
 * Strict like the config: an unknown key is an error naming its path, because a misspelt
 * `capactiy` must never silently mean "unlimited".
 */

const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected an identifier of letters, digits, ".", "_" or "-" (max 64)');

/** Reuses the admin API's parser, so a scenario cut and a live cut accept exactly the same scopes. */
const cutSchema = z.unknown().transform((value, context): CutScope => {
  const parsed = parseCutScope(value);
  if (typeof parsed === 'string') {
    context.addIssue({ code: 'custom', message: parsed, input: value });
    return z.NEVER;
  }
  const extra = Object.keys(value as object).filter((key) => !['provider', 'jurisdiction', 'deployment'].includes(key));
  if (extra.length > 0) {
    context.addIssue({ code: 'custom', message: `unknown key "${extra[0]}" (a cut has exactly one of provider, jurisdiction, deployment)`, input: value });
    return z.NEVER;
  }
  return parsed;
});

const capacitySchema = z
  .strictObject({
    provider: identifier,
    /** Requests per second the provider can carry (all its models and aliases together); 0 takes nothing. */
    rps: z.number().min(0).optional(),
    /** A share of the provider's own busiest second in the baseline (1 = what it carries today). */
    baselineShare: z.number().min(0).optional(),
    /** A share of the whole workload's busiest second (for standby targets that carry nothing today). */
    workloadShare: z.number().min(0).optional(),
  })
  .refine((limit) => [limit.rps, limit.baselineShare, limit.workloadShare].filter((value) => value !== undefined).length === 1, {
    message: 'expected exactly one of rps, baselineShare, workloadShare',
  });

export const scenarioSchema = z
  .strictObject({
    /** Key of the scenario's saved continuity result; defaults to the file name. */
    name: identifier.optional(),
    title: z.string().min(1).max(200),
    description: z.string().default(''),
    cuts: z.array(cutSchema).default([]),
    capacity: z.array(capacitySchema).default([]),
    /** Replay with the crisis flag set (policies see context.crisis). */
    crisis: z.boolean().default(false),
    /** Continuity score basis: requests weighted by app criticality (default), or plain request counts. */
    weighting: z.enum(['criticality', 'requests']).default('criticality'),
    /** Ignore the providers' capacityRps in the config (capacity then comes from this file only). */
    ignoreConfigCapacity: z.boolean().default(false),
  })
  .refine((scenario) => scenario.cuts.length > 0 || scenario.capacity.length > 0, {
    message: 'a scenario needs at least one cut or one capacity limit',
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type CapacityLimit = z.output<typeof capacitySchema>;

/** A validated scenario; `name` is always set (from the file name when the file has none). */
export type Scenario = Omit<z.output<typeof scenarioSchema>, 'name'> & { name: string; file: string | null };
