import { JajuError, type DecisionSummary, type FindingCounts } from '../../domain/index.js';
import type { RequestContext } from '../../http/request-context.js';
import { readJsonBody } from '../../http/read-json-body.js';
import type { GatewayRuntime } from '../runtime.js';
import { denyRecord, decisionSummaryOf, type RequestFacts } from './audit-records.js';
import { authenticateApp, classifyAndPlan, denialError, type Caller } from './classify-request.js';
import type { PlanResult } from './ports.js';

export interface PreparedRequest<Body> {
  caller: Caller;
  body: Body;
  facts: RequestFacts;
  summary: DecisionSummary;
  result: PlanResult;
}

/**
 * The common front of every model call: authenticate, parse and validate, resolve the alias, take the
 * effective grade, scan for personal data (fail closed), decide. A denial is recorded in the ledger
 * and thrown as 403/503 here; what comes back is always permitted.
 */
export async function prepareRequest<Body extends { model: string; stream?: boolean | null }>(
  context: RequestContext,
  runtime: GatewayRuntime,
  endpoint: 'chat' | 'embeddings',
  validate: (body: unknown) => Body,
  scan: (body: Body) => FindingCounts,
): Promise<PreparedRequest<Body>> {
  const caller = authenticateApp(runtime, context.request);
  const body = validate(await readJsonBody(context.request, runtime.config.server.maxBodyBytes));
  const { route, grade, findings, result } = classifyAndPlan(runtime, caller, body.model, context.request.headers['x-jaju-grade'], () => scan(body));
  const facts: RequestFacts = {
    requestId: context.requestId,
    caller,
    alias: route.alias,
    grade,
    findings,
    decision: result.decision,
    endpoint,
    stream: body.stream === true,
  };
  const summary = decisionSummaryOf(result.decision);
  if (result.plan.length === 0) {
    const error = denialError(result);
    try {
      await runtime.ports.audit.append(denyRecord(facts, summary, error.status));
    } catch (auditError) {
      runtime.logger.error({ requestId: context.requestId, err: (auditError as Error).message }, 'audit append failed for a denial');
      throw new JajuError('audit_unavailable', 'the audit ledger is unavailable; request refused');
    }
    throw error;
  }
  return { caller, body, facts, summary, result };
}
