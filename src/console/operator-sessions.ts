import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken, secretsEqual } from '../http/bearer-token.js';

export const SESSION_COOKIE = 'jaju_operator';

export interface OperatorSessionOptions {
  /** Idle time after which a session ends (default 12 hours: one operations-room shift). */
  idleMs?: number;
  /** Hard limit on a session's age, however active (default 7 days). */
  maxAgeMs?: number;
  /** Sessions kept at once; the oldest go first (default 1,000). */
  maxSessions?: number;
  clock?: () => number;
}

interface Session {
  createdAt: number;
  lastSeen: number;
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
 * live id, and a memory dump holds no replayable session.
 */
export class OperatorSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly maxSessions: number;
  private readonly clock: () => number;

  constructor(
    private readonly operatorKey: string | undefined,
    options: OperatorSessionOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 12 * 3600_000;
    this.maxAgeMs = options.maxAgeMs ?? 7 * 24 * 3600_000;
    this.maxSessions = options.maxSessions ?? 1_000;
    this.clock = options.clock ?? Date.now;
  }

  get enabled(): boolean {
    return this.operatorKey !== undefined && this.operatorKey !== '';
  }

  /** Idle lifetime in seconds, for the cookie's Max-Age. */
  get cookieMaxAgeSeconds(): number {
    return Math.floor(this.idleMs / 1000);
  }

  keyMatches(presented: string): boolean {
    return this.enabled && secretsEqual(presented, this.operatorKey!);
  }

  /** A new session id for a correct key; undefined for a wrong one. */
  login(presentedKey: string): string | undefined {
    if (!this.keyMatches(presentedKey)) return undefined;
    this.sweep();
    while (this.sessions.size >= this.maxSessions) {
      const oldest = this.sessions.keys().next();
      if (oldest.done) break;
      this.sessions.delete(oldest.value);
    }
    const id = randomBytes(32).toString('base64url');
    const now = this.clock();
    this.sessions.set(digest(id), { createdAt: now, lastSeen: now });
    return id;
  }

  /** True for a live session cookie or an `Authorization: Bearer <operator key>` header. */
  authenticate(request: IncomingMessage): boolean {
    if (!this.enabled) return false;
    const id = sessionIdOf(request);
    if (id !== undefined) {
      const key = digest(id);
      const session = this.sessions.get(key);
      if (session) {
        const now = this.clock();
        if (now - session.lastSeen <= this.idleMs && now - session.createdAt <= this.maxAgeMs) {
          session.lastSeen = now;
          return true;
        }
        this.sessions.delete(key);
      }
    }
    const token = bearerToken(request);
    return token !== undefined && this.keyMatches(token);
  }

  logout(request: IncomingMessage): void {
    const id = sessionIdOf(request);
    if (id !== undefined) this.sessions.delete(digest(id));
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.clock();
    for (const [key, session] of this.sessions) {
      if (now - session.lastSeen > this.idleMs || now - session.createdAt > this.maxAgeMs) this.sessions.delete(key);
    }
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
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return (request.socket as { encrypted?: boolean }).encrypted === true || proto?.split(',')[0]?.trim() === 'https';
}
