// A synthetic national programme for benchmarks: N sites and M applications, seeded and reproducible.
import { parseApplications, parsePolicy, parseSites } from '../../src/control/compute/input/parse-inputs.js';
import type { AllocationInput } from '../../src/control/compute/model.js';

function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = [
  { type: 'H100', watts: 700 },
  { type: 'H200', watts: 700 },
  { type: 'B200', watts: 1000 },
  { type: 'RNGD', watts: 150, resource: 'furiosa.ai/rngd' },
  { type: 'ATOM-Max', watts: 350, resource: 'rebellions.ai/ATOM' },
];
const REGIONS = ['Seoul', 'Gyeonggi', 'Incheon', 'Busan', 'Daegu', 'Gwangju', 'Daejeon', 'Ulsan', 'Sejong', 'Gangwon', 'Chungbuk', 'Chungnam', 'Jeonbuk', 'Jeonnam', 'Gyeongbuk', 'Gyeongnam', 'Jeju'];
const TIERS = ['national-security', 'sovereign-foundation', 'korean-culture-industry', 'research-academia', 'industry-startups'];

export function syntheticProgramme(siteCount: number, applicationCount: number, seed = 8): AllocationInput {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sites = Array.from({ length: siteCount }, (_, index) => {
    const types = [...TYPES].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3));
    const gpus = types.map((entry) => ({ ...entry, count: 256 * (1 + Math.floor(random() * 12)) }));
    const draw = gpus.reduce((sum, pool) => sum + pool.count * pool.watts, 0) * 1.35;
    return {
      id: `site-${String(index).padStart(2, '0')}`,
      region: pick(REGIONS),
      operator: `operator-${index % 7}`,
      ownership: random() < 0.5 ? 'public' : 'private',
      scheduler: random() < 0.2 ? 'slurm' : 'kueue',
      // One site in four is power-capped.
      powerBudgetMW: Math.round((draw / 1e6) * (random() < 0.25 ? 0.7 : 1.1) * 1000) / 1000,
      pue: 1.35,
      accreditedGrades: random() < 0.15 ? ['C'] : random() < 0.6 ? ['S'] : [],
      gpus,
    };
  });
  const policy = parsePolicy({
    periodHours: 4380,
    tiers: [
      { id: TIERS[0], pool: 'public', reserve: 0.08, hardReserve: true },
      { id: TIERS[1], pool: 'public', reserve: 0.3 },
      { id: TIERS[2], pool: 'public', reserve: 0.2 },
      { id: TIERS[3], pool: 'public', reserve: 0.12 },
      { id: TIERS[4], pool: 'private', reserve: 0.1 },
    ],
    split: { public: 0.6, private: 0.2 },
    organisationCap: { maxShare: 0.05, exemptTiers: [TIERS[0]] },
    regionalPreference: { preferredRegions: REGIONS.slice(3) },
    weighting: { koreanCultureBonus: 1.5, sectorBonus: { finance: 1.25, healthcare: 1.25, manufacturing: 1.25 } },
  });
  const applications = Array.from({ length: applicationCount }, (_, index) => {
    const tier = TIERS[Math.min(4, Math.floor(random() ** 0.6 * 5))]!;
    const gpus = 2 ** (3 + Math.floor(random() * (tier === TIERS[1] ? 8 : 5)));
    return {
      id: `app-${String(index).padStart(5, '0')}`,
      organisation: `org-${Math.floor(random() * 1500)}`,
      region: pick(REGIONS),
      sector: pick(['finance', 'healthcare', 'manufacturing', 'research', 'media', 'public-service']),
      tier,
      gpuType: pick(TYPES).type,
      gpus,
      hours: pick([720, 1440, 2920, 4380]),
      minGpus: Math.max(1, gpus / 2 ** Math.floor(random() * 4)),
      dataGrade: tier === TIERS[0] ? pick(['C', 'S']) : pick(['O', 'O', 'S']),
      koreanCulture: random() < 0.3,
      evaluationScore: Math.round(50 + random() * 50),
    };
  });
  return { sites: parseSites({ sites }, 'synthetic'), policy, applications: parseApplications({ applications }, policy, 'synthetic') };
}
