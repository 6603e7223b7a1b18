/**
 * Herfindahl–Hirschman index (docs/design.md §5): HHI = Σ (100·sᵢ)² over the shares sᵢ of each operator
 * (or jurisdiction), so 10,000 is a single supplier and values near 0 a fragmented market. Bands are
 * the DOJ/FTC 2010 Horizontal Merger Guidelines §5.3: < 1,500 unconcentrated, 1,500–2,500 moderately
 * concentrated, > 2,500 highly concentrated.
 */
export type ConcentrationLevel = 'unconcentrated' | 'moderate' | 'high';

export const HIGHLY_CONCENTRATED_HHI = 2_500;
export const MODERATELY_CONCENTRATED_HHI = 1_500;

/** HHI of the given amounts (tokens, requests …); null when they sum to 0 (no traffic has no concentration). */
export function herfindahlHirschmanIndex(amounts: Iterable<number>): number | null {
  const values = [...amounts].filter((value) => value > 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  if (total <= 0) return null;
  let index = 0;
  for (const value of values) {
    const percent = (100 * value) / total;
    index += percent * percent;
  }
  return index;
}

export function concentrationLevel(hhi: number | null): ConcentrationLevel | null {
  if (hhi === null) return null;
  if (hhi > HIGHLY_CONCENTRATED_HHI) return 'high';
  if (hhi >= MODERATELY_CONCENTRATED_HHI) return 'moderate';
  return 'unconcentrated';
}

/** One supplier (operator or jurisdiction) of the served traffic. */
export interface ConcentrationShare {
  key: string;
  tokens: number;
  /** Share of tokens (0–1), null when no tokens were recorded at all. */
  tokenShare: number | null;
  requests: number;
  requestShare: number | null;
}

/**
 * Concentration of served traffic by tokens (the basis docs/design.md §5 names) and, because some upstreams
 * report no usage, by requests as well.
 */
export interface Concentration {
  /** HHI by tokens; null when no served call recorded tokens. */
  hhi: number | null;
  level: ConcentrationLevel | null;
  /** HHI by served requests; null when nothing was served. */
  hhiByRequests: number | null;
  levelByRequests: ConcentrationLevel | null;
  /** Largest supplier by tokens (by requests when there are no tokens), null when nothing was served. */
  top: string | null;
  /** Every supplier, largest first (by tokens, then requests, then name). */
  shares: ConcentrationShare[];
}

export function concentration(byKey: ReadonlyMap<string, { tokens: number; requests: number }>): Concentration {
  let tokenTotal = 0;
  let requestTotal = 0;
  for (const amounts of byKey.values()) {
    tokenTotal += amounts.tokens;
    requestTotal += amounts.requests;
  }
  const shares: ConcentrationShare[] = [...byKey]
    .map(([key, amounts]) => ({
      key,
      tokens: amounts.tokens,
      tokenShare: tokenTotal > 0 ? amounts.tokens / tokenTotal : null,
      requests: amounts.requests,
      requestShare: requestTotal > 0 ? amounts.requests / requestTotal : null,
    }))
    .sort((a, b) => b.tokens - a.tokens || b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const hhi = herfindahlHirschmanIndex([...byKey.values()].map((amounts) => amounts.tokens));
  const hhiByRequests = herfindahlHirschmanIndex([...byKey.values()].map((amounts) => amounts.requests));
  return {
    hhi,
    level: concentrationLevel(hhi),
    hhiByRequests,
    levelByRequests: concentrationLevel(hhiByRequests),
    top: shares[0]?.key ?? null,
    shares,
  };
}
