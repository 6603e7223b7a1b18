import { FINDING_TYPES, type Candidate, type Decision, type FindingCounts, type SendMode, type Target } from '../domain/index.js';
import { rankTargets } from '../route/rank-targets.js';
import { summarizeDecision } from './summarize-decision.js';
import type { PolicyEngine, PolicyRequest } from './policy-request.js';

/** One permitted target, in the order the executor tries them. */
export interface RoutePlanEntry {
  target: Target;
  mode: SendMode;
}

export interface RouteDecision {
  /** docs/design.md §4.4 decision JSON. */
  decision: Decision;
  /** Permitted, uncut targets only, ranked sovereign-first; empty when denied. */
  plan: RoutePlanEntry[];
  /**
   * Why a denial happened (absent when allowed): 'unavailable' when some target would be permitted
   * but is cut (the gateway answers 503), 'policy' otherwise (403).
   */
  denialKind?: 'policy' | 'unavailable';
}

export interface DecideRouteOptions {
  isCut(target: Target): boolean;
  /** Ranks healthy targets before unhealthy ones of the same tier; all healthy when absent. */
  isHealthy?(target: Target): boolean;
}

/** Finding type → count, only for types present (the decision's `findings`). */
function presentFindings(findings: FindingCounts): FindingCounts {
  const out: FindingCounts = {};
  for (const type of FINDING_TYPES) {
    const count = findings[type];
    if (count !== undefined && count > 0) out[type] = count;
  }
  return out;
}

/**
 * The routing decision for one request: evaluates every target of the alias, builds the decision
 * JSON (candidates in alias order) and the plan (permitted targets only, ranked with rankTargets).
 * A cut target never enters the plan, even if a policy set were to permit it.
 */
export function decideRoute(engine: PolicyEngine, request: PolicyRequest, targets: readonly Target[], options: DecideRouteOptions): RouteDecision {
  const candidates: Candidate[] = [];
  const permitted: Target[] = [];
  const modes = new Map<Target, SendMode>();
  const cutTargets: Target[] = [];
  for (const target of targets) {
    const cut = options.isCut(target);
    if (cut) cutTargets.push(target);
    const verdict = engine.evaluate(request, target, cut);
    if (verdict.permitted && !cut) {
      candidates.push({ provider: target.provider, model: target.model, permitted: true, mode: verdict.mode, policies: [...verdict.policies] });
      permitted.push(target);
      modes.set(target, verdict.mode);
    } else {
      const reasons = verdict.permitted ? ['core.cut-target'] : [...verdict.reasons];
      candidates.push({ provider: target.provider, model: target.model, permitted: false, reasons });
    }
  }

  const isHealthy = options.isHealthy;
  const ranked = isHealthy ? rankTargets(permitted, (target) => isHealthy(target)) : rankTargets(permitted);
  const plan = ranked.map((target) => ({ target, mode: modes.get(target)! }));

  let denialKind: RouteDecision['denialKind'];
  const blockedByCut: Target[] = [];
  if (plan.length === 0) {
    for (const target of cutTargets) if (engine.evaluate(request, target, false).permitted) blockedByCut.push(target);
    denialKind = blockedByCut.length > 0 ? 'unavailable' : 'policy';
  }

  const first = plan[0];
  // Built in the contract's field order (docs/design.md §4.4), so the JSON reads as documented.
  const decision: Decision = first
    ? {
        decision: 'allow',
        grade: request.grade,
        provider: first.target.provider,
        model: first.target.model,
        mode: first.mode,
        findings: presentFindings(request.findings),
        candidates,
        reason: '',
      }
    : { decision: 'deny', grade: request.grade, findings: presentFindings(request.findings), candidates, reason: '' };
  decision.reason = summarizeDecision(decision, first?.target, blockedByCut);
  return denialKind === undefined ? { decision, plan } : { decision, plan, denialKind };
}
