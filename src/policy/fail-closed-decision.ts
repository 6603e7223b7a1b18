import type { Decision, FindingCounts, Grade, Target } from '../domain/index.js';

/**
 * The decision when the request could not be judged at all (detection or the policy engine failed):
 * every candidate denied by `rule`, the failure in the reason. docs/design.md §2: fail closed.
 */
export function failClosedDecision(grade: Grade, findings: FindingCounts, targets: readonly Pick<Target, 'provider' | 'model'>[], rule: string, message: string): Decision {
  return {
    decision: 'deny',
    grade,
    findings,
    candidates: targets.map((target) => ({ provider: target.provider, model: target.model, permitted: false, reasons: [rule] })),
    reason: `denied: ${message} (${rule}: fail closed)`,
  };
}
