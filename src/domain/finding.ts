/** Personal-data finding types (docs/design.md §4.5, contract). */
export const FINDING_TYPES = [
  'KR_RRN',
  'KR_FRN',
  'KR_PASSPORT',
  'KR_DRIVER_LICENSE',
  'KR_BRN',
  'KR_CRN',
  'KR_PHONE',
  'KR_BANK_ACCOUNT',
  'CREDIT_CARD',
  'EMAIL',
  'IP_ADDRESS',
  'KR_ADDRESS',
  'PERSON_NAME',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

/** Unique identifiers under PIPA art. 24: resident registration, foreigner registration, passport, driver's licence. */
export const PIPA_UNIQUE_IDENTIFIERS: readonly FindingType[] = ['KR_RRN', 'KR_FRN', 'KR_PASSPORT', 'KR_DRIVER_LICENSE'];

export function isFindingType(value: unknown): value is FindingType {
  return typeof value === 'string' && (FINDING_TYPES as readonly string[]).includes(value);
}

export function isUniqueIdentifier(type: FindingType): boolean {
  return PIPA_UNIQUE_IDENTIFIERS.includes(type);
}

/** One detected span. Offsets are JS string (UTF-16) indices into the scanned text; end is exclusive. */
export interface Finding {
  type: FindingType;
  start: number;
  end: number;
}

/** Finding type → number of occurrences. Only types with a count ≥ 1 appear. */
export type FindingCounts = Partial<Record<FindingType, number>>;

export function countFindings(findings: readonly Finding[], into: FindingCounts = {}): FindingCounts {
  for (const finding of findings) into[finding.type] = (into[finding.type] ?? 0) + 1;
  return into;
}

/** Sorted list of the finding types present (a stable key for caches and policy contexts). */
export function findingTypesOf(counts: FindingCounts): FindingType[] {
  return FINDING_TYPES.filter((type) => (counts[type] ?? 0) > 0);
}
