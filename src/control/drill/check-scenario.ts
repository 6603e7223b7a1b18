import type { Config, ConfigIssue } from '../../config/index.js';
import { cutScopeMatches, describeCutScope } from '../../domain/index.js';
import { ScenarioError } from './load-scenario.js';
import type { Scenario } from './scenario-schema.js';

/**
 * Checks a scenario against the config it is replayed with. A provider the config does not know is an
 * error (a typo would otherwise drill nothing); a jurisdiction or tier that matches no provider is only
 * a warning, because a generic scenario ("all foreign cloud cut") may well not apply to a given estate.
 */
export function checkScenario(scenario: Scenario, config: Pick<Config, 'providers'>): string[] {
  const known = config.providers.map((provider) => provider.id);
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  scenario.cuts.forEach((scope, index) => {
    if ('provider' in scope) {
      if (!known.includes(scope.provider)) issues.push({ path: `cuts[${index}].provider`, message: `unknown provider "${scope.provider}" (config has: ${known.join(', ') || 'none'})` });
      return;
    }
    if (!config.providers.some((provider) => cutScopeMatches(scope, provider.id, provider.sovereignty))) {
      warnings.push(`cuts[${index}] (${describeCutScope(scope)}) matches no provider of the config`);
    }
  });
  scenario.capacity.forEach((limit, index) => {
    if (!known.includes(limit.provider)) issues.push({ path: `capacity[${index}].provider`, message: `unknown provider "${limit.provider}" (config has: ${known.join(', ') || 'none'})` });
  });
  if (issues.length > 0) throw new ScenarioError(scenario.file, issues);
  return warnings;
}
