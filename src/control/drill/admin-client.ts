import type { CutScope } from '../../domain/index.js';

/** GET /admin/status of a running gateway (src/gateway/handlers/admin.ts). */
export interface AdminStatus {
  crisis: boolean;
  cuts: (CutScope & { description: string })[];
  providers: { id: string; cut: boolean; cutBy: string[]; circuit: string }[];
  aliases: { alias: string; remaining: string[]; cut: string[] }[];
}

/** What POST /admin/cuts and /admin/cuts/restore answer. */
export interface CutAnswer extends AdminStatus {
  action: 'cut' | 'restore';
  scope: CutScope;
  /** false when the scope was already cut (cut) or was not cut (restore). */
  changed: boolean;
}

/**
 * unreachable: nothing answered · unauthorized: wrong or missing admin key · rejected: the gateway
 * refused the request (unknown provider, admin API disabled …) · protocol: the answer is not jaju's.
 */
export type AdminErrorKind = 'unreachable' | 'unauthorized' | 'rejected' | 'protocol';

export class AdminClientError extends Error {
  override name = 'AdminClientError';
  constructor(
    readonly kind: AdminErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

function connectionProblem(error: unknown, url: string, timeoutMs: number): AdminClientError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') {
    return new AdminClientError('unreachable', `the gateway at ${url} did not answer within ${timeoutMs / 1000} s`);
  }
  const code = cause?.code;
  const reason = code === 'ECONNREFUSED' ? 'connection refused (is `jaju serve` running there?)' : code === 'ENOTFOUND' ? 'unknown host' : (cause?.message ?? (error as Error).message);
  return new AdminClientError('unreachable', `cannot reach the gateway at ${url}: ${reason}`);
}

/** A small client of the gateway's admin API, for `jaju drill cut|restore|status`. */
export class AdminClient {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly adminKey: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  status(): Promise<AdminStatus> {
    return this.call<AdminStatus>('GET', '/admin/status');
  }

  /** Cuts the scope: the gateway records it in the ledger, then removes matching targets from every plan. */
  cut(scope: CutScope, reason?: string): Promise<CutAnswer> {
    return this.call<CutAnswer>('POST', '/admin/cuts', { ...scope, ...(reason ? { reason } : {}) });
  }

  restore(scope: CutScope, reason?: string): Promise<CutAnswer> {
    return this.call<CutAnswer>('POST', '/admin/cuts/restore', { ...scope, ...(reason ? { reason } : {}) });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw connectionProblem(error, this.baseUrl, this.timeoutMs);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AdminClientError('protocol', `${this.baseUrl} is not a jaju gateway (HTTP ${response.status} on ${path}, not JSON)`, response.status);
    }
    if (response.ok) {
      const body = parsed as Partial<AdminStatus> | null;
      // Something answered, but not jaju's admin API (a wrong --url pointing at another service).
      if (typeof body !== 'object' || body === null || !Array.isArray(body.cuts) || !Array.isArray(body.aliases) || !Array.isArray(body.providers)) {
        throw new AdminClientError('protocol', `${this.baseUrl} is not a jaju gateway (unexpected answer on ${path})`, response.status);
      }
      return parsed as T;
    }
    const message = (parsed as { error?: { message?: unknown } })?.error?.message;
    const detail = typeof message === 'string' ? message : `HTTP ${response.status}`;
    if (response.status === 401) throw new AdminClientError('unauthorized', `the gateway rejected the admin key (${detail})`, 401);
    throw new AdminClientError('rejected', `the gateway refused: ${detail} (HTTP ${response.status})`, response.status);
  }
}
