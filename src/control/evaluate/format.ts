/** Shared number formats of the table and HTML reports. */
export function percent(value: number | null, digits = 1): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(digits)}%`;
}

export function interval(ci: [number, number] | null, asPercent = true): string {
  if (ci === null) return 'n/a';
  const show = (value: number) => (!Number.isFinite(value) ? '∞' : asPercent ? (value * 100).toFixed(1) : value.toFixed(3));
  return asPercent ? `${show(ci[0])}–${show(ci[1])}%` : `${show(ci[0])}–${show(ci[1])}`;
}

export function ratioText(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}
