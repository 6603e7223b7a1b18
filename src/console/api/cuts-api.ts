import { JajuError, describeCutScope } from '../../domain/index.js';
import { secretsEqual } from '../../http/bearer-token.js';
import { readJsonBody } from '../../http/read-json-body.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import { applyCutChange, parseCutChange } from '../../route/change-cut.js';
import type { CutResponse } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';

/** The header the page sends the admin key in (the operator's own session or bearer key authenticates the call). */
export const ADMIN_KEY_HEADER = 'x-jaju-admin-key';

/**
 * POST /api/cuts and /api/cuts/restore {provider|jurisdiction|deployment, reason?}: the Providers page's
 * cut and restore, made by the console itself so that they work where the console runs apart from the
 * gateways. They need the admin key on top of the operator's session (typed in the confirmation
 * dialog, checked like every key: wrong ones are counted and slowed down), are recorded in the ledger
 * first, and reach the gateways through the shared cut registry.
 */
export async function handleCutChange(context: RequestContext, dashboard: DashboardContext, action: 'cut' | 'restore'): Promise<void> {
  const { estate } = dashboard;
  const adminKey = estate.secrets.adminKey;
  if (adminKey === undefined) throw new JajuError('forbidden', `cuts are disabled: set the admin key in ${estate.config.server.adminKeyEnv}`);
  if (!dashboard.cutsReachGateways) {
    throw new JajuError(
      'forbidden',
      'this console runs apart from the gateways without a shared cut registry (state.redis): a cut made here would not reach them. Configure state.redis, or cut through a gateway\'s admin API',
    );
  }
  const header = context.request.headers[ADMIN_KEY_HEADER];
  const presented = Array.isArray(header) ? header[0] : header;
  if (presented === undefined || presented === '') throw new JajuError('invalid_api_key', `admin key required (${ADMIN_KEY_HEADER} header)`);
  await dashboard.keys.verify(context, presented, (key) => secretsEqual(key, adminKey), 'admin');
  const change = parseCutChange(await readJsonBody(context.request, 64 * 1024), (id) => estate.providers.has(id));
  const changed = await applyCutChange(action, change, { audit: dashboard.audit, cuts: estate.cuts, requestId: context.requestId });
  estate.logger.warn({ action, scope: describeCutScope(change.scope), changed, via: 'console' }, action === 'cut' ? 'cut in force' : 'cut restored');
  const body: CutResponse = {
    action,
    scope: { ...change.scope },
    changed,
    cuts: estate.cuts.list().map((scope) => ({ description: describeCutScope(scope), scope: { ...scope } })),
  };
  sendJson(context.response, 200, body);
}
