import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { secretsEqual } from '../http/bearer-token.js';
import { InMemorySessionStore, type SessionStore } from './session-store.js';

export const SESSION_COOKIE = 'jaju_operator';

export interface OperatorSessionOptions {
  /** Idle time after which a session ends (default 12 hours: one operations-room shift). */
  idleMs?: number;
  /** Hard limit on a session's age, however active (default 7 days). */
  maxAgeMs?: number;
  /** Sessions kept at once by the default in-memory store; the least recently used go first (default 1,000). */
  maxSessions?: number;
  /** Where sessions live (default in memory; a shared store lets several console processes share them). */
  store?: SessionStore;
  clock?: () => number;
}

/**
 * Dashboard sessions for holders of the operator key.
 *
 * Why a cookie and not a bearer token kept by the page: the key is typed once, checked in constant
 * time, and exchanged for a random session id that the browser keeps in an HttpOnly, SameSite=Strict
 * cookie. Script on the page (an XSS, a compromised dependency) can then never read the key or the
 * session, and SameSite=Strict keeps other sites from riding on it (CSRF); the key is not left in
 * localStorage for anyone with the browser profile. Scripts and tests may still send
 * `Authorization: Bearer <operator key>` on every call.
 *
 * Only SHA-256 digests of session ids are stored, so a lookup's timing reveals nothing usable about a
 * live id, and a memory dump (or a shared store) holds no replayable session.
 */
export class OperatorSessions {
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly store: SessionStore;
  private readonly clock: () => number;

  constructor(
    private readonly operatorKey: string | undefined,
    options: OperatorSessionOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 12 * 3600_000;
    this.maxAgeMs = options.maxAgeMs ?? 7 * 24 * 3600_000;
    this.store = options.store ?? new InMemorySessionStore(options.maxSessions ?? 1_000);
    this.clock = options.clock ?? Date.now;
  }

  get enabled(): boolean {
    return this.operatorKey !== undefined && this.operatorKey !== '';
  }

  /** Idle lifetime in seconds, for the cookie's Max-Age. */
  get cookieMaxAgeSeconds(): number {
    return Math.floor(this.idleMs / 1000);
  }

  /** Constant-time check of a presented operator key. */
  keyMatches(presented: string): boolean {
    return this.enabled && secretsEqual(presented, this.operatorKey!);
  }

  /** A new session for a key already checked with keyMatches; resolves with its id (for the cookie). */
  async create(): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = this.clock();
    await this.store.put(digest(id), { createdAt: now, lastSeen: now }, this.expiresAt(now, now));
    return id;
  }

  /** A new session id for a correct key; undefined for a wrong one. */
  async login(presentedKey: string): Promise<string | undefined> {
    return this.keyMatches(presentedKey) ? this.create() : undefined;
  }

  /** True for a live session cookie (its idle time starts again). */
  async fromCookie(request: IncomingMessage): Promise<boolean> {
    if (!this.enabled) return false;
    const id = sessionIdOf(request);
    if (id === undefined) return false;
    const key = digest(id);
    const now = this.clock();
    const session = await this.store.get(key, now);
    if (!session) return false;
    session.lastSeen = now;
    await this.store.put(key, session, this.expiresAt(session.createdAt, now));
    return true;
  }

  async logout(request: IncomingMessage): Promise<void> {
    const id = sessionIdOf(request);
    if (id !== undefined) await this.store.delete(digest(id));
  }

  /** Idle timeout from the last use, capped by the maximum age. */
  private expiresAt(createdAt: number, lastSeen: number): number {
    return Math.min(lastSeen + this.idleMs + 1, createdAt + this.maxAgeMs + 1);
  }
}

function digest(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('base64url');
}

/** The session id from the request's Cookie header, if any. */
export function sessionIdOf(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at === -1) continue;
    if (part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/** The Set-Cookie value for a session (Secure when the request came over TLS, directly or via a proxy). */
export function sessionCookie(id: string, maxAgeSeconds: number, request: IncomingMessage): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${isHttps(request) ? '; Secure' : ''}`;
}

export function clearedSessionCookie(request: IncomingMessage): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${isHttps(request) ? '; Secure' : ''}`;
}

function isHttps(request: IncomingMessage): boolean {
  // Believing X-Forwarded-Proto from anyone can only add Secure to a cookie: never weaker.
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return (request.socket as { encrypted?: boolean }).encrypted === true || proto?.split(',')[0]?.trim() === 'https';
}
