/**
 * Slows down guessing of the operator key: after `maxFailures` wrong keys from one address within
 * `windowMs`, further attempts from it are refused until the window passes. A generated key (32 random
 * bytes) cannot be guessed anyway; this protects a weak key an operator set by hand.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
    private readonly clock: () => number = Date.now,
    private readonly maxTracked = 10_000,
  ) {}

  /** Milliseconds until `address` may try again (0 = now). */
  retryAfterMs(address: string): number {
    const entry = this.failures.get(address);
    if (!entry) return 0;
    const elapsed = this.clock() - entry.since;
    if (elapsed >= this.windowMs) {
      this.failures.delete(address);
      return 0;
    }
    return entry.count >= this.maxFailures ? this.windowMs - elapsed : 0;
  }

  recordFailure(address: string): void {
    const now = this.clock();
    const entry = this.failures.get(address);
    if (entry && now - entry.since < this.windowMs) {
      entry.count += 1;
      return;
    }
    // Bounded memory under a spray of addresses: forget everyone rather than grow without limit.
    if (this.failures.size >= this.maxTracked) this.failures.clear();
    this.failures.set(address, { count: 1, since: now });
  }

  recordSuccess(address: string): void {
    this.failures.delete(address);
  }
}
