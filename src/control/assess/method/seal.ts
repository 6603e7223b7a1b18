/**
 * SEAL — Sovereignty Effectiveness Assurance Levels of the Cloud Sovereignty Framework v1.2.1, with
 * "EU" read as the home jurisdiction (plus allies).
 */
export const SEALS = [0, 1, 2, 3, 4] as const;
export type Seal = (typeof SEALS)[number];

export const SEAL_NAMES: Record<Seal, { en: string; ko: string }> = {
  0: { en: 'No sovereignty', ko: '주권 없음' },
  1: { en: 'Jurisdictional sovereignty', ko: '관할권 주권' },
  2: { en: 'Data sovereignty', ko: '데이터 주권' },
  3: { en: 'Digital resilience', ko: '디지털 회복력' },
  4: { en: 'Full digital sovereignty', ko: '완전한 디지털 주권' },
};

export function isSeal(value: unknown): value is Seal {
  return value === 0 || value === 1 || value === 2 || value === 3 || value === 4;
}

export function toSeal(value: number): Seal {
  return Math.max(0, Math.min(4, Math.floor(value))) as Seal;
}

/** The value (0–100) an answer carries when only its SEAL is given: 25 points per level. */
export function valueOfSeal(seal: Seal): number {
  return seal * 25;
}

/** The first level whose threshold `value` reaches; thresholds for levels 4, 3, 2, 1 in that order. */
export function sealAtLeast(value: number, thresholds: readonly [number, number, number, number]): Seal {
  if (value >= thresholds[0]) return 4;
  if (value >= thresholds[1]) return 3;
  if (value >= thresholds[2]) return 2;
  if (value >= thresholds[3]) return 1;
  return 0;
}
