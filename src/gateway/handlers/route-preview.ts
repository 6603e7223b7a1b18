import { JajuError } from '../../domain/index.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sendJson } from '../http/send.js';
import type { RequestContext } from '../http/request-context.js';
import { authenticateApp, classifyAndPlan, isOperator, type Caller } from '../pipeline/classify-request.js';
import type { GatewayRuntime } from '../runtime.js';
import { validateChatRequest } from '../validate/chat-request.js';

/**
 * POST /v1/route/preview: the decision (docs/design.md §4.4) for a chat body, without calling any upstream
 * and without a ledger record. An app previews for itself; an operator (admin or operator key) may
 * preview on an app's behalf with `"app": "<id>"` and an explicit `"grade"` in the body.
 */
export async function handleRoutePreview(context: RequestContext, runtime: GatewayRuntime): Promise<void> {
  let caller: Caller;
  const raw = await readAuthenticatedBody(context, runtime);
  const record = raw.body as Record<string, unknown>;
  if (raw.operator) {
    const appId = record['app'];
    if (typeof appId !== 'string') throw new JajuError('invalid_request', 'app: required when previewing with an operator key', { details: { param: 'app' } });
    const found = runtime.apps.byId(appId);
    if (!found) throw new JajuError('invalid_request', `app: unknown app "${appId}"`, { details: { param: 'app' } });
    caller = found;
  } else caller = raw.caller!;
  const { app: _app, grade: bodyGrade, ...chat } = record;
  const body = validateChatRequest(chat);
  const header = context.request.headers['x-jaju-grade'] ?? (typeof bodyGrade === 'string' ? bodyGrade : undefined);
  const { result } = classifyAndPlan(runtime, caller, body.model, header, () => runtime.ports.scanner.chat(body));
  sendJson(context.response, 200, result.decision, { 'x-jaju-decision-id': context.requestId });
}

async function readAuthenticatedBody(context: RequestContext, runtime: GatewayRuntime): Promise<{ operator: boolean; caller?: Caller; body: unknown }> {
  if (isOperator(runtime, context.request)) {
    return { operator: true, body: await readJsonBody(context.request, runtime.config.server.maxBodyBytes) };
  }
  const caller = authenticateApp(runtime, context.request);
  const body = await readJsonBody(context.request, runtime.config.server.maxBodyBytes);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new JajuError('invalid_request', 'request body must be a JSON object');
  return { operator: false, caller, body };
}
