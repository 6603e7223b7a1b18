import { describeCutScope } from '../../../domain/index.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import { computeAlarms } from '../alarms.js';
import type { OverviewResponse } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';
import { integerParam } from './query-params.js';

/** GET /api/overview?seconds&step: live traffic, alarms, cuts and circuits (the page polls it every few seconds). */
export async function handleOverview(context: RequestContext, dashboard: DashboardContext): Promise<void> {
  const { runtime, meter } = dashboard;
  const seconds = integerParam(context.query, 'seconds', 300, 60, meter.windowSeconds);
  const stepSeconds = integerParam(context.query, 'step', 5, 1, 60);
  const providerProfiles: OverviewResponse['providerProfiles'] = {};
  for (const [id, { config }] of runtime.providers) {
    providerProfiles[id] = {
      hostingCountry: config.sovereignty.hostingCountry,
      operatorCountry: config.sovereignty.operatorCountry,
      deployment: config.sovereignty.deployment,
    };
  }
  const body: OverviewResponse = {
    home: runtime.config.home,
    crisis: runtime.crisis,
    providers: runtime.providers.size,
    aliases: runtime.aliases.size,
    apps: runtime.config.apps.length,
    cuts: runtime.cuts.list().map((scope) => ({ description: describeCutScope(scope), scope: { ...scope } })),
    circuits: [...runtime.providers.keys()].map((provider) => ({ provider, state: runtime.circuits.state(provider) })),
    providerStatus: [...runtime.providers.values()].map(({ config }) => ({
      id: config.id,
      deployment: config.sovereignty.deployment,
      hostingCountry: config.sovereignty.hostingCountry,
      circuit: runtime.circuits.state(config.id),
      cut: runtime.cuts.isCut(config.id, config.sovereignty),
    })),
    alarms: computeAlarms(runtime, meter, dashboard.indicators.alarms()),
    traffic: meter.snapshot({ seconds, stepSeconds }),
    providerProfiles,
    ledgerHead: await dashboard.ledger.head(),
  };
  sendJson(context.response, 200, body);
}
