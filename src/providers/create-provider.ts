import type { ProviderConfig } from '../config/index.js';
import { AnthropicProvider } from './anthropic-provider.js';
import { OpenAiCompatibleProvider } from './openai-compatible-provider.js';
import type { ProviderAdapter } from './provider.js';

/** Builds the adapter for one configured provider; the key is read from its env variable here and nowhere else. */
export function createProvider(config: ProviderConfig, env: NodeJS.ProcessEnv): ProviderAdapter {
  const apiKey = config.apiKeyEnv ? env[config.apiKeyEnv] : undefined;
  const options = { id: config.id, baseUrl: config.baseUrl, apiKey, headers: config.headers };
  switch (config.type) {
    case 'openai-compatible':
      return new OpenAiCompatibleProvider(options);
    case 'anthropic':
      return new AnthropicProvider(options);
  }
}
