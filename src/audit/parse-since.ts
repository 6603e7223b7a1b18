const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since`: an ISO 8601 time (2025-06-01, 2025-06-01T09:00:00+09:00) or a duration back from now
 * (30m, 24h, 7d, 2w). Returns the canonical UTC ISO string, or throws RangeError with a one-line reason.
 */
export function parseSince(value: string, now: Date = new Date()): string {
  const relative = /^(\d+)([smhdw])$/.exec(value.trim());
  if (relative !== null) return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]!]!).toISOString();
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    const time = new Date(value.trim());
    if (!Number.isNaN(time.getTime())) return time.toISOString();
  }
  throw new RangeError(`expected an ISO 8601 time or a duration such as 30m, 24h, 7d, got "${value}"`);
}
