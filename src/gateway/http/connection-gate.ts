import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { JajuError } from '../../domain/index.js';
import { normalizeAddress, type ClientAddresses } from './client-address.js';

export interface ConnectionLimits {
  /** Open client connections at once (resolved: never "auto" here). */
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** Connections accepted beyond maxConnections, for monitoring paths only. */
  reservedConnections: number;
}

/** Why a connection was turned away (metrics label). */
export type RefusalReason = 'per_address' | 'global';

export interface ConnectionObserver {
  refused(reason: RefusalReason): void;
}

/**
 * What a socket may do, fixed when it is accepted: `normal`; `reserved` (beyond the cap, only
 * /healthz and /metrics, then closed); or refused (told 429/503 if it sends a request within a second).
 */
type Admission = 'normal' | 'reserved' | RefusalReason;

/** Paths a reserved connection may use: monitoring must keep answering while the cap is reached. */
const MONITORING_PATHS = new Set(['/healthz', '/metrics']);
/** A refused connection is held this long to be told why, then closed. */
const REFUSAL_GRACE_MS = 1_000;
/** A reserved connection that stays silent this long is closed: the reserve must not be held idle. */
const RESERVED_IDLE_MS = 5_000;

const ADMISSION = Symbol('jaju.admission');
const ADDRESS = Symbol('jaju.address');
type GatedSocket = Socket & { [ADMISSION]?: Admission; [ADDRESS]?: string };

/**
 * Connection caps with our own accounting on the server's `connection` event (node's
 * `server.maxConnections` drops sockets before any HTTP is read, so nothing could still be answered,
 * not even /healthz). Per client address (the socket peer; behind a trusted proxy, in-flight requests
 * per forwarded client instead), then globally; beyond the global cap a small reserve answers only
 * /healthz and /metrics (see reserve()). Sockets turned away are never parsed into work: a request
 * that arrives on one gets its 429/503 and the socket closes; one that stays silent is closed after a
 * second; and when too many are waiting to be told, the rest are closed at once (every socket costs a
 * file descriptor).
 */
export class ConnectionGate {
  private open = 0;
  private reserved = 0;
  private refusing = 0;
  private readonly perAddress = new Map<string, number>();
  private readonly inFlightPerClient = new Map<string, number>();
  /** Reserved sockets that have not sent a request yet, oldest first, with what frees their slot. */
  private readonly silentReserved = new Map<GatedSocket, () => void>();
  private readonly refusalBudget: number;

  constructor(
    readonly limits: ConnectionLimits,
    private readonly addresses: ClientAddresses,
    private readonly observer: ConnectionObserver,
  ) {
    this.refusalBudget = Math.max(16, limits.reservedConnections);
  }

  /** Open client connections (normal and reserved). */
  get openConnections(): number {
    return this.open + this.reserved;
  }

  /** Listener for the server's `connection` event. */
  admit = (raw: Socket): void => {
    const socket = raw as GatedSocket;
    const address = normalizeAddress(socket.remoteAddress);
    socket[ADDRESS] = address;
    const trusted = this.addresses.isTrustedProxy(address);
    if (!trusted && (this.perAddress.get(address) ?? 0) >= this.limits.maxConnectionsPerAddress) return this.refuse(socket, 'per_address');
    if (this.open < this.limits.maxConnections) {
      socket[ADMISSION] = 'normal';
      this.open += 1;
      increment(this.perAddress, address);
      socket.once('close', () => {
        this.open -= 1;
        decrement(this.perAddress, address);
      });
      return;
    }
    if (this.limits.reservedConnections > 0 && this.reserved >= this.limits.reservedConnections) this.evictSilentReserved();
    if (this.reserved < this.limits.reservedConnections) return this.reserve(socket, address);
    this.refuse(socket, 'global');
  };

  /**
   * Beyond the cap, the reserve: a monitoring probe sends its request at once, a flood's sockets
   * mostly do not. When the reserve is full, the oldest reserved socket still silent is closed to make
   * room, so idle sockets cannot hold the reserve against a probe.
   */
  private reserve(socket: GatedSocket, address: string): void {
    socket[ADMISSION] = 'reserved';
    this.reserved += 1;
    increment(this.perAddress, address);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.reserved -= 1;
      decrement(this.perAddress, address);
      this.silentReserved.delete(socket);
    };
    this.silentReserved.set(socket, release);
    socket.setTimeout(RESERVED_IDLE_MS);
    socket.once('close', release);
  }

  private evictSilentReserved(): void {
    const oldest = this.silentReserved.entries().next();
    if (oldest.done) return;
    const [socket, release] = oldest.value;
    release();
    this.observer.refused('global');
    socket.destroy();
  }

  private refuse(socket: GatedSocket, reason: RefusalReason): void {
    this.observer.refused(reason);
    socket[ADMISSION] = reason;
    if (this.refusing >= this.refusalBudget) {
      socket.destroy();
      return;
    }
    this.refusing += 1;
    socket.once('close', () => (this.refusing -= 1));
    // node's server destroys a socket whose timeout fires with nobody listening for it.
    socket.setTimeout(REFUSAL_GRACE_MS);
  }

  /**
   * The error a request must get before any work (connection refused, reserved connection used for
   * anything but monitoring, too many requests in flight from one client behind a trusted proxy), or
   * undefined. Requests that pass and come through a trusted proxy are counted until their response closes.
   */
  check(request: IncomingMessage, response: ServerResponse, path: string): JajuError | undefined {
    const socket = request.socket as GatedSocket;
    const admission = socket[ADMISSION];
    if (admission === 'normal' || admission === undefined) {
      return this.addresses.trustsAnyProxy ? this.checkForwarded(request, response, socket) : undefined;
    }
    if (admission === 'reserved') {
      this.silentReserved.delete(socket);
      if (MONITORING_PATHS.has(path)) return undefined;
      this.observer.refused('global');
      return busy(this.limits.maxConnections);
    }
    return admission === 'per_address'
      ? new JajuError('too_many_connections', `too many connections from this address (server.maxConnectionsPerAddress = ${this.limits.maxConnectionsPerAddress})`)
      : busy(this.limits.maxConnections);
  }

  /** Whether the connection must close after this response (it was refused or only reserved). */
  closesAfterResponse(request: IncomingMessage): boolean {
    const admission = (request.socket as GatedSocket)[ADMISSION];
    return admission !== 'normal' && admission !== undefined;
  }

  private checkForwarded(request: IncomingMessage, response: ServerResponse, socket: GatedSocket): JajuError | undefined {
    if (!this.addresses.isTrustedProxy(socket[ADDRESS] ?? '')) return undefined;
    const client = this.addresses.clientAddress(request);
    if ((this.inFlightPerClient.get(client) ?? 0) >= this.limits.maxConnectionsPerAddress) {
      this.observer.refused('per_address');
      return new JajuError('too_many_connections', `too many requests in flight from this client (server.maxConnectionsPerAddress = ${this.limits.maxConnectionsPerAddress})`);
    }
    increment(this.inFlightPerClient, client);
    response.once('close', () => decrement(this.inFlightPerClient, client));
    return undefined;
  }
}

function busy(maxConnections: number): JajuError {
  return new JajuError('server_busy', `the gateway is at its connection limit (server.maxConnections = ${maxConnections}); try again shortly`);
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function decrement(map: Map<string, number>, key: string): void {
  const value = (map.get(key) ?? 1) - 1;
  if (value <= 0) map.delete(key);
  else map.set(key, value);
}
