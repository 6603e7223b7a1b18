import { z } from 'zod';
import { gpuPoolSchema, siteSchema } from '../input/site-schema.js';
import { dnsLabel, gpuTypeName } from '../input/common-schemas.js';

/**
 * A multi-year plan: the base inputs (paths relative to the scenario file), GPU arrivals and power
 * additions per year, retirements, and yearly demand growth per tier.
 */
export const scenarioSchema = z
  .strictObject({
    startYear: z.number().int().min(2000).max(2100),
    years: z.number().int().min(1).max(20),
    sites: z.string().min(1),
    applications: z.string().min(1),
    policy: z.string().min(1),
    /** Share of the year granted accelerators run (for energy and CO₂); 1 gives the upper bound. */
    utilisation: z.number().min(0).max(1).default(1),
    /** Yearly growth of every application's request, per tier (0.4 = +40 % a year). */
    demandGrowth: z.record(z.string(), z.number().min(-0.9).max(10)).default({}),
    defaultDemandGrowth: z.number().min(-0.9).max(10).default(0),
    arrivals: z
      .array(
        z.union([
          z.strictObject({
            year: z.number().int(),
            site: dnsLabel,
            gpus: z.array(gpuPoolSchema).default([]),
            powerMW: z.number().min(0).max(10_000).default(0),
          }),
          z.strictObject({ year: z.number().int(), newSite: siteSchema }),
        ]),
      )
      .default([]),
    retirements: z
      .array(z.strictObject({ year: z.number().int(), site: dnsLabel, type: gpuTypeName, count: z.number().int().min(1) }))
      .default([]),
  })
  .superRefine((scenario, context) => {
    const last = scenario.startYear + scenario.years - 1;
    const inRange = (year: number, path: (string | number)[]) => {
      if (year < scenario.startYear || year > last) context.addIssue({ code: 'custom', path, message: `year ${year} is outside the plan (${scenario.startYear}–${last})` });
    };
    scenario.arrivals.forEach((arrival, index) => inRange(arrival.year, ['arrivals', index, 'year']));
    scenario.retirements.forEach((retirement, index) => inRange(retirement.year, ['retirements', index, 'year']));
  });

export type ScenarioFile = z.output<typeof scenarioSchema>;
