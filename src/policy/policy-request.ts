import type { Config } from '../config/index.js';
import type { App, FindingCounts, FindingType, Grade, SendMode, Target } from '../domain/index.js';
import type { PolicyRule } from './compile-policy-set.js';

/** One request, as the policy engine sees it. */
export interface PolicyRequest {
  app: App;
  /** Effective grade (already max(app grade, x-jaju-grade header)). */
  grade: Grade;
  /** Finding counts of the raw request. */
  findings: FindingCounts;
  /** Home jurisdiction (config.home). */
  home: string;
  crisis: boolean;
  /** Finding types the pseudonymizer replaces; the pseudonymized step's context carries only the others. */
  pseudonymizedTypes: readonly FindingType[];
}

/** What the engine decided for one target of the alias. */
export type TargetVerdict =
  /** policies: Cedar's determining permit ids. */
  | { permitted: true; mode: SendMode; policies: string[] }
  /** reasons: forbid ids, "no policy permits …", or engine error text. */
  | { permitted: false; reasons: string[] };

export interface PolicyEngine {
  /** Changes whenever the loaded policy set changes (hash of the schema and policy texts). */
  readonly version: string;
  /**
   * Two-step: raw permitted? else pseudonymized permitted? else denied. Any Cedar error ⇒ denied.
   * Cached by every input a verdict depends on; the cache never serves a verdict computed under other
   * inputs. Returned verdicts are shared and frozen.
   */
  evaluate(request: PolicyRequest, target: Target, cut: boolean): TargetVerdict;
  clearCache(): void;
}

/** The full engine jaju builds; other modules need only PolicyEngine. */
export interface LoadedPolicyEngine extends PolicyEngine {
  /** Built-in packs in force ('core' first, always). */
  readonly packs: readonly string[];
  /** Every loaded policy, in load order. */
  readonly rules: readonly PolicyRule[];
  /** Number of verdicts currently cached. */
  readonly cachedVerdicts: number;
  /** The @reason text of a policy, if it has one. */
  explain(policyId: string): string | undefined;
  /**
   * Loads the config's policies again and swaps them in atomically, with an empty cache. On any
   * problem it throws PolicyLoadError and keeps the policies in force.
   */
  reload(config: Config): Promise<void>;
}
