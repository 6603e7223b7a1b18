import type { Decision } from '../../src/domain/index.js';
import type { AuditSink, GatewayPorts, RoutePlanner } from '../../src/gateway/pipeline/ports.js';
import type { PseudonymizerPort } from '../../src/gateway/pipeline/pseudonym-session.js';
import { rankTargets } from '../../src/route/rank-targets.js';

/**
 * The "core" gateway of the benchmark: HTTP, auth, alias, executor and adapter, with nothing behind the
 * seams (no scan, every target permitted raw, no ledger; the audit sink keeps nothing, so a benchmark
 * does not grow memory with every request). The gateway-core tests use the same stand-ins
 * (test/helpers/standin-ports.ts), with a recording audit sink instead. They live here, not in src/,
 * so that a permit-everything planner can never be wired into the product.
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
            : { provider: target.provider, model: target.model, permitted: true as const, mode: 'raw' as const, policies: ['stand-in.permit-all'] },
        ),
        reason: plan.length > 0 ? 'allowed (stand-in planner: every target permitted raw)' : 'denied: every target is cut',
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
