/** One operator session, stored under the SHA-256 digest of its id (never the id itself). */
export interface OperatorSession {
  createdAt: number;
  lastSeen: number;
}

/**
 * Where operator sessions live. In-process today; a Redis implementation (SET with PX, GET, DEL) slots
 * in behind the same three calls when several console processes must share sessions (issue 16, part 2).
 * The store expires entries itself; OperatorSessions decides the expiry times.
 */
export interface SessionStore {
  /** The session, or undefined when absent or past `expiresAt` at `now`. */
  get(key: string, now: number): Promise<OperatorSession | undefined>;
  put(key: string, session: OperatorSession, expiresAt: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export class InMemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, { session: OperatorSession; expiresAt: number }>();

  /** At most `maxSessions` at once: expired ones go first, then the least recently used. */
  constructor(private readonly maxSessions = 1_000) {}

  async get(key: string, now: number): Promise<OperatorSession | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return { ...entry.session };
  }

  async put(key: string, session: OperatorSession, expiresAt: number): Promise<void> {
    // Re-inserting moves the key to the end: Map order is then least recently used first.
    this.entries.delete(key);
    if (this.entries.size >= this.maxSessions) {
      for (const [other, entry] of this.entries) if (session.lastSeen >= entry.expiresAt) this.entries.delete(other);
      while (this.entries.size >= this.maxSessions) {
        const oldest = this.entries.keys().next();
        if (oldest.done) break;
        this.entries.delete(oldest.value);
      }
    }
    this.entries.set(key, { session: { ...session }, expiresAt });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
