import { cutScopeMatches, describeCutScope } from '../../domain/index.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { ProvidersResponse, ProviderTraffic, ProviderView } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';

const NO_TRAFFIC: ProviderTraffic = { calls: 0, tokens: 0, errors: 0, latencyMeanMs: null, latencyP50Ms: null, latencyP95Ms: null };

/** GET /api/providers: each provider's declared profile, cut and circuit state, and live traffic. */
export function handleProviders(context: RequestContext, dashboard: DashboardContext): void {
  const { estate, meter } = dashboard;
  const traffic = meter.snapshot({ seconds: 60, stepSeconds: 60 }).lastMinute.byProvider;
  const circuits = estate.circuits.snapshot();
  const cuts = estate.cuts.list();
  const providers: ProviderView[] = [...estate.providers.values()].map(({ config }) => ({
    id: config.id,
    type: config.type,
    sovereignty: config.sovereignty,
    aliases: [...estate.aliases.values()].flatMap((route) =>
      route.targets.filter((target) => target.provider === config.id).map((target) => ({ alias: route.alias, model: target.model })),
    ),
    cut: estate.cuts.isCut(config.id, config.sovereignty),
    cutBy: cuts.filter((scope) => cutScopeMatches(scope, config.id, config.sovereignty)).map((scope) => ({ ...scope })),
    circuit: circuits[config.id] ?? { state: 'closed', consecutiveFailures: 0, openedAt: null },
    traffic: traffic[config.id] ?? NO_TRAFFIC,
    capacityRps: config.capacityRps ?? null,
  }));
  const body: ProvidersResponse = {
    home: estate.config.home,
    // Cuts from the page need the admin key, and a registry the gateways share (or this very process).
    adminEnabled: estate.secrets.adminKey !== undefined && dashboard.cutsReachGateways,
    crisis: estate.crisis,
    cuts: cuts.map((scope) => ({ description: describeCutScope(scope), scope: { ...scope } })),
    providers,
  };
  sendJson(context.response, 200, body);
}
