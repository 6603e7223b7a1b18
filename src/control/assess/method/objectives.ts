/**
 * The eight sovereignty objectives of the European Commission's Cloud Sovereignty Framework v1.2.1
 * (DG DIGIT, Oct 2025) and their criteria. Each criterion is one of the framework's "contributing
 * factors" (the evidence basis listed per objective), with "EU" generalised to "home jurisdiction
 * (plus allies)" as docs/design.md §5 asks. docs/assess.md lists them with their sources.
 */

export const OBJECTIVE_IDS = ['SOV-1', 'SOV-2', 'SOV-3', 'SOV-4', 'SOV-5', 'SOV-6', 'SOV-7', 'SOV-8'] as const;
export type ObjectiveId = (typeof OBJECTIVE_IDS)[number];

export interface Criterion {
  /** e.g. "SOV-3.3"; observed criteria carry an "O": "SOV-3.O1". */
  id: string;
  objective: ObjectiveId;
  title: string;
}

export interface Objective {
  id: ObjectiveId;
  name: string;
  nameKo: string;
  criteria: readonly Criterion[];
}

function objective(id: ObjectiveId, name: string, nameKo: string, titles: readonly string[]): Objective {
  return { id, name, nameKo, criteria: titles.map((title, index) => ({ id: `${id}.${index + 1}`, objective: id, title })) };
}

export const OBJECTIVES: readonly Objective[] = [
  objective('SOV-1', 'Strategic sovereignty', '전략적 주권', [
    'Decisive authority (ownership, governance) of the suppliers lies in the home jurisdiction or allies',
    'Assurances against a change of control of critical suppliers',
    'Reliance on home-sourced financing',
    'Investment, jobs and value creation in the home jurisdiction',
    'Ability to keep running despite cessation or suspension requests or withdrawn vendor support',
  ]),
  objective('SOV-2', 'Legal & jurisdictional sovereignty', '법적·관할권 주권', [
    'Governing legal system of the contracts',
    'Exposure to foreign laws with extraterritorial reach (e.g. US CLOUD Act)',
    'Channels through which foreign authorities could compel access to data',
    'Exposure to export-control regimes restricting use or transfer',
    'Location and jurisdiction of IP creation and registration',
  ]),
  objective('SOV-3', 'Data & AI sovereignty', '데이터·AI 주권', [
    'Only the customer holds effective cryptographic access (customer-held keys, HSM)',
    'Visibility of when, where and by whom data is accessed; auditability of AI use; verifiable deletion',
    'Storage and processing confined to the home jurisdiction (and allies), no third-country fallback',
    'Home control over development, training, hosting and governance of the AI models',
  ]),
  objective('SOV-4', 'Operational sovereignty', '운영 주권', [
    'Ease of migrating to alternative solutions without lock-in',
    'Home operators can run, maintain and support without foreign vendor involvement',
    'Home talent pool',
    'Operational support delivered from the home jurisdiction under its law',
    'Availability of documentation, source code and operational know-how',
    'Location and legal control of critical suppliers and subcontractors',
  ]),
  objective('SOV-5', 'Supply-chain sovereignty', '공급망 주권', [
    'Geographic source of physical parts and manufacturing location',
    'Jurisdiction and provenance of embedded hardware and firmware',
    'Where and by whom software is architected, packaged, distributed and updated',
    'Reliance on foreign vendors or proprietary technology without alternative',
    'Visibility and audit rights across the supplier and sub-supplier chain',
  ]),
  objective('SOV-6', 'Technology sovereignty', '기술 주권', [
    'Integration through documented, non-proprietary APIs and protocols',
    'Adherence to publicly governed standards',
    'Open licences with rights to audit, modify and redistribute',
    'Visibility into architecture and data flows',
    'Independence in HPC, processors and accelerators',
  ]),
  objective('SOV-7', 'Security & compliance sovereignty', '보안·규제준수 주권', [
    'Recognised certifications (CSAP, ISO/IEC 27001, …)',
    'Adherence to home law (PIPA, N²SF, AI Basic Act)',
    'SOC and response teams under home jurisdiction',
    'Customer or authority can oversee logs, alerts and monitoring directly',
    'Transparent breach reporting under home law',
    'Patches developed, tested and applied independently of foreign vendors',
    'Independent security and compliance audits with full access',
  ]),
  objective('SOV-8', 'Environmental sustainability', '환경 지속가능성', [
    'Energy-efficient infrastructure (PUE) with improvement targets',
    'Circular-economy hardware practices',
    'Transparent carbon and water disclosure',
    'Renewable or low-carbon energy sourcing',
  ]),
];

/** Criteria measured from the gateway's ledger and drills (present only with --config). */
export const OBSERVED_CRITERIA: readonly Criterion[] = [
  { id: 'SOV-3.O1', objective: 'SOV-3', title: 'Observed: S and C data sent only to targets operated and hosted at home' },
  { id: 'SOV-3.O2', objective: 'SOV-3', title: 'Observed: share of served requests hosted at home' },
  { id: 'SOV-3.O3', objective: 'SOV-3', title: 'Observed: share of served requests answered by open-weight models' },
  { id: 'SOV-4.O1', objective: 'SOV-4', title: 'Observed: continuity under the saved crisis drills (weakest scenario)' },
  { id: 'SOV-5.O1', objective: 'SOV-5', title: 'Observed: concentration of served traffic by operator (HHI)' },
  { id: 'SOV-5.O2', objective: 'SOV-5', title: 'Observed: served traffic exposed to foreign law (operator seat abroad)' },
];

const BY_ID = new Map<string, Criterion>([...OBJECTIVES.flatMap((entry) => entry.criteria), ...OBSERVED_CRITERIA].map((criterion) => [criterion.id, criterion]));

export function criterionById(id: string): Criterion | undefined {
  return BY_ID.get(id);
}

/** Every criterion an answers file may answer (the framework's, not the observed ones). */
export function answerableCriterionIds(): string[] {
  return OBJECTIVES.flatMap((entry) => entry.criteria.map((criterion) => criterion.id));
}

export function objectiveById(id: ObjectiveId): Objective {
  return OBJECTIVES.find((entry) => entry.id === id)!;
}
