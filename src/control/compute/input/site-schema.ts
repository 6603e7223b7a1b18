import { z } from 'zod';
import { GRADES } from '../../../domain/grade.js';
import { POOLS, SCHEDULERS } from '../model.js';
import { dnsLabel, gpuTypeName, labelValue, qualifiedName } from './common-schemas.js';

/** One accelerator pool of a site, as written in the sites file. */
export const gpuPoolSchema = z.strictObject({
  type: gpuTypeName,
  count: z.number().int().min(0),
  /** Watts per accelerator: the TDP, or better the accelerator's share of its server's draw. */
  watts: z.number().positive().max(20_000),
  resource: qualifiedName.default('nvidia.com/gpu'),
  nodeLabels: z.record(qualifiedName, labelValue).default({}),
  /** Slurm GRES as `name:type` (default: gpu:<type> for …/gpu resources, npu:<type> otherwise). */
  slurmGres: z.string().regex(/^[a-z][a-z0-9_]*:[a-z0-9_]+$/, 'expected a Slurm GRES name and type such as "gpu:h100" or "npu:rngd"').optional(),
});

export const siteSchema = z.strictObject({
  id: dnsLabel.refine((id) => id.length <= 40, 'site ids are at most 40 characters (they become part of Kueue flavor names)'),
  name: z.string().min(1).optional(),
  region: z.string().min(1),
  operator: z.string().min(1),
  ownership: z.enum(POOLS),
  scheduler: z.enum(SCHEDULERS).default('kueue'),
  powerBudgetMW: z.number().positive().max(10_000),
  pue: z.number().min(1).max(4),
  /** Grid carbon intensity; defaults to the official figure for `country`. */
  gridKgCo2PerKwh: z.number().min(0).max(2).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "KR"').default('KR'),
  /** Grades beyond O the site may process (O is allowed everywhere): e.g. [C, S] for a national-network enclave. */
  accreditedGrades: z.array(z.enum(GRADES)).default([]),
  gpus: z.array(gpuPoolSchema).min(1),
});

export type SiteFileEntry = z.output<typeof siteSchema>;

export const sitesFileSchema = z.strictObject({ sites: z.array(siteSchema).min(1) }).superRefine((file, context) => {
  const seen = new Set<string>();
  // One extended resource per accelerator type: Kueue quotas of a type live in one resource group.
  const resourceOfType = new Map<string, { resource: string; site: string }>();
  file.sites.forEach((site, index) => {
    if (seen.has(site.id)) context.addIssue({ code: 'custom', path: ['sites', index, 'id'], message: `duplicate site id "${site.id}"` });
    seen.add(site.id);
    const types = new Set<string>();
    site.gpus.forEach((pool, poolIndex) => {
      const key = pool.type.toLowerCase();
      if (types.has(key)) {
        context.addIssue({ code: 'custom', path: ['sites', index, 'gpus', poolIndex, 'type'], message: `"${pool.type}" is listed twice at this site` });
      }
      types.add(key);
      const first = resourceOfType.get(key);
      if (first === undefined) resourceOfType.set(key, { resource: pool.resource, site: site.id });
      else if (first.resource !== pool.resource) {
        context.addIssue({
          code: 'custom',
          path: ['sites', index, 'gpus', poolIndex, 'resource'],
          message: `"${pool.type}" is "${first.resource}" at site ${first.site}; one accelerator type uses one resource name everywhere`,
        });
      }
    });
  });
});
