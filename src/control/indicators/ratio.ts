/** A count out of a total, with the share precomputed (null when the total is 0: no traffic is not 0 %). */
export interface Ratio {
  count: number;
  of: number;
  share: number | null;
}

export function ratio(count: number, of: number): Ratio {
  return { count, of, share: of > 0 ? count / of : null };
}
