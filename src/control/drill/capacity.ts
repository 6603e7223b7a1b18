import type { Config } from '../../config/index.js';
import type { CapacityLimit } from './scenario-schema.js';

/**
 * A provider's capacity during a replay: a token bucket refilled at `rps` per second holding at most
 * one second's worth (at least one request), so a target of 20 rps takes 20 requests in a burst and
 * then 20 per second, a target of 0.5 rps takes one request every two seconds, and 0 rps takes none.
 */
export class CapacityBucket {
  private tokens: number;
  private last = -Infinity;
  private readonly burst: number;

  constructor(readonly rps: number) {
    this.burst = Math.max(1, rps);
    this.tokens = this.burst;
  }

  /** Takes one request at time `at` (epoch ms, non-decreasing) if there is room. */
  tryTake(at: number): boolean {
    if (this.rps <= 0) return false;
    if (this.last !== -Infinity && at > this.last) this.tokens = Math.min(this.burst, this.tokens + ((at - this.last) * this.rps) / 1000);
    if (at > this.last) this.last = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The busiest calendar second of a time-ordered series of request times (epoch ms). */
export class PeakCounter {
  private second = Number.NaN;
  private count = 0;
  peak = 0;

  add(at: number): void {
    const second = Math.floor(at / 1000);
    if (second !== this.second) {
      this.second = second;
      this.count = 0;
    }
    this.count += 1;
    if (this.count > this.peak) this.peak = this.count;
  }
}

export interface ResolvedCapacity {
  rps: number;
  source: 'scenario' | 'config';
}

/**
 * Capacity per provider: the scenario's limit when it sets one (rps, or a share of the provider's
 * own baseline peak, or of the whole workload's peak), else the config's `capacityRps` unless the
 * scenario ignores it. Providers without either are unlimited.
 */
export function resolveCapacities(
  config: Pick<Config, 'providers'>,
  limits: readonly CapacityLimit[],
  ignoreConfig: boolean,
  peaks: { baselineByProvider: ReadonlyMap<string, number>; workload: number },
): Map<string, ResolvedCapacity> {
  const out = new Map<string, ResolvedCapacity>();
  if (!ignoreConfig) {
    for (const provider of config.providers) if (provider.capacityRps !== undefined) out.set(provider.id, { rps: provider.capacityRps, source: 'config' });
  }
  for (const limit of limits) {
    let rps: number;
    if (limit.rps !== undefined) rps = limit.rps;
    else if (limit.baselineShare !== undefined) rps = limit.baselineShare * (peaks.baselineByProvider.get(limit.provider) ?? 0);
    else rps = (limit.workloadShare ?? 0) * peaks.workload;
    out.set(limit.provider, { rps, source: 'scenario' });
  }
  return out;
}
