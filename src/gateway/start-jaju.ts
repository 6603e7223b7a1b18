import type { Config } from '../config/index.js';
import { composePorts, type ComposedPorts } from './compose-ports.js';
import { createGateway, type Gateway } from './create-gateway.js';
import { indicatorGauges } from '../control/indicators/index.js';
import { createTrafficMeter, registerDashboard } from './dashboard/index.js';
import { createLogger, type Logger } from './logger.js';
import { observeAudit } from './pipeline/observed-audit.js';
import { dataFile, secretFromEnvOrFile } from './secrets.js';
import { InMemoryCutRegistry, type CutRegistry } from '../route/cut-registry.js';
import { RedisCutRegistry } from '../route/redis-cut-registry.js';

export interface StartOptions {
  config: Config;
  env?: NodeJS.ProcessEnv;
  port?: number;
  host?: string;
  logger?: Logger;
}

export interface RunningJaju {
  gateway: Gateway;
  composed: ComposedPorts;
  url: string;
  operatorKeySource: 'env' | 'file' | 'generated';
  operatorKeyFile: string;
  close(): Promise<void>;
}

/** Everything `jaju serve` runs: the composed request path, the gateway, and its control routes. */
export async function startJaju(options: StartOptions): Promise<RunningJaju> {
  const env = options.env ?? process.env;
  const { config } = options;
  const logger = options.logger ?? createLogger(config.server.logLevel);
  const composed = await composePorts(config, env);
  const operatorKeyFile = dataFile(composed.dataDir, 'operator.key');
  const operatorKey = secretFromEnvOrFile(env, config.server.operatorKeyEnv, operatorKeyFile);
  // The dashboard's live traffic meter sees every record the gateway appends.
  const meter = createTrafficMeter(config);
  const ports = { ...composed.ports, audit: observeAudit(composed.ports.audit, [meter.observe]) };
  let gateway: Gateway;
  let cuts: CutRegistry | undefined;
  try {
    // Cuts must reach every instance at once when there are several: Redis when configured (docs/design.md §7).
    cuts = config.state.redis
      ? await RedisCutRegistry.connect(config.state.redis, {
          keyPrefix: config.state.keyPrefix,
          onError: (error) => logger.error({ err: error.message }, 'shared cut registry (Redis) error; enforcing the last cuts seen'),
        })
      : new InMemoryCutRegistry();
    gateway = createGateway({
      config,
      ports,
      cuts,
      env,
      logger,
      secrets: { adminKey: env[config.server.adminKeyEnv] || undefined, operatorKey: operatorKey.value },
      extend: (router, runtime, metrics) => {
        const dashboard = registerDashboard(router, runtime, { ledger: composed.ledger, engine: composed.engine, dataDir: composed.dataDir, meter });
        // /metrics and the overview share one cached computation of the indicators.
        metrics.setIndicatorSource(async () => {
          const report = (await dashboard.indicators.get()).report;
          return report ? indicatorGauges(report) : {};
        });
      },
    });
  } catch (error) {
    await cuts?.close();
    await composed.close();
    throw error;
  }
  const address = await gateway.listen(options.port ?? config.server.port, options.host ?? config.server.host);
  return {
    gateway,
    composed,
    url: address.url,
    operatorKeySource: operatorKey.source,
    operatorKeyFile,
    async close() {
      await gateway.close();
      await cuts?.close();
      await composed.close();
    },
  };
}
