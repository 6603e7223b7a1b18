import type { Decision } from '../../src/domain/index.js';
import type { AuditSink, GatewayPorts, RoutePlanner } from '../../src/gateway/pipeline/ports.js';
import type { PseudonymizerPort } from '../../src/gateway/pipeline/pseudonym-session.js';
import { rankTargets } from '../../src/route/rank-targets.js';

/**
 * The "core" gateway of the benchmark: HTTP, auth, alias, executor and adapter, with nothing behind the
 * seams (no scan, every target permitted raw, no ledger). Adapted from test/helpers/standin-ports.ts,
 * except that the audit sink keeps nothing: a benchmark must not grow memory with every request.
 */
export function permissivePlanner(): RoutePlanner {
  return {
    decide(request, targets, isCut, isHealthy) {
      const open = targets.filter((target) => !isCut(target));
      const plan = rankTargets(open, isHealthy).map((target) => ({ target, mode: 'raw' as const }));
      const decision: Decision = {
        decision: plan.length > 0 ? 'allow' : 'deny',
        grade: request.grade,
        ...(plan[0] ? { provider: plan[0].target.provider, model: plan[0].target.model, mode: 'raw' as const } : {}),
        findings: request.findings,
        candidates: targets.map((target) =>
          isCut(target)
            ? { provider: target.provider, model: target.model, permitted: false as const, reasons: ['core.cut'] }
            : { provider: target.provider, model: target.model, permitted: true as const, mode: 'raw' as const, policies: ['bench.permit-all'] },
        ),
        reason: plan.length > 0 ? 'allowed (bench planner)' : 'denied: every target is cut',
      };
      return plan.length > 0 ? { decision, plan } : { decision, plan, denialKind: 'unavailable' };
    },
    invalidate() {},
  };
}

/** Resolves at once and keeps nothing. */
export function discardingAudit(): AuditSink {
  return { append: () => Promise.resolve(undefined) };
}

export function identityPseudonymizer(): PseudonymizerPort {
  return {
    session: () => ({
      pseudonymizeChatRequest: (body) => body,
      pseudonymizeEmbeddingsRequest: (body) => body,
      size: 0,
      rehydrateChatResponse: (body) => body,
      chunkRehydrator: () => ({ transform: (chunk) => chunk, flush: () => [] }),
    }),
  };
}

export function corePorts(): GatewayPorts {
  return {
    scanner: { chat: () => ({}), embeddings: () => ({}), pseudonymizedTypes: [] },
    planner: permissivePlanner(),
    pseudonymizer: identityPseudonymizer(),
    audit: discardingAudit(),
  };
}
