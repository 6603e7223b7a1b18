import { JajuError } from '../../domain/index.js';
import { readJsonBody } from '../../http/read-json-body.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { SessionResponse } from '../api-types.js';
import type { KeyChecks } from '../key-checks.js';
import { clearedSessionCookie, sessionCookie, type OperatorSessions } from '../operator-sessions.js';

/**
 * POST /api/login {"key": "<operator key>"}: sets the session cookie (204). A wrong key is 401, or 429
 * after a delay once its source has sent too many; the right key always logs in at once.
 */
export async function handleLogin(context: RequestContext, sessions: OperatorSessions, keys: KeyChecks): Promise<void> {
  if (!sessions.enabled) throw new JajuError('forbidden', 'the dashboard is disabled: no operator key is configured');
  const body = (await readJsonBody(context.request, 4096)) as { key?: unknown } | null;
  const key = typeof body === 'object' && body !== null ? body.key : undefined;
  if (typeof key !== 'string' || key === '') throw new JajuError('invalid_request', 'key: required, the operator key', { details: { param: 'key' } });
  await keys.verify(context, key, (presented) => sessions.keyMatches(presented), 'operator');
  const id = await sessions.create();
  context.response.writeHead(204, { 'set-cookie': sessionCookie(id, sessions.cookieMaxAgeSeconds, context.request), 'cache-control': 'no-store' });
  context.response.end();
}

/** POST /api/logout: ends the session and clears the cookie. */
export async function handleLogout(context: RequestContext, sessions: OperatorSessions): Promise<void> {
  await sessions.logout(context.request);
  context.response.writeHead(204, { 'set-cookie': clearedSessionCookie(context.request), 'cache-control': 'no-store' });
  context.response.end();
}

/** GET /api/session: 200 while the session (or bearer key) is good; the page asks on load. */
export function handleSession(context: RequestContext): void {
  const body: SessionResponse = { authenticated: true };
  sendJson(context.response, 200, body);
}
