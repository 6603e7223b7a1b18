import { JajuError } from '../../domain/index.js';
import { readJsonBody } from '../../http/read-json-body.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { LoginThrottle } from '../login-throttle.js';
import { clearedSessionCookie, sessionCookie, type OperatorSessions } from '../operator-sessions.js';

function clientAddress(context: RequestContext): string {
  return context.request.socket.remoteAddress ?? 'unknown';
}

/** POST /api/login {"key": "<operator key>"}: sets the session cookie (204), 401 for a wrong key. */
export async function handleLogin(context: RequestContext, sessions: OperatorSessions, throttle: LoginThrottle): Promise<void> {
  if (!sessions.enabled) throw new JajuError('forbidden', 'the dashboard is disabled: no operator key is configured');
  const address = clientAddress(context);
  const waitMs = throttle.retryAfterMs(address);
  if (waitMs > 0) {
    context.response.setHeader('retry-after', String(Math.ceil(waitMs / 1000)));
    throw new JajuError('rate_limited', 'too many wrong keys from this address: try again in a minute');
  }
  const body = (await readJsonBody(context.request, 4096)) as { key?: unknown } | null;
  const key = typeof body === 'object' && body !== null ? body.key : undefined;
  if (typeof key !== 'string' || key === '') throw new JajuError('invalid_request', 'key: required, the operator key', { details: { param: 'key' } });
  const id = sessions.login(key);
  if (id === undefined) {
    throttle.recordFailure(address);
    throw new JajuError('invalid_api_key', 'wrong operator key');
  }
  throttle.recordSuccess(address);
  context.response.writeHead(204, { 'set-cookie': sessionCookie(id, sessions.cookieMaxAgeSeconds, context.request), 'cache-control': 'no-store' });
  context.response.end();
}

/** POST /api/logout: ends the session and clears the cookie. */
export function handleLogout(context: RequestContext, sessions: OperatorSessions): void {
  sessions.logout(context.request);
  context.response.writeHead(204, { 'set-cookie': clearedSessionCookie(context.request), 'cache-control': 'no-store' });
  context.response.end();
}

/** GET /api/session: 200 while the session (or bearer key) is good; the page asks on load. */
export function handleSession(context: RequestContext): void {
  sendJson(context.response, 200, { authenticated: true });
}
