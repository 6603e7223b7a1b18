import type { Config } from '../config/index.js';
import type { Target } from '../domain/index.js';
import { loadCedar, type Cedar } from './cedar-module.js';
import { compilePolicySet, type PolicyRule } from './compile-policy-set.js';
import { evaluateTarget, type PreparedPolicySet } from './evaluate-target.js';
import { PolicyLoadError } from './policy-load-error.js';
import type { LoadedPolicyEngine, PolicyRequest, TargetVerdict } from './policy-request.js';
import { readPolicySources } from './read-policy-sources.js';
import { requestKey, targetKey } from './verdict-cache-key.js';

/** Verdicts kept before the cache starts over (a few MB); the key space of real traffic is far smaller. */
export const DEFAULT_CACHE_LIMIT = 16_384;

export interface PolicyEngineOptions {
  /** Most verdicts cached; 0 disables the cache (every call asks Cedar). */
  cacheLimit?: number;
}

/** Everything that belongs to one loaded policy set: swapping it swaps the cache with it. */
interface PolicyState {
  version: string;
  prepared: PreparedPolicySet;
  packs: readonly string[];
  rules: readonly PolicyRule[];
  rulesById: ReadonlyMap<string, PolicyRule>;
  readsFindingCounts: boolean;
  cache: Map<string, TargetVerdict>;
}

async function loadState(cedar: Cedar, config: Pick<Config, 'policies' | 'baseDir'>): Promise<PolicyState> {
  const inputs = await readPolicySources(config);
  const compiled = compilePolicySet(cedar, inputs.schema, inputs.sources);
  // Preparsed sets live in Cedar's process-wide store, so ids carry the content hash: two engines
  // (or a reload) never overwrite each other's policies with different ones.
  const prepared: PreparedPolicySet = { policySetId: `jaju-${compiled.version}`, schemaName: `jaju-schema-${compiled.version}` };
  const schemaAnswer = cedar.preparseSchema(prepared.schemaName, compiled.schemaText);
  if (schemaAnswer.type === 'failure') throw new PolicyLoadError(inputs.schema.file, null, schemaAnswer.errors.map((e) => e.message).join('; '));
  const setAnswer = cedar.preparsePolicySet(prepared.policySetId, { staticPolicies: compiled.policies });
  if (setAnswer.type === 'failure') throw new PolicyLoadError('policies', null, setAnswer.errors.map((e) => e.message).join('; '));
  const rules = [...compiled.rules.values()];
  return {
    version: compiled.version,
    prepared,
    packs: inputs.packs,
    rules,
    rulesById: compiled.rules,
    readsFindingCounts: compiled.readsFindingCounts,
    cache: new Map(),
  };
}

/** The verdict's cache key, or null for a request that must not be cached (malformed: it is denied). */
function cacheKey(request: PolicyRequest, target: Target, cut: boolean, includeCounts: boolean): string | null {
  try {
    const requestPart = requestKey(request, includeCounts);
    return requestPart === null ? null : requestPart + targetKey(target, cut);
  } catch {
    return null;
  }
}

class CedarPolicyEngine implements LoadedPolicyEngine {
  private state: PolicyState;

  constructor(
    private readonly cedar: Cedar,
    state: PolicyState,
    private readonly cacheLimit: number,
  ) {
    this.state = state;
  }

  get version(): string {
    return this.state.version;
  }

  get packs(): readonly string[] {
    return this.state.packs;
  }

  get rules(): readonly PolicyRule[] {
    return this.state.rules;
  }

  get cachedVerdicts(): number {
    return this.state.cache.size;
  }

  explain(policyId: string): string | undefined {
    return this.state.rulesById.get(policyId)?.reason ?? undefined;
  }

  evaluate(request: PolicyRequest, target: Target, cut: boolean): TargetVerdict {
    // One read of the state: a reload between the lookup and the store cannot mix versions.
    const state = this.state;
    if (this.cacheLimit === 0) return evaluateTarget(this.cedar, state.prepared, request, target, cut);
    const key = cacheKey(request, target, cut, state.readsFindingCounts);
    if (key === null) return evaluateTarget(this.cedar, state.prepared, request, target, cut);
    const cached = state.cache.get(key);
    if (cached !== undefined) return cached;
    const verdict = evaluateTarget(this.cedar, state.prepared, request, target, cut);
    if (state.cache.size >= this.cacheLimit) state.cache.clear();
    state.cache.set(key, verdict);
    return verdict;
  }

  clearCache(): void {
    this.state.cache.clear();
  }

  async reload(config: Config): Promise<void> {
    const next = await loadState(this.cedar, config);
    this.state = next;
  }
}

/**
 * Loads the core pack, the packs named in config.policies.packs and the files of
 * config.policies.files (resolved against the config's folder), validates every policy against the
 * schema in strict mode, and preparses them. Throws PolicyLoadError on any problem.
 */
export async function loadPolicyEngine(config: Config, options: PolicyEngineOptions = {}): Promise<LoadedPolicyEngine> {
  const cedar = await loadCedar();
  return new CedarPolicyEngine(cedar, await loadState(cedar, config), options.cacheLimit ?? DEFAULT_CACHE_LIMIT);
}
