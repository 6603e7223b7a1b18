import { createHash } from 'node:crypto';
import { gridIntensity } from '../../sustain/grid-intensity.js';
import type { Application, GpuPool, Policy, Site, Tier } from '../model.js';
import { applicationsFileSchema, type ApplicationFileEntry } from './application-schema.js';
import { inputError, inputIssues, type ConfigIssue } from './input-issues.js';
import { policyFileSchema } from './policy-schema.js';
import { sitesFileSchema } from './site-schema.js';

/** Validates a sites file's data (`{ sites: [...] }`). Throws ConfigError naming every bad path. */
export function parseSites(raw: unknown, source: string | null = null): Site[] {
  const result = sitesFileSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!result.success) throw inputError(source, inputIssues(result.error.issues));
  return result.data.sites.map((site) => ({
    id: site.id,
    name: site.name ?? site.id,
    region: site.region,
    operator: site.operator,
    ownership: site.ownership,
    scheduler: site.scheduler,
    powerBudgetW: site.powerBudgetMW * 1e6,
    pue: site.pue,
    gridKgCo2PerKwh: site.gridKgCo2PerKwh ?? gridIntensity(site.country),
    accreditedGrades: [...new Set(site.accreditedGrades)],
    gpus: site.gpus.map(({ slurmGres, ...pool }): GpuPool => ({ ...pool, slurmGres: gresOf(pool.type, pool.resource, slurmGres) })),
  }));
}

/** GRES gpu for a `…/gpu` resource, npu for any other accelerator (NPUs are their own GRES); type from the accelerator. */
export function gresOf(type: string, resource: string, written: string | undefined): { name: string; type: string } {
  if (written !== undefined) {
    const [name, gresType] = written.split(':') as [string, string];
    return { name, type: gresType };
  }
  return { name: /\/gpu$/.test(resource) ? 'gpu' : 'npu', type: type.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') };
}

/** Validates a policy file's data. Throws ConfigError naming every bad path. */
export function parsePolicy(raw: unknown, source: string | null = null): Policy {
  const result = policyFileSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!result.success) throw inputError(source, inputIssues(result.error.issues));
  const policy = result.data;
  const count = policy.tiers.length;
  const tiers: Tier[] = policy.tiers.map((tier, index) => ({
    id: tier.id,
    name: tier.name ?? tier.id,
    pool: tier.pool,
    reserve: tier.reserve,
    hardReserve: tier.hardReserve,
    priority: tier.priority ?? 1000 * (count - index),
    maxBorrowShare: tier.maxBorrowShare ?? null,
    fairSharingWeight: tier.fairSharingWeight ?? count - index,
    preemption: tier.preemption,
    queueingStrategy: tier.queueingStrategy,
  }));
  return {
    periodHours: policy.periodHours,
    tiers,
    split: { public: policy.split.public, private: policy.split.private },
    organisationCap: {
      maxShare: policy.organisationCap.maxShare ?? null,
      maxGpus: policy.organisationCap.maxGpus ?? null,
      exemptTiers: policy.organisationCap.exemptTiers,
    },
    preferredRegions: policy.regionalPreference.preferredRegions,
    weighting: policy.weighting,
    kueue: policy.kueue,
  };
}

/**
 * Validates applications against their schema and against the policy (known tier, request within the
 * period). `lines` maps each application to its CSV line, so CSV errors say where to look.
 */
export function parseApplications(raw: unknown, policy: Policy, source: string | null = null, lines?: number[]): Application[] {
  const result = applicationsFileSchema.safeParse(raw ?? {}, { reportInput: true });
  const where = (index: number) => (lines?.[index] === undefined ? '' : ` (line ${lines[index]})`);
  if (!result.success) {
    const issues = inputIssues(result.error.issues).map((issue) => {
      const match = /^applications\[(\d+)\]/.exec(issue.path);
      return match ? { ...issue, message: issue.message + where(Number(match[1])) } : issue;
    });
    throw inputError(source, issues);
  }
  const tierIds = new Set(policy.tiers.map((tier) => tier.id));
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  const applications = result.data.applications.map((entry, index) => {
    const path = `applications[${index}]`;
    if (seen.has(entry.id)) issues.push({ path: `${path}.id`, message: `duplicate application id "${entry.id}"${where(index)}` });
    seen.add(entry.id);
    if (!tierIds.has(entry.tier)) {
      issues.push({ path: `${path}.tier`, message: `unknown tier "${entry.tier}" (the policy has ${[...tierIds].join(', ')})${where(index)}` });
    }
    const application = normaliseApplication(entry, policy.periodHours);
    if (application.hours > policy.periodHours + 1e-9) {
      const field = entry.hours !== undefined ? 'hours' : 'gpuHours';
      issues.push({
        path: `${path}.${field}`,
        message: `asks for ${round(application.hours)} hours, longer than the allocation period of ${policy.periodHours} hours${where(index)}`,
      });
    }
    if (application.minGpus > application.gpus) {
      issues.push({ path: `${path}.minGpus`, message: `exceeds the request (${application.gpus} GPUs from gpuHours)${where(index)}` });
    }
    return application;
  });
  if (issues.length > 0) throw inputError(source, issues);
  return applications;
}

function normaliseApplication(entry: ApplicationFileEntry, periodHours: number): Application {
  let gpus: number;
  let hours: number;
  if (entry.gpus !== undefined) {
    gpus = entry.gpus;
    hours = entry.hours ?? (entry.gpuHours !== undefined ? entry.gpuHours / entry.gpus : periodHours);
  } else {
    // A bare GPU-hour budget is spread over the whole period: the fewest GPUs that deliver it in time.
    const budget = entry.gpuHours ?? 0;
    gpus = Math.max(1, Math.ceil(budget / periodHours - 1e-9));
    hours = budget / gpus;
  }
  return {
    id: entry.id,
    title: entry.title ?? entry.id,
    organisation: entry.organisation,
    namespace: entry.namespace ?? organisationNamespace(entry.organisation),
    region: entry.region,
    sector: entry.sector,
    tier: entry.tier,
    gpuType: entry.gpuType,
    gpus,
    hours,
    minGpus: entry.minGpus,
    dataGrade: entry.dataGrade,
    koreanCulture: entry.koreanCulture,
    evaluationScore: entry.evaluationScore ?? null,
    users: [...new Set(entry.users)],
  };
}

/** `org-<slug>` from an organisation's name; names with no Latin letters or digits get a stable hash. */
export function organisationNamespace(organisation: string): string {
  const slug = organisation
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (slug !== '') return `org-${slug}`;
  return `org-${createHash('sha256').update(organisation).digest('hex').slice(0, 12)}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
