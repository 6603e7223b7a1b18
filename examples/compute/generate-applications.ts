// Generates examples/compute/applications.yaml: a seeded, reproducible call round of a few hundred
// applications shaped like Korea's national GPU programme (national-security projects, sovereign
// foundation-model teams, Korean language/culture and core-industry projects, academia, start-ups).
// Organisations are real institutions' names used as plausible applicants; every request is invented.
//   npx tsx examples/compute/generate-applications.ts [--seed N] [--out FILE] [--csv]
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '20260301' }, out: { type: 'string' }, csv: { type: 'boolean', default: false } } });
const seed = Number(values.seed);

/** mulberry32: a tiny, well-mixed 32-bit PRNG, so the file is identical on every run for a seed. */
function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const chance = (probability: number) => random() < probability;
const powerOfTwo = (low: number, high: number) => 2 ** between(Math.log2(low), Math.log2(high));
const score = (low: number, high: number) => Math.round((low + random() * (high - low)) * 10) / 10;

interface Organisation {
  name: string;
  region: string;
}
const org = (name: string, region: string): Organisation => ({ name, region });

const SECURITY = [org('National Intelligence Service', 'Seoul'), org('Agency for Defense Development', 'Daejeon'), org('Korean National Police Agency', 'Seoul'), org('Korea Coast Guard', 'Incheon'), org('Defense Acquisition Program Administration', 'Gyeonggi')];
const FOUNDATION = [org('LG AI Research', 'Seoul'), org('SK Telecom', 'Seoul'), org('Upstage', 'Gyeonggi'), org('NC AI', 'Gyeonggi'), org('Naver Cloud', 'Gyeonggi'), org('KT', 'Gyeonggi'), org('Motif Technologies', 'Seoul')];
const CORE_INDUSTRY: [Organisation, string][] = [
  [org('KB Kookmin Bank', 'Seoul'), 'finance'],
  [org('Shinhan Financial Group', 'Seoul'), 'finance'],
  [org('BNK Busan Bank', 'Busan'), 'finance'],
  [org('Korea Exchange', 'Busan'), 'finance'],
  [org('Seoul National University Hospital', 'Seoul'), 'healthcare'],
  [org('Asan Medical Center', 'Seoul'), 'healthcare'],
  [org('Chonnam National University Hospital', 'Gwangju'), 'healthcare'],
  [org('Kyungpook National University Hospital', 'Daegu'), 'healthcare'],
  [org('Hyundai Motor Company', 'Seoul'), 'manufacturing'],
  [org('POSCO', 'Gyeongbuk'), 'manufacturing'],
  [org('HD Hyundai Heavy Industries', 'Ulsan'), 'manufacturing'],
  [org('LG Energy Solution', 'Chungbuk'), 'manufacturing'],
  [org('Hanwha Aerospace', 'Gyeongnam'), 'manufacturing'],
  [org('National Institute of Korean Language', 'Seoul'), 'culture'],
  [org('Korea Creative Content Agency', 'Jeonnam'), 'culture'],
  [org('Academy of Korean Studies', 'Gyeonggi'), 'culture'],
  [org('Korea Legislation Research Institute', 'Sejong'), 'public-service'],
  [org('National Information Society Agency', 'Daegu'), 'public-service'],
];
const ACADEMIA = [
  org('KAIST', 'Daejeon'), org('Seoul National University', 'Seoul'), org('POSTECH', 'Gyeongbuk'), org('Korea University', 'Seoul'), org('Yonsei University', 'Seoul'),
  org('GIST', 'Gwangju'), org('UNIST', 'Ulsan'), org('DGIST', 'Daegu'), org('Chonnam National University', 'Gwangju'), org('Pusan National University', 'Busan'),
  org('Kyungpook National University', 'Daegu'), org('Chungnam National University', 'Daejeon'), org('Jeonbuk National University', 'Jeonbuk'), org('Kangwon National University', 'Gangwon'),
  org('Sungkyunkwan University', 'Gyeonggi'), org('Hanyang University', 'Seoul'), org('ETRI', 'Daejeon'), org('KISTI', 'Daejeon'), org('KIST', 'Seoul'), org('KAERI', 'Daejeon'),
  org('Korea Institute of Energy Research', 'Daejeon'), org('Korea Research Institute of Chemical Technology', 'Daejeon'), org('Jeju National University', 'Jeju'),
];
const STARTUP_WORDS = ['Haneul', 'Baram', 'Saebit', 'Nuri', 'Dasom', 'Gaon', 'Hanbit', 'Mir', 'Sol', 'Yeoul', 'Arum', 'Bitna', 'Doran', 'Ireum', 'Jinju', 'Maru'];
const STARTUP_SUFFIX = ['AI', 'Labs', 'Robotics', 'Health', 'Fintech', 'Vision', 'Speech', 'Bio'];
const STARTUP_REGIONS = ['Seoul', 'Seoul', 'Seoul', 'Gyeonggi', 'Gyeonggi', 'Busan', 'Daejeon', 'Gwangju', 'Daegu', 'Incheon', 'Gangwon', 'Jeonbuk', 'Chungbuk'];
const STARTUP_SECTORS = ['finance', 'healthcare', 'manufacturing', 'retail', 'media', 'logistics', 'education', 'legal'];
const TOPICS = ['Korean legal-document reasoning', 'medical imaging triage', 'Korean speech recognition', 'shipbuilding defect detection', 'credit-risk modelling', 'Korean-English translation', 'battery materials discovery', 'public-service chatbot', 'protein structure', 'climate downscaling', 'Korean OCR for archives', 'smart-factory anomaly detection', 'Korean sign language', 'drug–target interaction', 'fraud detection', 'K-culture content generation'];

type Application = Record<string, string | number | boolean>;
const applications: Application[] = [];
let serial = 0;
const nextId = (prefix: string) => `${prefix}-${String(++serial).padStart(4, '0')}`;

function request(gpus: number, minShare: number, extra: Application): Application {
  const hours = pick([720, 1440, 2160, 2920, 4380]);
  return { gpus, hours, minGpus: Math.max(1, Math.min(gpus, minShare)), ...extra };
}

// National security: grade C work can only run in the accredited enclave; some S work anywhere accredited.
for (let index = 0; index < 14; index++) {
  const organisation = pick(SECURITY);
  const classified = chance(0.6);
  applications.push({
    id: nextId('ns'),
    title: `${pick(['Signals analysis', 'Threat intelligence', 'Defence logistics', 'Maritime surveillance', 'Cyber defence'])} model`,
    organisation: organisation.name,
    region: organisation.region,
    sector: 'defence',
    tier: 'national-security',
    gpuType: classified ? pick(['H100', 'H100', 'RNGD']) : pick(['H200', 'H200', 'B200', 'H100']),
    dataGrade: classified ? 'C' : 'S',
    koreanCulture: chance(0.3),
    ...request(powerOfTwo(16, 128), powerOfTwo(8, 16), {}),
  });
}

// Sovereign foundation-model teams: 1,000 H200-class or 500 B200 each, plus smaller follow-on requests.
for (const organisation of FOUNDATION) {
  const onBlackwell = chance(0.4);
  applications.push({
    id: nextId('fm'),
    title: `${organisation.name} sovereign foundation model`,
    organisation: organisation.name,
    region: organisation.region,
    sector: 'foundation-model',
    tier: 'sovereign-foundation',
    gpuType: onBlackwell ? 'B200' : 'H200',
    gpus: onBlackwell ? 512 : 1024,
    hours: 4380,
    minGpus: onBlackwell ? 256 : 512,
    dataGrade: 'S',
    koreanCulture: true,
    evaluationScore: score(72, 92),
  });
  if (chance(0.6)) {
    applications.push({
      id: nextId('fm'),
      title: `${organisation.name} Korean evaluation and alignment runs`,
      organisation: organisation.name,
      region: organisation.region,
      sector: 'foundation-model',
      tier: 'sovereign-foundation',
      gpuType: pick(['H200', 'H100', 'RNGD']),
      dataGrade: 'O',
      koreanCulture: true,
      evaluationScore: score(65, 90),
      ...request(powerOfTwo(64, 256), 32, {}),
    });
  }
}

// Korean language, culture and core industries (finance, healthcare, manufacturing).
for (let index = 0; index < 130; index++) {
  const [organisation, sector] = pick(CORE_INDUSTRY);
  applications.push({
    id: nextId('ki'),
    title: `${pick(TOPICS)} (${sector})`,
    organisation: organisation.name,
    region: organisation.region,
    sector,
    tier: 'korean-culture-industry',
    gpuType: pick(['H200', 'H200', 'H200', 'B200', 'H100', 'RNGD', 'ATOM-Max']),
    dataGrade: sector === 'healthcare' || sector === 'finance' ? 'S' : pick(['S', 'O', 'O']),
    koreanCulture: sector === 'culture' || chance(0.4),
    evaluationScore: score(55, 95),
    ...request(powerOfTwo(8, 256), powerOfTwo(8, 32), {}),
  });
}

// Academia and public research.
for (let index = 0; index < 170; index++) {
  const organisation = pick(ACADEMIA);
  applications.push({
    id: nextId('ac'),
    title: `${pick(TOPICS)} research`,
    organisation: organisation.name,
    region: organisation.region,
    sector: pick(['research', 'research', 'healthcare', 'manufacturing', 'culture']),
    tier: 'research-academia',
    gpuType: pick(['H200', 'H200', 'H100', 'H100', 'B200', 'RNGD', 'ATOM-Max']),
    dataGrade: pick(['O', 'O', 'S']),
    koreanCulture: chance(0.25),
    evaluationScore: score(50, 95),
    ...request(powerOfTwo(8, 128), 8, {}),
  });
}

// Industry, SMEs and start-ups (a GPU-hour budget for some, as the voucher programmes state it).
for (let index = 0; index < 120; index++) {
  const name = `${pick(STARTUP_WORDS)} ${pick(STARTUP_SUFFIX)}`;
  const sector = pick(STARTUP_SECTORS);
  const gpuType = pick(['H200', 'B200', 'B200', 'H100', 'RNGD']);
  const base: Application = {
    id: nextId('su'),
    title: `${pick(TOPICS)} product`,
    organisation: name,
    region: pick(STARTUP_REGIONS),
    sector,
    tier: 'industry-startups',
    gpuType,
    dataGrade: pick(['O', 'O', 'S']),
    koreanCulture: chance(0.3),
    evaluationScore: score(50, 90),
  };
  if (chance(0.3)) applications.push({ ...base, gpuHours: between(5, 60) * 1000 });
  else applications.push({ ...base, ...request(powerOfTwo(8, 64), 8, {}) });
}

const here = dirname(fileURLToPath(import.meta.url));
const out = values.out ?? join(here, values.csv ? 'applications.csv' : 'applications.yaml');
if (values.csv) {
  const columns = ['id', 'title', 'organisation', 'region', 'sector', 'tier', 'gpuType', 'gpus', 'hours', 'gpuHours', 'minGpus', 'dataGrade', 'koreanCulture', 'evaluationScore'];
  const cell = (value: unknown) => (value === undefined ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
  writeFileSync(out, [columns.join(','), ...applications.map((application) => columns.map((column) => cell(application[column])).join(','))].join('\n') + '\n');
} else {
  const header = `# Generated by examples/compute/generate-applications.ts --seed ${seed}: ${applications.length} applications.\n# Do not edit by hand; change the generator and re-run it.\n`;
  writeFileSync(out, header + stringify({ applications }, { lineWidth: 0 }));
}
process.stdout.write(`wrote ${applications.length} applications to ${out}\n`);
