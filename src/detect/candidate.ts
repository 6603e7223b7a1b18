import type { FindingType } from '../domain/index.js';

/**
 * A detector's proposal before overlaps are resolved. On overlap the higher priority wins, then the
 * longer span: an e-mail beats the phone-like digits inside it (`01012345678@naver.com`), a numeric
 * identifier beats an address or a name around it, an address beats a name.
 */
export interface Candidate {
  type: FindingType;
  start: number;
  end: number;
  priority: number;
}

export const PRIORITY = {
  email: 90,
  structured: 70,
  address: 40,
  name: 30,
} as const;
