/**
 * Per-provider circuit breakers. In-process today; a Redis implementation slots in behind the same
 * interface when several gateway instances must share breaker state (docs/design.md §7).
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitStore {
  /** May a call go to this provider now? In half-open state exactly one probe is let through at a time. */
  tryAcquire(provider: string, now?: number): boolean;
  /** Releases a half-open probe slot without a verdict (e.g. the client went away). */
  release(provider: string): void;
  recordSuccess(provider: string): void;
  recordFailure(provider: string, now?: number): void;
  state(provider: string, now?: number): CircuitState;
  snapshot(now?: number): Record<string, { state: CircuitState; consecutiveFailures: number; openedAt: number | null }>;
  onChange(listener: (provider: string, state: CircuitState) => void): () => void;
}

export interface CircuitOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit stays open before a half-open probe. */
  cooldownMs: number;
}

interface Breaker {
  consecutiveFailures: number;
  openedAt: number | null;
  probeInFlight: boolean;
}

export class InMemoryCircuitStore implements CircuitStore {
  private readonly breakers = new Map<string, Breaker>();
  private readonly listeners = new Set<(provider: string, state: CircuitState) => void>();
  private readonly options: CircuitOptions;

  constructor(options: Partial<CircuitOptions> = {}) {
    this.options = { failureThreshold: options.failureThreshold ?? 5, cooldownMs: options.cooldownMs ?? 10_000 };
  }

  private breaker(provider: string): Breaker {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = { consecutiveFailures: 0, openedAt: null, probeInFlight: false };
      this.breakers.set(provider, breaker);
    }
    return breaker;
  }

  state(provider: string, now = Date.now()): CircuitState {
    const breaker = this.breakers.get(provider);
    if (!breaker || breaker.openedAt === null) return 'closed';
    return now - breaker.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  tryAcquire(provider: string, now = Date.now()): boolean {
    const state = this.state(provider, now);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const breaker = this.breaker(provider);
    if (breaker.probeInFlight) return false;
    breaker.probeInFlight = true;
    return true;
  }

  release(provider: string): void {
    const breaker = this.breakers.get(provider);
    if (breaker) breaker.probeInFlight = false;
  }

  recordSuccess(provider: string): void {
    const breaker = this.breakers.get(provider);
    if (!breaker) return;
    const wasOpen = breaker.openedAt !== null;
    breaker.consecutiveFailures = 0;
    breaker.openedAt = null;
    breaker.probeInFlight = false;
    if (wasOpen) this.emit(provider, 'closed');
  }

  recordFailure(provider: string, now = Date.now()): void {
    const breaker = this.breaker(provider);
    breaker.consecutiveFailures += 1;
    const wasProbe = breaker.probeInFlight;
    breaker.probeInFlight = false;
    if (wasProbe || (breaker.openedAt === null && breaker.consecutiveFailures >= this.options.failureThreshold)) {
      // A failed probe re-opens for a full cooldown; reaching the threshold opens a closed circuit.
      breaker.openedAt = now;
      this.emit(provider, 'open');
    }
  }

  snapshot(now = Date.now()): Record<string, { state: CircuitState; consecutiveFailures: number; openedAt: number | null }> {
    const out: Record<string, { state: CircuitState; consecutiveFailures: number; openedAt: number | null }> = {};
    for (const [provider, breaker] of this.breakers) {
      out[provider] = { state: this.state(provider, now), consecutiveFailures: breaker.consecutiveFailures, openedAt: breaker.openedAt };
    }
    return out;
  }

  onChange(listener: (provider: string, state: CircuitState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(provider: string, state: CircuitState): void {
    for (const listener of this.listeners) listener(provider, state);
  }
}
