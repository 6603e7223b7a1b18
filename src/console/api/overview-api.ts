import { describeCutScope } from '../../domain/index.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import { computeAlarms } from '../alarms.js';
import type { OverviewResponse } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';
import { integerParam } from './query-params.js';

/** GET /api/overview?seconds&step: live traffic, alarms, cuts and circuits (the page polls it every few seconds). */
export async function handleOverview(context: RequestContext, dashboard: DashboardContext): Promise<void> {
  const { estate, meter } = dashboard;
  const seconds = integerParam(context.query, 'seconds', 300, 60, meter.windowSeconds);
  const stepSeconds = integerParam(context.query, 'step', 5, 1, 60);
  const providerProfiles: OverviewResponse['providerProfiles'] = {};
  for (const [id, { config }] of estate.providers) {
    providerProfiles[id] = {
      hostingCountry: config.sovereignty.hostingCountry,
      operatorCountry: config.sovereignty.operatorCountry,
      deployment: config.sovereignty.deployment,
    };
  }
  const body: OverviewResponse = {
    home: estate.config.home,
    crisis: estate.crisis,
    providers: estate.providers.size,
    aliases: estate.aliases.size,
    apps: estate.config.apps.length,
    cuts: estate.cuts.list().map((scope) => ({ description: describeCutScope(scope), scope: { ...scope } })),
    circuits: [...estate.providers.keys()].map((provider) => ({ provider, state: estate.circuits.state(provider) })),
    providerStatus: [...estate.providers.values()].map(({ config }) => ({
      id: config.id,
      deployment: config.sovereignty.deployment,
      hostingCountry: config.sovereignty.hostingCountry,
      circuit: estate.circuits.state(config.id),
      cut: estate.cuts.isCut(config.id, config.sovereignty),
    })),
    alarms: computeAlarms(estate, meter, dashboard.indicators.alarms()),
    traffic: meter.snapshot({ seconds, stepSeconds }),
    providerProfiles,
    ledgerHead: await dashboard.ledger.head(),
  };
  sendJson(context.response, 200, body);
}
