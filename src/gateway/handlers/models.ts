import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import { authenticateApp } from '../pipeline/classify-request.js';
import type { GatewayRuntime } from '../runtime.js';

/** GET /v1/models: the aliases this app may use (never the vendors' model names behind them). */
export function handleModels(context: RequestContext, runtime: GatewayRuntime): void {
  const caller = authenticateApp(runtime, context.request);
  const data = runtime.aliasesFor(caller.config).map((alias) => ({ id: alias, object: 'model', created: 0, owned_by: 'jaju' }));
  sendJson(context.response, 200, { object: 'list', data });
}
