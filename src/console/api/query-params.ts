import { JajuError } from '../../domain/index.js';

/** An optional string query parameter ('' counts as absent, as an empty filter field does in a form). */
export function optionalParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value.trim() === '' ? undefined : value.trim();
}

/** An optional whole-number parameter within [min, max]; 400 otherwise. */
export function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = optionalParam(query, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) {
    throw new JajuError('invalid_request', `${name}: expected a whole number from ${min} to ${max}`, { details: { param: name } });
  }
  return value;
}

/** An optional parameter that must be one of `allowed`; 400 otherwise. */
export function choiceParam<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const raw = optionalParam(query, name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new JajuError('invalid_request', `${name}: expected one of ${allowed.join(', ')}`, { details: { param: name } });
  }
  return raw as T;
}

/** The segment after `prefix` in a path such as /api/audit/records/42. */
export function pathTail(path: string, prefix: string): string {
  return decodeURIComponent(path.slice(prefix.length)).replace(/\/+$/, '');
}
