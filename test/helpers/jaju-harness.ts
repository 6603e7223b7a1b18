import { join } from 'node:path';
import OpenAI from 'openai';
import { parseConfig, type ConfigInput } from '../../src/config/index.js';
import { createLogger } from '../../src/gateway/logger.js';
import { startJaju, type RunningJaju } from '../../src/serve/start-jaju.js';

export interface RealJaju {
  jaju: RunningJaju;
  url: string;
  client(apiKey: string, options?: { maxRetries?: number; timeout?: number }): OpenAI;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts jaju exactly as `jaju serve` does — real detection, Cedar policies, pseudonymizer and SQLite
 * ledger (in `dataDir`) — on 127.0.0.1:0. Call `close()` in an after hook.
 */
export async function startRealJaju(configInput: ConfigInput, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RealJaju> {
  const config = parseConfig(
    { store: { sqlite: join(dataDir, 'jaju.db') }, ...configInput, server: { logLevel: 'silent', ...configInput.server } },
    null,
    dataDir,
  );
  const jaju = await startJaju({ config, env, port: 0, host: '127.0.0.1', logger: createLogger(process.env['JAJU_TEST_LOG'] ?? 'silent') });
  return {
    jaju,
    url: jaju.url,
    client: (apiKey, options = {}) => new OpenAI({ apiKey, baseURL: `${jaju.url}/v1`, maxRetries: options.maxRetries ?? 0, timeout: options.timeout ?? 20_000 }),
    fetch: (path, init) => fetch(`${jaju.url}${path}`, init),
    close: () => jaju.close(),
  };
}
