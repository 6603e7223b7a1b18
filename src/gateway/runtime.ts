import type { Config, ProviderConfig } from '../config/index.js';
import type { Target } from '../domain/index.js';
import type { ProviderAdapter } from '../providers/index.js';
import { createProvider } from '../providers/index.js';
import type { CircuitStore } from '../route/circuit-store.js';
import type { CutRegistry } from '../route/cut-registry.js';
import { aliasTargets, type AliasRoute } from '../route/alias-targets.js';
import { AppAuthenticator } from './auth/app-authenticator.js';
import { ClientAddresses } from './http/client-address.js';
import type { Logger } from './logger.js';
import type { GatewayPorts } from './pipeline/ports.js';

export type { AliasRoute };

/**
 * Everything a request handler needs, built once at start-up: no per-request disk reads, no
 * per-request config parsing.
 */
export class GatewayRuntime {
  readonly apps: AppAuthenticator;
  readonly aliases = new Map<string, AliasRoute>();
  readonly providers = new Map<string, { config: ProviderConfig; adapter: ProviderAdapter }>();
  /** Set by an operator during a crisis; visible to policies as context.crisis. */
  crisis = false;
  /** Who the client of a request is (server.trustedProxies): per-address caps, login throttling. */
  readonly clientAddresses: ClientAddresses;

  constructor(
    readonly config: Config,
    readonly ports: GatewayPorts,
    readonly cuts: CutRegistry,
    readonly circuits: CircuitStore,
    readonly logger: Logger,
    readonly secrets: { adminKey: string | undefined; operatorKey: string | undefined },
    env: NodeJS.ProcessEnv,
    /** false: the process serves no app traffic (`jaju serve --role console`), so app and provider keys are not needed. */
    readonly dataPlane = true,
  ) {
    this.apps = new AppAuthenticator(config.apps, env, { requireKeys: dataPlane });
    this.clientAddresses = new ClientAddresses(config.server.trustedProxies);
    for (const provider of config.providers) {
      if (dataPlane && provider.apiKeyEnv && !env[provider.apiKeyEnv]) {
        logger.warn({ provider: provider.id, apiKeyEnv: provider.apiKeyEnv }, 'provider key variable is not set: calls go without credentials');
      }
      this.providers.set(provider.id, { config: provider, adapter: createProvider(provider, env) });
    }
    for (const [alias, targets] of aliasTargets(config)) this.aliases.set(alias, { alias, targets });
  }

  /** Aliases an app may call (all, unless its config lists some). */
  aliasesFor(appConfig: { models?: string[] | undefined }): string[] {
    return appConfig.models ?? [...this.aliases.keys()];
  }

  isCut = (target: Target): boolean => this.cuts.isCut(target.provider, target.profile);

  isHealthy = (target: Target): boolean => this.circuits.state(target.provider) === 'closed';

  provider(id: string): { config: ProviderConfig; adapter: ProviderAdapter } {
    const provider = this.providers.get(id);
    if (!provider) throw new Error(`unknown provider ${id}`);
    return provider;
  }

  async close(): Promise<void> {
    await Promise.all([...this.providers.values()].map((provider) => provider.adapter.close()));
  }
}
