import OpenAI from 'openai';
import { parseConfig, type ConfigInput } from '../../src/config/index.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/gateway/create-gateway.js';
import { createLogger } from '../../src/gateway/logger.js';
import type { GatewayPorts } from '../../src/gateway/pipeline/ports.js';

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  /** The separate metrics listener's /metrics, when server.metrics.port is set. */
  metricsUrl: string | undefined;
  /** An official OpenAI client pointed at the gateway with the given app key. */
  client(apiKey: string, options?: { maxRetries?: number; timeout?: number }): OpenAI;
  /** Raw fetch against the gateway. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Starts a real gateway on 127.0.0.1:0 with the given config. Call `close()` in an after hook. */
export async function startGateway(
  configInput: ConfigInput,
  ports: GatewayPorts,
  options: Partial<Omit<GatewayOptions, 'config' | 'ports'>> = {},
): Promise<RunningGateway> {
  const config = parseConfig({ ...configInput, server: { logLevel: 'silent', ...configInput.server } });
  const gateway = createGateway({
    config,
    ports,
    logger: createLogger(process.env['JAJU_TEST_LOG'] ?? 'silent'),
    defaultMetrics: false,
    ...options,
  });
  const { url, metricsUrl } = await gateway.listen(0, '127.0.0.1');
  return {
    gateway,
    url,
    metricsUrl,
    client: (apiKey, clientOptions = {}) =>
      new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: clientOptions.maxRetries ?? 0, timeout: clientOptions.timeout ?? 20_000 }),
    fetch: (path, init) => fetch(`${url}${path}`, init),
    close: () => gateway.close(100),
  };
}
