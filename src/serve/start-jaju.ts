import type { Config } from '../config/index.js';
import { createIndicatorsCache, createTrafficMeter, registerConsole, type ConsoleDeps, type ConsoleHandle } from '../console/index.js';
import { LedgerTail } from '../console/ledger-tail.js';
import { indicatorGauges } from '../control/indicators/index.js';
import { composePorts, type ComposedPorts } from '../gateway/compose-ports.js';
import { createGateway, type Gateway } from '../gateway/create-gateway.js';
import { createLogger, type Logger } from '../gateway/logger.js';
import { explainChatRoute } from '../gateway/pipeline/explain-route.js';
import { observeAudit } from '../gateway/pipeline/observed-audit.js';
import { dataFile, secretFromEnvOrFile } from '../gateway/secrets.js';
import { InMemoryCutRegistry, type CutRegistry } from '../route/cut-registry.js';
import { RedisCutRegistry } from '../route/redis-cut-registry.js';
import { serveRoleIncludes, type ServeRole } from './serve-role.js';

export interface StartOptions {
  config: Config;
  /** What this process serves (docs/architecture.md): the data plane, the console, or both (default). */
  role?: ServeRole;
  env?: NodeJS.ProcessEnv;
  port?: number;
  host?: string;
  logger?: Logger;
  /** Console settings that are not in the config file (tests shorten the key-check delays). */
  console?: Pick<ConsoleDeps, 'throttle' | 'sessions'>;
}

export interface RunningJaju {
  role: ServeRole;
  gateway: Gateway;
  /** The console, when the role includes it. */
  console: ConsoleHandle | undefined;
  composed: ComposedPorts;
  url: string;
  operatorKeySource: 'env' | 'file' | 'generated';
  operatorKeyFile: string;
  close(): Promise<void>;
}

/**
 * The composition root of `jaju serve`: it alone knows both the gateway and the console (neither
 * imports the other, docs/architecture.md). It composes the request path, then starts one HTTP server:
 *  - `gateway`: /v1/*, the admin API, /healthz, /metrics;
 *  - `console`: the dashboard page, /api/*, /healthz, /metrics (with the sovereignty indicator gauges),
 *    over the same config and shared store, with no app traffic;
 *  - `all`: both on one port (the zero-configuration default of `npm start`).
 */
export async function startJaju(options: StartOptions): Promise<RunningJaju> {
  const env = options.env ?? process.env;
  const role = options.role ?? 'all';
  const { config } = options;
  const logger = options.logger ?? createLogger(config.server.logLevel);
  const composed = await composePorts(config, env);
  const operatorKeyFile = dataFile(composed.dataDir, 'operator.key');
  const withConsole = serveRoleIncludes(role, 'console');
  const dataPlane = serveRoleIncludes(role, 'gateway');
  // Every role knows the operator key: the console logs operators in, the gateway lets them preview routes.
  const operatorKey = secretFromEnvOrFile(env, config.server.operatorKeyEnv, operatorKeyFile);
  // The console's live traffic meter sees every record: in-process through the audit observers when this
  // process serves the traffic, otherwise by tailing the shared ledger that the gateways append to.
  const meter = withConsole ? createTrafficMeter(config) : undefined;
  const ports = meter && dataPlane ? { ...composed.ports, audit: observeAudit(composed.ports.audit, [meter.observe]) } : composed.ports;
  const tail = meter && !dataPlane ? new LedgerTail(composed.ledger, [meter.observe], { onError: (error) => logger.warn({ err: error.message }, 'console: reading new ledger records failed; retrying') }) : undefined;
  let gateway: Gateway;
  let cuts: CutRegistry | undefined;
  let consoleHandle: ConsoleHandle | undefined;
  try {
    // Cuts must reach every instance at once when there are several: Redis when configured (docs/design.md §7).
    cuts = config.state.redis
      ? await RedisCutRegistry.connect(config.state.redis, {
          keyPrefix: config.state.keyPrefix,
          onError: (error) => logger.error({ err: error.message }, 'shared cut registry (Redis) error; enforcing the last cuts seen'),
        })
      : new InMemoryCutRegistry();
    await tail?.start();
    gateway = createGateway({
      config,
      ports,
      cuts,
      env,
      logger,
      dataPlane,
      secrets: { adminKey: env[config.server.adminKeyEnv] || undefined, operatorKey: operatorKey.value },
      extend: (router, runtime, metrics) => {
        if (!meter) return;
        const indicators = createIndicatorsCache(config, composed.ledger, composed.dataDir);
        consoleHandle = registerConsole(router, {
          estate: runtime,
          audit: runtime.ports.audit,
          explainRoute: (caller, body, grade) => explainChatRoute(runtime, caller, body, grade),
          ledger: composed.ledger,
          engine: composed.engine,
          dataDir: composed.dataDir,
          meter,
          indicators,
          // A cut from the page must reach the traffic: this process serves it, or the registry is shared.
          cutsReachGateways: dataPlane || config.state.redis !== undefined,
          metrics: metrics.registry,
          ...options.console,
        });
        // /metrics and the overview share one cached computation of the indicators. They are estate-wide
        // figures from the shared ledger, so the process that runs the console exports them (not every replica).
        metrics.setIndicatorSource(async () => {
          const report = (await indicators.get()).report;
          return report ? indicatorGauges(report) : {};
        });
      },
    });
  } catch (error) {
    await tail?.stop();
    await cuts?.close();
    await composed.close();
    throw error;
  }
  let address: { url: string };
  try {
    address = await gateway.listen(options.port ?? config.server.port, options.host ?? config.server.host);
  } catch (error) {
    await tail?.stop();
    await gateway.close(0);
    await cuts.close();
    await composed.close();
    throw error;
  }
  return {
    role,
    gateway,
    console: consoleHandle,
    composed,
    url: address.url,
    operatorKeySource: operatorKey.source,
    operatorKeyFile,
    async close() {
      await gateway.close();
      await tail?.stop();
      await cuts?.close();
      await composed.close();
    },
  };
}
