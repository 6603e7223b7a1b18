import { JajuError, controlRecordInput, cutScopeMatches, describeCutScope } from '../../domain/index.js';
import { applyCutChange, parseCutChange } from '../../route/change-cut.js';
import { bearerToken, secretsEqual } from '../../http/bearer-token.js';
import { readJsonBody } from '../../http/read-json-body.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { GatewayRuntime } from '../runtime.js';

/** Admin endpoints need the admin key; without one configured, the admin API is off. */
export function requireAdmin(context: RequestContext, runtime: GatewayRuntime): void {
  const { adminKey } = runtime.secrets;
  if (adminKey === undefined) {
    throw new JajuError('forbidden', `admin API disabled: set the admin key in ${runtime.config.server.adminKeyEnv}`);
  }
  const token = bearerToken(context.request);
  if (token === undefined || !secretsEqual(token, adminKey)) throw new JajuError('invalid_api_key', 'admin key required');
}

/** Cuts in force and, per alias, which targets they remove. */
export function crisisStatus(runtime: GatewayRuntime) {
  const cuts = runtime.cuts.list();
  return {
    crisis: runtime.crisis,
    cuts: cuts.map((scope) => ({ ...scope, description: describeCutScope(scope) })),
    providers: [...runtime.providers.values()].map(({ config }) => ({
      id: config.id,
      cut: runtime.cuts.isCut(config.id, config.sovereignty),
      cutBy: cuts.filter((scope) => cutScopeMatches(scope, config.id, config.sovereignty)).map(describeCutScope),
      circuit: runtime.circuits.state(config.id),
    })),
    aliases: [...runtime.aliases.values()].map((route) => ({
      alias: route.alias,
      remaining: route.targets.filter((target) => !runtime.isCut(target)).map((target) => `${target.provider}/${target.model}`),
      cut: route.targets.filter((target) => runtime.isCut(target)).map((target) => `${target.provider}/${target.model}`),
    })),
  };
}

export function handleAdminStatus(context: RequestContext, runtime: GatewayRuntime): void {
  requireAdmin(context, runtime);
  sendJson(context.response, 200, crisisStatus(runtime));
}

async function changeCut(context: RequestContext, runtime: GatewayRuntime, action: 'cut' | 'restore'): Promise<void> {
  requireAdmin(context, runtime);
  const change = parseCutChange(await readJsonBody(context.request, 64 * 1024), (id) => runtime.providers.has(id));
  let changed: boolean;
  try {
    changed = await applyCutChange(action, change, { audit: runtime.ports.audit, cuts: runtime.cuts, requestId: context.requestId });
  } catch (error) {
    runtime.logger.error({ action, err: (error as Error).message }, 'cut not made');
    throw error;
  }
  runtime.logger.warn({ action, scope: describeCutScope(change.scope), changed }, action === 'cut' ? 'cut in force' : 'cut restored');
  sendJson(context.response, 200, { action, scope: change.scope, changed, ...crisisStatus(runtime) });
}

/** POST /admin/cuts {provider|jurisdiction|deployment}: removes matching targets from every plan at once. */
export function handleCut(context: RequestContext, runtime: GatewayRuntime): Promise<void> {
  return changeCut(context, runtime, 'cut');
}

/** POST /admin/cuts/restore {provider|jurisdiction|deployment} (also DELETE /admin/cuts). */
export function handleRestore(context: RequestContext, runtime: GatewayRuntime): Promise<void> {
  return changeCut(context, runtime, 'restore');
}

/** POST /admin/crisis {"active": true|false}: policies see it as context.crisis. */
export async function handleCrisis(context: RequestContext, runtime: GatewayRuntime): Promise<void> {
  requireAdmin(context, runtime);
  const body = (await readJsonBody(context.request, 64 * 1024)) as { active?: unknown };
  if (typeof body?.active !== 'boolean') throw new JajuError('invalid_request', 'active: expected true or false', { details: { param: 'active' } });
  await runtime.ports.audit.append(controlRecordInput('crisis', { active: body.active }, context.requestId));
  // The crisis flag is part of every policy cache key: no cache to drop.
  runtime.crisis = body.active;
  sendJson(context.response, 200, crisisStatus(runtime));
}
