import type { Candidate, Decision, Target } from '../domain/index.js';

/** "openai", or "openai/gpt-4.1" when the alias has several models of that provider. */
function label(candidates: readonly Candidate[], provider: string, model: string): string {
  let sameProvider = 0;
  for (const candidate of candidates) if (candidate.provider === provider) sameProvider += 1;
  return sameProvider > 1 ? `${provider}/${model}` : provider;
}

function denials(candidates: readonly Candidate[], skip?: (candidate: Candidate) => boolean): string {
  const parts: string[] = [];
  for (const candidate of candidates) {
    if (candidate.permitted || skip?.(candidate)) continue;
    parts.push(`${label(candidates, candidate.provider, candidate.model)}: ${candidate.reasons.join(', ')}`);
  }
  return parts.join('; ');
}

/**
 * The decision's human-readable `reason`, naming the deciding rules:
 *   allowed: onprem-llm (raw) by n2sf.s-domestic-perimeter; 1 of 3 candidates denied (openai: n2sf.s-outside-home, …)
 *   denied: no permitted target (openai: n2sf.s-outside-home, …; kr-cloud: n2sf.s-cloud-without-csap)
 *   unavailable: every target permitted for this request is cut (onprem-llm); …
 */
export function summarizeDecision(decision: Decision, first: Target | undefined, blockedByCut: readonly Target[]): string {
  const { candidates } = decision;
  if (candidates.length === 0) return 'denied: the model alias has no targets';
  if (first) {
    const chosen = candidates.find((candidate) => candidate.permitted && candidate.provider === first.provider && candidate.model === first.model);
    const by = chosen?.permitted ? chosen.policies.join(', ') || 'policy' : 'policy';
    const deniedCount = candidates.filter((candidate) => !candidate.permitted).length;
    const head = `allowed: ${label(candidates, first.provider, first.model)} (${decision.mode}) by ${by}`;
    return deniedCount === 0 ? head : `${head}; ${deniedCount} of ${candidates.length} candidates denied (${denials(candidates)})`;
  }
  if (blockedByCut.length > 0) {
    const names = blockedByCut.map((target) => label(candidates, target.provider, target.model)).join(', ');
    const isBlocked = (candidate: Candidate) => blockedByCut.some((target) => target.provider === candidate.provider && target.model === candidate.model);
    const others = denials(candidates, isBlocked);
    return `unavailable: every target permitted for this request is cut (${names})${others ? `; denied by policy: ${others}` : ''}`;
  }
  return `denied: no permitted target (${denials(candidates)})`;
}
