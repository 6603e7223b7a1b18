import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLedger } from '../audit/index.js';
import { packageRoot, type Config } from '../config/index.js';
import { JajuError } from '../domain/index.js';
import type { LoadedPolicyEngine } from '../policy/index.js';
import type { RequestContext } from '../http/request-context.js';
import type { Registry } from 'prom-client';
import { bearerToken } from '../http/bearer-token.js';
import { Router } from '../http/router.js';
import { bodyTimeouts } from '../http/read-json-body.js';
import { sendJson } from '../http/send.js';
import type { AboutResponse } from './api-types.js';
import { AUDIT_RECORD_PREFIX, handleAuditList, handleAuditRecord, handleAuditVerify } from './api/audit-api.js';
import { handleComputeExamples, handleComputeReport } from './api/compute-api.js';
import { handleAssessCompare, handleAssessInventories, handleAssessReport } from './api/assess-api.js';
import { handleEvaluations } from './api/evaluation-api.js';
import { handleDrillRun, handleDrills } from './api/drills-api.js';
import { handleOverview } from './api/overview-api.js';
import { handlePolicyContext, handlePolicyPreview } from './api/policy-api.js';
import { handleProviders } from './api/providers-api.js';
import { handleCutChange } from './api/cuts-api.js';
import { handleLogin, handleLogout, handleSession } from './api/session-api.js';
import type { DashboardContext } from './dashboard-context.js';
import type { ConsoleEstate, ControlRecordSink, RouteExplainer } from './estate.js';
import { IndicatorsCache } from './indicators-cache.js';
import { KeyChecks } from './key-checks.js';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';
import { OperatorSessions, sessionIdOf, type OperatorSessionOptions } from './operator-sessions.js';
import { checkSameOrigin, STATE_CHANGING_METHODS, type OriginVerdict } from './same-origin.js';
import { StaticFiles } from './static-files.js';
import { TrafficMeter } from './traffic-meter.js';

export { TrafficMeter } from './traffic-meter.js';
export { IndicatorsCache } from './indicators-cache.js';
export type * from './api-types.js';
export type * from './estate.js';

export interface ConsoleDeps {
  /** The estate the console reads and steers (the gateway's runtime, handed over by src/serve). */
  estate: ConsoleEstate;
  /** Control records the console writes (cuts, login lock events). */
  audit: ControlRecordSink;
  /** The gateway's dry run of a chat body, for policy previews. */
  explainRoute: RouteExplainer;
  ledger: AuditLedger;
  /** The policy engine (drills replay the workload through it); without it the Drills page says so. */
  engine?: LoadedPolicyEngine;
  /** jaju's data directory (saved drill results, the operator's own scenarios under scenarios/). */
  dataDir: string;
  /** The live traffic meter, fed with every record the gateways append (an audit observer, or a ledger tail). */
  meter: TrafficMeter;
  /** The sovereignty indicators, computed from the ledger (shared with /metrics; built here when absent). */
  indicators?: IndicatorsCache;
  /** The built page (default <package>/dist/web). */
  webRoot?: string;
  /** Example drill scenarios and compute inputs (default <package>/examples). */
  examplesDir?: string;
  sessions?: OperatorSessionOptions;
  /** How wrong keys are slowed down (defaults: 5 free per 15 minutes, then 1 s doubling to 10 s). */
  throttle?: LoginThrottleOptions;
  /** Cuts made from the page reach the gateways: true in role `all`, or with a shared (Redis) cut registry. */
  cutsReachGateways: boolean;
  /** The server's Prometheus registry: the console adds its key-check counters to it. */
  metrics?: Registry;
  clock?: () => number;
}

export interface ConsoleHandle {
  sessions: OperatorSessions;
  keys: KeyChecks;
  indicators: IndicatorsCache;
  staticFiles: StaticFiles;
}

/** Client-side routes of the page: the server answers each with index.html. */
export const CLIENT_ROUTES = ['/login', '/overview', '/audit', '/policy', '/providers', '/drills', '/compute', '/about', '/assess', '/evaluation'];

/** A traffic meter labelled with the config's providers (feed it with `observeAudit(…, [meter.observe])`). */
export function createTrafficMeter(config: Config, options: { windowSeconds?: number; clock?: () => number } = {}): TrafficMeter {
  return new TrafficMeter({
    home: config.home,
    providers: config.providers.map((provider) => ({ id: provider.id, hostingCountry: provider.sovereignty.hostingCountry, deployment: provider.sovereignty.deployment })),
    ...options,
  });
}

/** The sovereignty indicators over the ledger, as the console and /metrics share them. */
export function createIndicatorsCache(config: Config, ledger: AuditLedger, dataDir: string, clock?: () => number): IndicatorsCache {
  return new IndicatorsCache({ config, ledger, dataDir, ...(clock ? { clock } : {}) });
}

/**
 * Adds the operations console to a server's router: the built page at / (static, cached, SPA fallback
 * for its routes) and its API under /api/ (docs/console-api.md). Everything but login and logout needs
 * the operator key: a session cookie from /api/login, or `Authorization: Bearer <operator key>`. Every
 * state-changing call must come from the console's own origin (same-origin.ts); every key shown to the
 * console is checked, and wrong ones are slowed down per source without ever refusing the right key
 * (key-checks.ts).
 */
export function registerConsole(router: Router, deps: ConsoleDeps): ConsoleHandle {
  const { estate } = deps;
  const clock = deps.clock ?? Date.now;
  const sessions = new OperatorSessions(estate.secrets.operatorKey, { clock, ...deps.sessions });
  const throttle = new LoginThrottle({ clock, ...deps.throttle });
  const keys = new KeyChecks({ throttle, clients: estate.clientAddresses, audit: deps.audit, logger: estate.logger, clock, ...(deps.metrics ? { metrics: deps.metrics } : {}) });
  const indicators = deps.indicators ?? createIndicatorsCache(estate.config, deps.ledger, deps.dataDir, clock);
  const dashboard: DashboardContext = {
    estate,
    audit: deps.audit,
    explainRoute: deps.explainRoute,
    ledger: deps.ledger,
    engine: deps.engine,
    meter: deps.meter,
    dataDir: deps.dataDir,
    examplesDir: deps.examplesDir ?? join(packageRoot(), 'examples'),
    indicators,
    keys,
    cutsReachGateways: deps.cutsReachGateways,
    bodyTimeouts: bodyTimeouts(estate.config.server),
    clock,
  };

  const api = new Router()
    .on('GET', '/api/session', handleSession)
    .on('GET', '/api/overview', (context) => handleOverview(context, dashboard))
    .on('GET', '/api/indicators', async (context) => sendJson(context.response, 200, await indicators.get()))
    .on('GET', '/api/audit', (context) => handleAuditList(context, dashboard))
    .on('POST', '/api/audit/verify', (context) => handleAuditVerify(context, dashboard))
    .onPrefix('GET', AUDIT_RECORD_PREFIX, (context) => handleAuditRecord(context, dashboard))
    .on('GET', '/api/policy/context', (context) => handlePolicyContext(context, dashboard))
    .on('POST', '/api/policy/preview', (context) => handlePolicyPreview(context, dashboard))
    .on('GET', '/api/providers', (context) => handleProviders(context, dashboard))
    .on('POST', '/api/cuts', (context) => handleCutChange(context, dashboard, 'cut'))
    .on('POST', '/api/cuts/restore', (context) => handleCutChange(context, dashboard, 'restore'))
    .on('GET', '/api/drills', (context) => handleDrills(context, dashboard))
    .on('POST', '/api/drills/run', (context) => handleDrillRun(context, dashboard))
    .on('GET', '/api/compute', (context) => handleComputeExamples(context, dashboard))
    .on('GET', '/api/compute/report', (context) => handleComputeReport(context, dashboard))
    .on('GET', '/api/about', (context) => sendJson(context.response, 200, about(dashboard)))
    .on('GET', '/api/assess', (context) => handleAssessInventories(context, dashboard))
    .on('GET', '/api/assess/report', (context) => handleAssessReport(context, dashboard))
    .on('GET', '/api/assess/compare', (context) => handleAssessCompare(context, dashboard))
    .on('GET', '/api/evaluations', (context) => handleEvaluations(context, dashboard));

  router.onPrefix('*', '/api/', async (context: RequestContext) => {
    const { request, response, path } = context;
    response.setHeader('cache-control', 'no-store');
    const method = request.method ?? 'GET';
    const origin: OriginVerdict = STATE_CHANGING_METHODS.has(method) ? checkSameOrigin(request, estate.clientAddresses) : 'any';
    if (path === '/api/login' || path === '/api/logout') {
      if (method !== 'POST') throw new JajuError('method_not_allowed', `${method} is not allowed on ${path} (allowed: POST)`);
      // Both work on the browser's cookie: they must come from the page itself.
      if (origin === 'bearer-only') throw new JajuError('forbidden', `${path} must come from the dashboard page (same-origin Origin or Sec-Fetch-Site); scripts send Authorization: Bearer <operator key> on each call instead`);
      return path === '/api/login' ? handleLogin(context, sessions, keys, dashboard.bodyTimeouts) : handleLogout(context, sessions);
    }
    if (!sessions.enabled) throw new JajuError('forbidden', `the dashboard is disabled: set the operator key in ${estate.config.server.operatorKeyEnv}`);
    await authenticateOperator(context, origin, sessions, keys);
    return api.resolve(method, path)(context);
  });

  const staticFiles = new StaticFiles(deps.webRoot ?? join(packageRoot(), 'dist', 'web'));
  const serveIndex = (context: RequestContext) => staticFiles.serve(context, '/index.html');
  router.on('GET', '/', serveIndex).on('GET', '/index.html', serveIndex);
  for (const route of CLIENT_ROUTES) router.on('GET', route, serveIndex);
  router.onPrefix('GET', '/audit/', serveIndex);
  router.onPrefix('GET', '/assets/', (context) => staticFiles.serve(context, context.path));

  return { sessions, keys, indicators, staticFiles };
}

/**
 * A live session cookie (unless the call is state-changing without an Origin: then only a bearer key
 * counts), or `Authorization: Bearer <operator key>`, checked through the throttle.
 */
async function authenticateOperator(context: RequestContext, origin: OriginVerdict, sessions: OperatorSessions, keys: KeyChecks): Promise<void> {
  if (origin === 'any' && (await sessions.fromCookie(context.request))) return;
  const token = bearerToken(context.request);
  if (token === undefined) {
    if (origin === 'bearer-only' && sessionIdOf(context.request) !== undefined) {
      throw new JajuError('forbidden', 'a state-changing call with a session cookie must carry the page\'s Origin (or Sec-Fetch-Site: same-origin); scripts send Authorization: Bearer <operator key> instead');
    }
    throw new JajuError('invalid_api_key', 'operator key required: log in to the dashboard, or send "Authorization: Bearer <operator key>"');
  }
  await keys.verify(context, token, (key) => sessions.keyMatches(key), 'operator');
}

let version: string | undefined;

function about(dashboard: DashboardContext): AboutResponse {
  const { config } = dashboard.estate;
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return {
    version,
    home: config.home,
    node: process.version,
    configSource: config.source,
    modules: {
      detection: { available: true },
      policy: { available: true },
      ledger: { available: true },
      drills: { available: dashboard.engine !== undefined, ...(dashboard.engine ? {} : { message: 'started without the policy engine' }) },
      indicators: { available: true },
      compute: { available: true },
      assess: { available: true },
      evaluation: { available: true },
    },
  };
}
