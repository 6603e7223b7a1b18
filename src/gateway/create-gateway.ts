import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Config } from '../config/index.js';
import { JajuError, isJajuError } from '../domain/index.js';
import { InMemoryCircuitStore, type CircuitStore } from '../route/circuit-store.js';
import { InMemoryCutRegistry, type CutRegistry } from '../route/cut-registry.js';
import { handleAdminStatus, handleCrisis, handleCut, handleRestore } from './handlers/admin.js';
import { handleChatCompletions } from './handlers/chat-completions.js';
import { handleEmbeddings } from './handlers/embeddings.js';
import { handleHealth } from './handlers/health.js';
import { metricsHandler } from './handlers/metrics.js';
import { handleModels } from './handlers/models.js';
import { handleRoutePreview } from './handlers/route-preview.js';
import { ConnectionGate } from './http/connection-gate.js';
import { autoMaxConnections, NON_CLIENT_DESCRIPTORS, openFileLimit } from './http/open-file-limit.js';
import type { RequestContext } from '../http/request-context.js';
import { Router } from '../http/router.js';
import { sendError } from '../http/send.js';
import { createLogger, type Logger } from './logger.js';
import { GatewayMetrics } from './metrics/gateway-metrics.js';
import { observeAudit } from './pipeline/observed-audit.js';
import type { GatewayPorts } from './pipeline/ports.js';
import { GatewayRuntime } from './runtime.js';

export interface GatewayOptions {
  config: Config;
  ports: GatewayPorts;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  cuts?: CutRegistry;
  circuits?: CircuitStore;
  /** Keys read by the composition root (env or generated files). */
  secrets?: { adminKey?: string | undefined; operatorKey?: string | undefined };
  /** Adds routes (dashboard, control plane) once the runtime exists. */
  extend?: (router: Router, runtime: GatewayRuntime, metrics: GatewayMetrics) => void;
  /** Process-level default metrics (event loop, memory) on /metrics; tests turn them off. */
  defaultMetrics?: boolean;
  /**
   * false: serve no app traffic and no admin API (/v1/*, /admin/* are 404), only /healthz, /metrics and
   * what `extend` adds — the server of `jaju serve --role console`. Default true.
   */
  dataPlane?: boolean;
}

export interface Gateway {
  runtime: GatewayRuntime;
  metrics: GatewayMetrics;
  server: Server;
  router: Router;
  /** Connection caps in force (server.maxConnections resolved). */
  gate: ConnectionGate;
  /** Starts listening (and the separate metrics listener when server.metrics.port is set); port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<{ host: string; port: number; url: string; metricsUrl?: string }>;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), closes upstream pools. */
  close(graceMs?: number): Promise<void>;
}

/** Builds the gateway: one node:http server, the runtime, and the routes of docs/design.md §4.3. */
export function createGateway(options: GatewayOptions): Gateway {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(options.config.server.logLevel);
  const runtime = new GatewayRuntime(
    options.config,
    options.ports,
    options.cuts ?? new InMemoryCutRegistry(),
    options.circuits ?? new InMemoryCircuitStore(),
    logger,
    {
      adminKey: options.secrets?.adminKey,
      operatorKey: options.secrets?.operatorKey,
      metricsToken: env[options.config.server.metrics.tokenEnv] || undefined,
    },
    env,
    options.dataPlane ?? true,
  );
  const serverConfig = options.config.server;

  const metrics = new GatewayMetrics(runtime, { defaultMetrics: options.defaultMetrics ?? true });
  runtime.ports.audit = observeAudit(runtime.ports.audit, [metrics.observeRecord]);

  const router = new Router();
  if (runtime.dataPlane) {
    router
      .on('POST', '/v1/chat/completions', (context) => handleChatCompletions(context, runtime))
      .on('POST', '/v1/embeddings', (context) => handleEmbeddings(context, runtime))
      .on('GET', '/v1/models', (context) => handleModels(context, runtime))
      .on('POST', '/v1/route/preview', (context) => handleRoutePreview(context, runtime))
      .on('GET', '/admin/status', (context) => handleAdminStatus(context, runtime))
      .on('GET', '/admin/cuts', (context) => handleAdminStatus(context, runtime))
      .on('POST', '/admin/cuts', (context) => handleCut(context, runtime))
      .on('DELETE', '/admin/cuts', (context) => handleRestore(context, runtime))
      .on('POST', '/admin/cuts/restore', (context) => handleRestore(context, runtime))
      .on('POST', '/admin/crisis', (context) => handleCrisis(context, runtime));
  }
  router.on('GET', '/healthz', (context) => handleHealth(context, runtime));
  // On its own listener when one is configured (open there unless a metrics token is set), else here behind a credential.
  const separateMetrics = serverConfig.metrics.port !== null;
  if (!separateMetrics) router.on('GET', '/metrics', metricsHandler(runtime, metrics, { open: false }));
  options.extend?.(router, runtime, metrics);

  const fileLimit = openFileLimit();
  const maxConnections = serverConfig.maxConnections === 'auto' ? autoMaxConnections(fileLimit) : serverConfig.maxConnections;
  if (fileLimit !== undefined && maxConnections * 2 + NON_CLIENT_DESCRIPTORS > fileLimit) {
    logger.warn({ maxConnections, openFileLimit: fileLimit }, 'server.maxConnections is close to the open-file limit (ulimit -n): raise the limit or lower the cap');
  }
  const gate = new ConnectionGate(
    { maxConnections, maxConnectionsPerAddress: serverConfig.maxConnectionsPerAddress, reservedConnections: serverConfig.reservedConnections },
    runtime.clientAddresses,
    { refused: metrics.observeConnectionRefused },
  );
  metrics.setConnectionSource(() => gate.openConnections);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const startedAt = Date.now();
    // The abort machinery is created only when a handler asks for it: most requests never need a signal.
    let controller: AbortController | undefined;
    let gone = false;
    let goneListeners: (() => void)[] | undefined;
    response.on('close', () => {
      if (response.writableFinished) return;
      gone = true;
      controller?.abort();
      if (goneListeners) for (const listener of goneListeners) listener();
    });
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const context: RequestContext = {
      request,
      response,
      path: queryAt === -1 ? url : url.slice(0, queryAt),
      query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
      requestId: randomUUID(),
      startedAt,
      get clientSignal() {
        if (!controller) {
          controller = new AbortController();
          if (gone) controller.abort();
        }
        return controller.signal;
      },
      get clientGone() {
        return gone;
      },
      onClientGone(listener) {
        (goneListeners ??= []).push(listener);
        return () => {
          const index = goneListeners!.indexOf(listener);
          if (index !== -1) goneListeners!.splice(index, 1);
        };
      },
    };
    const route = router.routeLabel(context.path);
    try {
      if (gate.closesAfterResponse(request)) response.setHeader('connection', 'close');
      const refusal = gate.check(request, response, context.path);
      if (refusal) throw refusal;
      await router.resolve(request.method ?? 'GET', context.path)(context);
    } catch (error) {
      if (!isJajuError(error)) logger.error({ requestId: context.requestId, path: context.path, err: (error as Error)?.stack ?? String(error) }, 'unhandled error');
      else if (error.code === 'invalid_api_key') metrics.observeUnauthenticated(route);
      else if (error.code === 'request_timeout') metrics.observeTimeout(error.details?.['limit'] === 'server.bodyIdleTimeoutMs' ? 'body_idle' : 'body_total');
      // A request answered before its body was read (or whose body stalled) must not keep the connection:
      // node would otherwise read and discard the rest of the body, at the client's pace.
      if (bodyPending(request) && !response.headersSent) response.setHeader('connection', 'close');
      sendError(response, error, { 'x-jaju-decision-id': context.requestId });
    }
    metrics.observeHttp(route, response.statusCode);
    if (logger.isLevelEnabled('debug') || response.statusCode >= 500) {
      logger[response.statusCode >= 500 ? 'warn' : 'debug'](
        {
          requestId: context.requestId,
          method: request.method,
          path: context.path,
          status: response.statusCode,
          provider: response.getHeader('x-jaju-provider'),
          ms: Date.now() - startedAt,
        },
        'request',
      );
    }
  };

  const server = createServer(serverOptions(serverConfig), (request, response) => {
    void handle(request, response);
  });
  server.on('connection', gate.admit);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Malformed or too slow HTTP never reaches a handler: answer as node would (408, 431, 400), as an
    // OpenAI-style error, and close, without crashing.
    const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') metrics.observeTimeout(pending ? 'request' : 'headers');
    if (socket.writable && !pending?.headersSent) socket.write(rawError(clientErrorOf(error, serverConfig.headersTimeoutMs)));
    socket.destroy();
    logger.debug({ err: error.message, code: error.code }, 'client error');
  });

  // /metrics (and /healthz, for probes) on an address of their own: its own small connection budget,
  // so a flood of the main listener cannot take monitoring with it.
  const metricsServer = separateMetrics ? createMetricsServer(runtime, metrics, serverConfig, logger) : undefined;

  return {
    runtime,
    metrics,
    server,
    router,
    gate,
    async listen(port = serverConfig.port, host = serverConfig.host) {
      const main = await listenOn(server, port, host);
      logger.debug({ maxConnections, maxConnectionsPerAddress: serverConfig.maxConnectionsPerAddress, openFileLimit: fileLimit ?? null }, 'connection caps');
      if (!metricsServer) return main;
      const metricsAddress = await listenOn(metricsServer, serverConfig.metrics.port ?? 0, serverConfig.metrics.host);
      return { ...main, metricsUrl: `${metricsAddress.url}/metrics` };
    },
    async close(graceMs = 5_000) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      if (metricsServer?.listening) {
        metricsServer.closeAllConnections();
        await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      }
      await runtime.close();
    },
  };
}

/**
 * node:http's own timeouts, from server.*: the head must arrive within headersTimeoutMs (node's
 * requestTimeout 0 would also switch this off); requestTimeout is a backstop for bodies no handler
 * reads (readJsonBody enforces the body timeouts itself, with a proper 408); checked often enough that
 * a slow client is closed within about a quarter of the header timeout.
 */
function serverOptions(server: Config['server']) {
  return {
    keepAliveTimeout: server.keepAliveTimeoutMs,
    headersTimeout: server.headersTimeoutMs,
    requestTimeout: server.headersTimeoutMs + server.bodyTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(server.headersTimeoutMs / 4))),
  };
}

/** The request has a body that has not been read to its end. */
function bodyPending(request: IncomingMessage): boolean {
  if (request.complete) return false;
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The error a client gets for HTTP node could not read, or read too slowly. */
function clientErrorOf(error: NodeJS.ErrnoException, headersTimeoutMs: number): JajuError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new JajuError('request_timeout', `request not received within ${headersTimeoutMs} ms (server.headersTimeoutMs)`);
  if (error.code === 'HPE_HEADER_OVERFLOW') return new JajuError('headers_too_large', 'request headers too large');
  return new JajuError('invalid_request', 'malformed HTTP request');
}

/** A whole HTTP/1.1 response, for a socket no ServerResponse owns. */
function rawError(error: JajuError): string {
  const body = JSON.stringify(error.toBody());
  const reason = error.status === 408 ? 'Request Timeout' : error.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  return `HTTP/1.1 ${error.status} ${reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function listenOn(server: Server, port: number, host: string): Promise<{ host: string; port: number; url: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` });
    });
  });
}

/** Connections the separate metrics listener keeps at once: Prometheus and a few probes. */
const METRICS_LISTENER_CONNECTIONS = 64;

function createMetricsServer(runtime: GatewayRuntime, metrics: GatewayMetrics, serverConfig: Config['server'], logger: Logger): Server {
  const router = new Router()
    .on('GET', '/metrics', metricsHandler(runtime, metrics, { open: true }))
    .on('GET', '/healthz', (context) => handleHealth(context, runtime));
  const server = createServer(serverOptions(serverConfig), (request, response) => {
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const context = { request, response, path, query: new URLSearchParams(), requestId: randomUUID(), startedAt: Date.now() } as RequestContext;
    Promise.resolve()
      .then(() => router.resolve(request.method ?? 'GET', path)(context))
      .catch((error: unknown) => {
        if (isJajuError(error) && error.code === 'invalid_api_key') metrics.observeUnauthenticated('/metrics');
        else if (!isJajuError(error)) logger.error({ err: (error as Error)?.message }, 'metrics listener error');
        sendError(response, error);
      });
  });
  server.maxConnections = METRICS_LISTENER_CONNECTIONS;
  server.on('clientError', (_error, socket: Socket) => socket.destroy());
  return server;
}
