import type { Config } from '../config/index.js';
import { composePorts, type ComposedPorts } from './compose-ports.js';
import { createGateway, type Gateway } from './create-gateway.js';
import { createLogger, type Logger } from './logger.js';
import { dataFile, secretFromEnvOrFile } from './secrets.js';

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
  let gateway: Gateway;
  try {
    gateway = createGateway({
      config,
      ports: composed.ports,
      env,
      logger,
      secrets: { adminKey: env[config.server.adminKeyEnv] || undefined, operatorKey: operatorKey.value },
    });
  } catch (error) {
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
      await composed.close();
    },
  };
}
