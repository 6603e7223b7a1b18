import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is 10.0.0.1: one client, one address. */
export function normalizeAddress(address: string | undefined): string {
  if (address === undefined || address === '') return 'unknown';
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * Who the client is (`server.trustedProxies`). The socket peer is the client, unless the peer is a
 * trusted proxy: then X-Forwarded-For is read from the right, skipping trusted proxies, and the first
 * address that is not one is the client. Entries left of it were written by the client itself and are
 * never believed (a client can send any X-Forwarded-For it likes). A malformed entry ends the walk:
 * the last address a trusted hop vouched for is the client.
 *
 * Used by the per-address connection caps (connection-gate.ts) and by anything that throttles or
 * logs per client (operator login throttling).
 */
export class ClientAddresses {
  private readonly trusted: BlockList;
  readonly trustsAnyProxy: boolean;

  constructor(trustedProxies: readonly string[]) {
    this.trusted = new BlockList();
    for (const entry of trustedProxies) {
      const [address = '', prefix] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.trusted.addAddress(address, family);
      else this.trusted.addSubnet(address, Number(prefix), family);
    }
    this.trustsAnyProxy = trustedProxies.length > 0;
  }

  /** Is this (socket peer) address one of the configured trusted proxies? */
  isTrustedProxy(address: string): boolean {
    if (!this.trustsAnyProxy) return false;
    const normalized = normalizeAddress(address);
    const family = isIP(normalized);
    if (family === 0) return false;
    return this.trusted.check(normalized, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The client's address for this request (see the class comment). */
  clientAddress(request: IncomingMessage): string {
    const peer = normalizeAddress(request.socket.remoteAddress);
    if (!this.isTrustedProxy(peer)) return peer;
    return this.forwardedClient(peer, request.headers['x-forwarded-for']);
  }

  /** The walk over X-Forwarded-For, given the (trusted) peer that sent it. */
  forwardedClient(peer: string, header: string | string[] | undefined): string {
    if (header === undefined) return peer;
    const hops = (Array.isArray(header) ? header.join(',') : header).split(',');
    let client = peer;
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      const hop = normalizeAddress(hops[index]!.trim());
      if (isIP(hop) === 0) return client;
      client = hop;
      if (!this.isTrustedProxy(hop)) return hop;
    }
    return client;
  }
}
