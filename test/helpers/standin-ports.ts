import type { AuditRecordInput, Decision } from '../../src/domain/index.js';
import type { GatewayPorts, RoutePlanner } from '../../src/gateway/pipeline/ports.js';
import { rankTargets } from '../../src/route/rank-targets.js';

/**
 * Gateway-core tests exercise HTTP, adapters and the executor; they use this permissive planner (every
 * target permitted raw) so that failover behaviour is not entangled with policy. Policy, detection and
 * ledger behaviour are tested through the real composed ports elsewhere.
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
            : { provider: target.provider, model: target.model, permitted: true as const, mode: 'raw' as const, policies: ['test.permit-all'] },
        ),
        reason: plan.length > 0 ? 'allowed (test planner)' : 'denied: every target is cut',
      };
      return plan.length > 0 ? { decision, plan } : { decision, plan, denialKind: 'unavailable' };
    },
    invalidate() {},
  };
}

export function memoryAudit(): { records: AuditRecordInput[]; append(record: AuditRecordInput): Promise<AuditRecordInput> } {
  const records: AuditRecordInput[] = [];
  return {
    records,
    async append(record) {
      records.push(record);
      return record;
    },
  };
}

export function standinPorts(overrides: Partial<GatewayPorts> = {}): GatewayPorts & { audit: ReturnType<typeof memoryAudit> } {
  return {
    scanner: { chat: () => ({}), embeddings: () => ({}), pseudonymizedTypes: [] },
    planner: permissivePlanner(),
    pseudonymizer: {
      session: () => ({
        pseudonymizeChatRequest: (body) => body,
        pseudonymizeEmbeddingsRequest: (body) => body,
        size: 0,
        rehydrateChatResponse: (body) => body,
        chunkRehydrator: () => ({ transform: (chunk) => chunk, flush: () => [] }),
      }),
    },
    audit: memoryAudit(),
    ...overrides,
  } as GatewayPorts & { audit: ReturnType<typeof memoryAudit> };
}
