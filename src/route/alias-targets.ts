import type { Config } from '../config/index.js';
import type { Target } from '../domain/index.js';

/** A model alias and its targets, in config order. */
export interface AliasRoute {
  alias: string;
  targets: Target[];
}

/** Every alias of the config with its targets and their providers' sovereignty profiles, in config order. */
export function aliasTargets(config: Pick<Config, 'models' | 'providers'>): Map<string, Target[]> {
  const profiles = new Map(config.providers.map((provider) => [provider.id, provider.sovereignty]));
  const out = new Map<string, Target[]>();
  for (const model of config.models) {
    out.set(
      model.alias,
      model.targets.map((target, order) => {
        const profile = profiles.get(target.provider);
        if (!profile) throw new Error(`alias ${model.alias}: unknown provider ${target.provider}`);
        return { provider: target.provider, model: target.model, profile, order };
      }),
    );
  }
  return out;
}
