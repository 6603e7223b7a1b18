import type { Config } from '../../../config/index.js';
import type { EstateComponent } from '../inventory/components.js';
import type { Contradiction } from '../model.js';

/**
 * The gateway config's providers as cloud- and model-layer components (`--config`), so the estate's
 * model routes need not be retyped. A provider the inventory already describes (a cloud or model entry
 * with `provider: <id>`) is not imported again; where the two disagree on a country, that is reported
 * as a contradiction (the config is what the gateway enforces).
 */
export function configComponents(config: Config, inventory: readonly EstateComponent[]): { components: EstateComponent[]; contradictions: Contradiction[] } {
  const components: EstateComponent[] = [];
  const contradictions: Contradiction[] = [];
  const models = new Map<string, string[]>();
  // Failover alternatives of a provider: in every alias that routes to it, the other providers the alias
  // can fall back to; the fewest over its aliases (a provider some alias depends on alone has none).
  const alternatives = new Map<string, number>();
  for (const alias of config.models) {
    const providers = new Set(alias.targets.map((target) => target.provider));
    for (const target of alias.targets) {
      models.set(target.provider, [...(models.get(target.provider) ?? []), target.model]);
      alternatives.set(target.provider, Math.min(alternatives.get(target.provider) ?? Infinity, providers.size - 1));
    }
  }
  config.providers.forEach((provider, index) => {
    const profile = provider.sovereignty;
    const at = `config:providers[${index}]`;
    const linked = inventory.filter((component) => (component.layer === 'cloud' || component.layer === 'models') && component.provider === provider.id);
    for (const component of linked) {
      const declared = component.layer === 'cloud' ? component.hostingCountry : component.hostingCountry;
      if (declared !== undefined && declared !== profile.hostingCountry) {
        contradictions.push({
          claim: `${component.path}.hostingCountry`,
          declared,
          observed: profile.hostingCountry,
          source: `${at}.sovereignty.hostingCountry`,
          message: `the inventory says ${component.id} is hosted in ${declared}, the gateway config routes provider ${provider.id} to ${profile.hostingCountry}`,
        });
      }
    }
    const common = {
      supplier: provider.id,
      supplierCountry: profile.operatorCountry,
      // A provider no alias routes to carries no traffic: listed, but nothing depends on it.
      critical: alternatives.has(provider.id),
      foreignLaws: [] as string[],
      alternatives: { count: Number.isFinite(alternatives.get(provider.id)) ? alternatives.get(provider.id)! : 0, tested: false },
      exit: { dataPortability: false, sourceEscrow: false },
      certifications: profile.certifications,
      hostingCountry: profile.hostingCountry,
      pilot: false,
      evidence: [`${config.source ?? 'config'} providers[${index}] (${provider.id})`],
      source: 'config' as const,
    };
    const fieldPaths = {
      supplierCountry: `${at}.sovereignty.operatorCountry`,
      hostingCountry: `${at}.sovereignty.hostingCountry`,
      certifications: `${at}.sovereignty.certifications`,
      deployment: `${at}.sovereignty.deployment`,
      critical: `config:models[].targets (provider ${provider.id})`,
      'alternatives.count': `config:models[].targets (other providers of the aliases routing to ${provider.id})`,
      weightsOrigin: `${at}.sovereignty.weightsOrigin`,
      openWeights: `${at}.sovereignty.openWeights`,
    };
    if (!linked.some((component) => component.layer === 'cloud')) {
      components.push({ ...common, layer: 'cloud', id: `config:${provider.id}`, name: `${provider.id} (gateway provider)`, deployment: profile.deployment, grades: profile.accreditedGrades, provider: provider.id, path: at, fieldPaths });
    }
    if (!linked.some((component) => component.layer === 'models')) {
      const weightsOrigin = /^[A-Z]{2}$/.test(profile.weightsOrigin) ? profile.weightsOrigin : undefined;
      components.push({
        ...common,
        layer: 'models',
        id: `config:${provider.id}:models`,
        name: `${(models.get(provider.id) ?? []).join(', ') || 'models'} on ${provider.id}`,
        supplierCountry: weightsOrigin ?? profile.operatorCountry,
        weightsOrigin,
        openWeights: profile.openWeights,
        lineage: 'unknown',
        provider: provider.id,
        path: at,
        fieldPaths: { ...fieldPaths, supplierCountry: weightsOrigin ? `${at}.sovereignty.weightsOrigin` : `${at}.sovereignty.operatorCountry` },
      });
    }
  });
  return { components, contradictions };
}
