import { isIP } from 'node:net';

/**
 * Counts of wrong keys per source. In-process today; a Redis implementation (INCR + PEXPIRE on a
 * per-source key) slots in behind this one call when several console processes must share the counts.
 */
export interface LoginThrottleStore {
  /** Counts one wrong key from `source` and returns the failures of its current window, this one included. */
  addFailure(source: string, now: number, windowMs: number): Promise<number>;
}

/** Fixed windows per source, bounded: past `maxTracked` sources the oldest are forgotten first. */
export class InMemoryLoginThrottleStore implements LoginThrottleStore {
  private readonly windows = new Map<string, { count: number; since: number }>();

  constructor(private readonly maxTracked = 10_000) {}

  async addFailure(source: string, now: number, windowMs: number): Promise<number> {
    const entry = this.windows.get(source);
    if (entry && now - entry.since < windowMs) {
      entry.count += 1;
      return entry.count;
    }
    this.windows.delete(source);
    while (this.windows.size >= this.maxTracked) {
      const oldest = this.windows.keys().next();
      if (oldest.done) break;
      this.windows.delete(oldest.value);
    }
    this.windows.set(source, { count: 1, since: now });
    return 1;
  }

  get size(): number {
    return this.windows.size;
  }
}

export interface LoginThrottleOptions {
  /** Wrong keys a source may send per window before its wrong keys are slowed down (default 5). */
  freeFailures?: number;
  /** Counting window (default 15 minutes). */
  windowMs?: number;
  /** Delay of the first slowed answer; doubled for each further wrong key (default 1 s). */
  firstDelayMs?: number;
  /** Longest delay (default 10 s). */
  maxDelayMs?: number;
  store?: LoginThrottleStore;
  clock?: () => number;
}

/** What one wrong key costs its source. */
export interface FailureVerdict {
  source: string;
  /** Wrong keys from the source in the current window, this one included. */
  failures: number;
  /** How long to hold the answer to this wrong key (0 while within the free failures). */
  delayMs: number;
  /** This failure put the source into slowed-down mode: a lock event, recorded once per window. */
  locked: boolean;
}

/**
 * Slows down guessing of the operator (and admin) key without ever locking an operator out.
 *
 * A presented key is always checked first, and a correct key always gets in at once: the throttle only
 * sees wrong keys. Each wrong key is counted against its source; past `freeFailures` in a window, the
 * answer to every further wrong key from that source is held back (1 s, doubling to 10 s) and is a 429.
 * Behind a reverse proxy every operator may share one address, and anyone can send wrong keys from it;
 * refusing that address outright (what a lock-out does) would let them lock the operators out. Holding
 * the wrong answers instead bounds a guesser to (open connections ÷ delay) guesses per second — and
 * connections per address are capped by the server — while the right key is never slowed.
 *
 * A generated key (32 random bytes) cannot be guessed anyway; this protects a weak key set by hand.
 */
export class LoginThrottle {
  readonly freeFailures: number;
  readonly windowMs: number;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly store: LoginThrottleStore;
  private readonly clock: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.freeFailures = options.freeFailures ?? 5;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.firstDelayMs = options.firstDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.store = options.store ?? new InMemoryLoginThrottleStore();
    this.clock = options.clock ?? Date.now;
  }

  /** Counts a wrong key from `clientAddress` and says what it costs. */
  async failure(clientAddress: string): Promise<FailureVerdict> {
    const source = throttleSource(clientAddress);
    const failures = await this.store.addFailure(source, this.clock(), this.windowMs);
    const over = failures - this.freeFailures;
    const delayMs = over <= 0 ? 0 : Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** Math.min(over - 1, 30));
    return { source, failures, delayMs, locked: over === 1 };
  }
}

/**
 * The unit a wrong key is counted against: an IPv4 address, or the /64 network of an IPv6 address
 * (one subscriber usually holds a whole /64, and would otherwise get a fresh budget per address).
 */
export function throttleSource(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, '').toLowerCase())
    .join(':')}::/64`;
}
