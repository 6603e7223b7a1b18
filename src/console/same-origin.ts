import type { IncomingMessage } from 'node:http';
import { JajuError } from '../domain/index.js';

/** Methods that change state: they must come from the console's own page (or from a script with a bearer key). */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * How a state-changing call may authenticate: `any` (it came from the page itself: the session cookie
 * or a bearer key), or `bearer-only` (no Origin and no Sec-Fetch-Site: not a browser, or a very old one;
 * only a script holding the key may do this, so the cookie is not accepted).
 */
export type OriginVerdict = 'any' | 'bearer-only';

/** What the console believes about proxies (the gateway runtime's ClientAddresses has this shape). */
export interface ProxyTrust {
  isTrustedProxy(address: string): boolean;
}

/**
 * Same-origin check for state-changing console calls (CSRF defence on top of SameSite=Strict):
 *  - `Sec-Fetch-Site: same-origin` passes (every current browser sends it; it also survives a TLS proxy
 *    that changes the scheme); any other Sec-Fetch-Site value is another site's page: 403;
 *  - otherwise an `Origin` must equal this console's own origin; `Origin: null` (sandboxed frames,
 *    file: pages, some redirects) is refused;
 *  - with neither header the call is not from a browser page: only bearer authentication is accepted.
 * The own origin is the request's Host (X-Forwarded-Host and -Proto only from a trusted proxy), with
 * https when the socket is TLS.
 */
export function checkSameOrigin(request: IncomingMessage, proxies: ProxyTrust): OriginVerdict {
  const site = single(request.headers['sec-fetch-site']);
  if (site !== undefined) {
    if (site.toLowerCase() === 'same-origin') return 'any';
    throw refused(`cross-origin request refused (Sec-Fetch-Site: ${site.slice(0, 40)})`);
  }
  const origin = single(request.headers.origin);
  if (origin === undefined) return 'bearer-only';
  if (origin.trim().toLowerCase() === 'null') throw refused('cross-origin request refused (Origin: null)');
  const own = ownOrigin(request, proxies);
  let presented: string | undefined;
  try {
    presented = new URL(origin).origin;
  } catch {
    presented = undefined;
  }
  if (own === undefined || presented !== own) throw refused(`cross-origin request refused (Origin ${origin.slice(0, 200)} is not this console's origin${own ? ` ${own}` : ''})`);
  return 'any';
}

/** This console's origin as the browser sees it, or undefined without a usable Host. */
export function ownOrigin(request: IncomingMessage, proxies: ProxyTrust): string | undefined {
  const viaProxy = proxies.isTrustedProxy(request.socket.remoteAddress ?? '');
  const forwardedProto = viaProxy ? firstValue(request.headers['x-forwarded-proto']) : undefined;
  const forwardedHost = viaProxy ? firstValue(request.headers['x-forwarded-host']) : undefined;
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true;
  const scheme = encrypted || forwardedProto?.toLowerCase() === 'https' ? 'https' : 'http';
  const host = forwardedHost ?? request.headers.host;
  if (!host) return undefined;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return undefined;
  }
}

function refused(message: string): JajuError {
  return new JajuError('forbidden', message);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const text = single(value)?.split(',')[0]?.trim();
  return text === '' ? undefined : text;
}
