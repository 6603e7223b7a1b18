/**
 * Kubernetes resource.Quantity, as far as quotas and weights need it: a decimal number with an optional
 * binary (Ki … Ei), decimal (n u m k M G T P E) or exponent suffix. Integers may also be written as YAML numbers.
 */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

export function isQuantity(value: unknown): value is number | string {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && QUANTITY.test(value);
}

/** The numeric value of a quantity; NaN when it is not one. */
export function quantityValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  const match = QUANTITY.exec(value);
  if (!match) return Number.NaN;
  const suffix = match[3];
  if (suffix === undefined || /^[eE]/.test(suffix)) return Number(value);
  return Number(value.slice(0, value.length - suffix.length)) * SUFFIX[suffix]!;
}
