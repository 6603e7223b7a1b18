import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/index.js';
import { isJajuError } from '../domain/index.js';
import { InMemoryCircuitStore, type CircuitStore } from '../route/circuit-store.js';
import { InMemoryCutRegistry, type CutRegistry } from '../route/cut-registry.js';
import { handleAdminStatus, handleCrisis, handleCut, handleRestore } from './handlers/admin.js';
import { handleChatCompletions } from './handlers/chat-completions.js';
import { handleEmbeddings } from './handlers/embeddings.js';
import { handleHealth } from './handlers/health.js';
import { handleModels } from './handlers/models.js';
import { handleRoutePreview } from './handlers/route-preview.js';
import type { RequestContext } from './http/request-context.js';
import { Router } from './http/router.js';
import { sendError } from './http/send.js';
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
}

export interface Gateway {
  runtime: GatewayRuntime;
  metrics: GatewayMetrics;
  server: Server;
  router: Router;
  /** Starts listening; port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<{ host: string; port: number; url: string }>;
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
    { adminKey: options.secrets?.adminKey, operatorKey: options.secrets?.operatorKey },
    env,
  );

  const metrics = new GatewayMetrics(runtime, { defaultMetrics: options.defaultMetrics ?? true });
  runtime.ports.audit = observeAudit(runtime.ports.audit, [metrics.observeRecord]);

  const router = new Router()
    .on('POST', '/v1/chat/completions', (context) => handleChatCompletions(context, runtime))
    .on('POST', '/v1/embeddings', (context) => handleEmbeddings(context, runtime))
    .on('GET', '/v1/models', (context) => handleModels(context, runtime))
    .on('POST', '/v1/route/preview', (context) => handleRoutePreview(context, runtime))
    .on('GET', '/healthz', (context) => handleHealth(context, runtime))
    .on('GET', '/admin/status', (context) => handleAdminStatus(context, runtime))
    .on('GET', '/admin/cuts', (context) => handleAdminStatus(context, runtime))
    .on('POST', '/admin/cuts', (context) => handleCut(context, runtime))
    .on('DELETE', '/admin/cuts', (context) => handleRestore(context, runtime))
    .on('POST', '/admin/cuts/restore', (context) => handleRestore(context, runtime))
    .on('POST', '/admin/crisis', (context) => handleCrisis(context, runtime))
    .on('GET', '/metrics', async (context) => {
      const text = await metrics.registry.metrics();
      context.response.writeHead(200, { 'content-type': metrics.registry.contentType, 'content-length': Buffer.byteLength(text) });
      context.response.end(text);
    });
  options.extend?.(router, runtime, metrics);

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
    try {
      await router.resolve(request.method ?? 'GET', context.path)(context);
    } catch (error) {
      if (!isJajuError(error)) logger.error({ requestId: context.requestId, path: context.path, err: (error as Error)?.stack ?? String(error) }, 'unhandled error');
      sendError(response, error, { 'x-jaju-decision-id': context.requestId });
    }
    metrics.observeHttp(router.routeLabel(context.path), response.statusCode);
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

  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (request, response) => {
    void handle(request, response);
  });
  server.on('clientError', (error, socket) => {
    // Malformed HTTP never reaches a handler: answer 400 and close, as node would, without crashing.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    logger.debug({ err: (error as Error).message }, 'client error');
  });

  return {
    runtime,
    metrics,
    server,
    router,
    listen(port = options.config.server.port, host = options.config.server.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` });
        });
      });
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
      await runtime.close();
    },
  };
}
