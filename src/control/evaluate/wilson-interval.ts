/** z for a two-sided 95 % interval: the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; recommended over the normal
 * "Wald" interval by Brown, Cai & DasGupta 2001, which stays inside [0, 1] and behaves at 0/n and n/n):
 *   centre = (p + z²/2n) / (1 + z²/n),  half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
 * Null when n = 0: nothing was measured.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
