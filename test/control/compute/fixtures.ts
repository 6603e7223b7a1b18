import fc from 'fast-check';
import type { AllocationInput } from '../../../src/control/compute/model.js';
import { parseApplications, parsePolicy, parseSites } from '../../../src/control/compute/input/parse-inputs.js';

/** Raw (file-shaped) inputs, validated through the real parsers so tests exercise the same path as files. */
export interface RawInput {
  sites: Record<string, unknown>[];
  applications: Record<string, unknown>[];
  policy: Record<string, unknown>;
}

export function build(raw: RawInput): AllocationInput {
  const policy = parsePolicy(raw.policy, 'policy');
  return { sites: parseSites({ sites: raw.sites }, 'sites'), applications: parseApplications({ applications: raw.applications }, policy, 'applications'), policy };
}

/** A one-site, one-type world: `count` accelerators of type H100 with unlimited power. */
export function site(id: string, count: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, region: 'Daejeon', operator: 'op', ownership: 'public', powerBudgetMW: 1000, pue: 1, gpus: [{ type: 'H100', count, watts: 700 }], ...extra };
}

export function application(id: string, tier: string, gpus: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, organisation: `org-${id}`, region: 'Seoul', sector: 'research', tier, gpuType: 'H100', gpus, ...extra };
}

export function tiers(...specs: (string | Record<string, unknown>)[]): Record<string, unknown>[] {
  return specs.map((spec) => (typeof spec === 'string' ? { id: spec, pool: 'public' } : { pool: 'public', ...spec }));
}

/** Scores off, so that every weight is 1 unless a test sets bonuses. */
export const EQUAL_WEIGHTS = { useEvaluationScore: false };

const TYPES = ['A100', 'B200'];
const ORGANISATIONS = ['kaist', 'snu', 'etri', 'naver'];
const REGIONS = ['Seoul', 'Busan', 'Daejeon'];

export interface ArbitraryOptions {
  /** Every application's minGpus is 1. */
  unitMinimum?: boolean;
  /** No organisation cap. */
  noCap?: boolean;
  /** Pool guarantees (split) are 0. */
  noSplit?: boolean;
}

/** Random but valid inputs: a few sites, tiers, organisations and up to 40 applications. */
export function arbitraryInput(options: ArbitraryOptions = {}): fc.Arbitrary<RawInput> {
  const pool = fc.record({ type: fc.constantFrom(...TYPES), count: fc.integer({ min: 0, max: 80 }), watts: fc.integer({ min: 100, max: 1200 }) });
  const siteArbitrary = fc.record({
    region: fc.constantFrom(...REGIONS),
    ownership: fc.constantFrom('public', 'private'),
    powerBudgetMW: fc.double({ min: 0.005, max: 0.12, noNaN: true }),
    pue: fc.double({ min: 1, max: 2, noNaN: true }),
    accreditedGrades: fc.subarray(['C', 'S']),
    gpus: fc.uniqueArray(pool, { minLength: 1, maxLength: 2, selector: (entry) => entry.type }),
  });
  const tierArbitrary = fc.record({
    pool: fc.constantFrom('public', 'private'),
    reserve: fc.constantFrom(0, 0.05, 0.1, 0.2),
    hardReserve: fc.boolean(),
  });
  const applicationArbitrary = fc
    .record({
      organisation: fc.constantFrom(...ORGANISATIONS),
      region: fc.constantFrom(...REGIONS),
      tier: fc.nat(),
      gpuType: fc.constantFrom(...TYPES, 'RNGD'),
      gpus: fc.integer({ min: 1, max: 60 }),
      minFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      dataGrade: fc.constantFrom('O', 'O', 'S', 'C'),
      koreanCulture: fc.boolean(),
      evaluationScore: fc.integer({ min: 0, max: 100 }),
    });
  return fc
    .record({
      sites: fc.array(siteArbitrary, { minLength: 1, maxLength: 4 }),
      tiers: fc.array(tierArbitrary, { minLength: 1, maxLength: 4 }),
      applications: fc.array(applicationArbitrary, { maxLength: 40 }),
      split: fc.record({ public: fc.constantFrom(0, 0.05, 0.1), private: fc.constantFrom(0, 0.05, 0.1) }),
      cap: fc.option(fc.constantFrom(0.1, 0.25, 0.5), { nil: null }),
      capExemptFirst: fc.boolean(),
      preferred: fc.subarray(REGIONS),
    })
    .map(({ sites, tiers: tierSpecs, applications, split, cap, capExemptFirst, preferred }): RawInput => {
      const tierIds = tierSpecs.map((_, index) => `tier-${index + 1}`);
      return {
        sites: sites.map((entry, index) => ({ id: `site-${index + 1}`, operator: 'op', ...entry })),
        policy: {
          periodHours: 1000,
          tiers: tierSpecs.map((spec, index) => ({ id: tierIds[index], ...spec })),
          split: options.noSplit ? { public: 0, private: 0 } : split,
          organisationCap: options.noCap || cap === null ? { exemptTiers: [] } : { maxShare: cap, exemptTiers: capExemptFirst ? [tierIds[0]] : [] },
          regionalPreference: { preferredRegions: preferred },
          weighting: { koreanCultureBonus: 1.5, sectorBonus: { finance: 1.25 } },
        },
        applications: applications.map(({ tier, minFraction, ...entry }, index) => ({
          id: `app-${String(index).padStart(3, '0')}`,
          sector: index % 3 === 0 ? 'finance' : 'research',
          tier: tierIds[tier % tierIds.length],
          minGpus: options.unitMinimum ? 1 : Math.max(1, Math.ceil(minFraction * entry.gpus)),
          hours: 100,
          ...entry,
        })),
      };
    });
}

/** fast-check settings: a fixed seed by default so CI is reproducible; FC_SEED explores others. */
export const PROPERTY_RUNS = { numRuns: Number(process.env['FC_RUNS'] ?? 150), seed: Number(process.env['FC_SEED'] ?? 20260301) };
