import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { GatewayRuntime } from '../runtime.js';

const startedAt = Date.now();

/** GET /healthz: liveness, no authentication, nothing sensitive. */
export function handleHealth(context: RequestContext, runtime: GatewayRuntime): void {
  sendJson(context.response, 200, {
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    providers: runtime.providers.size,
    aliases: runtime.aliases.size,
    cuts: runtime.cuts.list().length,
    crisis: runtime.crisis,
  });
}
