/** Median of the finite values (undefined when there are none). */
export function median(values: readonly (number | undefined)[]): number | undefined {
  const finite = values.filter((value): value is number => value !== undefined && Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return undefined;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 === 1 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2;
}

/** Spread of the values as (max − min) / median, to show how noisy the rounds were. */
export function relativeSpread(values: readonly (number | undefined)[]): number | undefined {
  const finite = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  const middle = median(finite);
  if (finite.length < 2 || !middle) return undefined;
  return (Math.max(...finite) - Math.min(...finite)) / middle;
}
