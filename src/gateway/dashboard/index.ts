import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLedger } from '../../audit/index.js';
import { packageRoot, type Config } from '../../config/index.js';
import { JajuError } from '../../domain/index.js';
import type { LoadedPolicyEngine } from '../../policy/index.js';
import type { RequestContext } from '../http/request-context.js';
import { Router } from '../http/router.js';
import { sendJson } from '../http/send.js';
import type { GatewayRuntime } from '../runtime.js';
import type { AboutResponse } from './api-types.js';
import { AUDIT_RECORD_PREFIX, handleAuditList, handleAuditRecord, handleAuditVerify } from './api/audit-api.js';
import { handleComputeExamples, handleComputeReport } from './api/compute-api.js';
import { handleEvaluations } from './api/evaluation-api.js';
import { handleDrillRun, handleDrills } from './api/drills-api.js';
import { handleOverview } from './api/overview-api.js';
import { handlePolicyContext, handlePolicyPreview } from './api/policy-api.js';
import { handleProviders } from './api/providers-api.js';
import { handleLogin, handleLogout, handleSession } from './api/session-api.js';
import type { DashboardContext } from './dashboard-context.js';
import { IndicatorsCache } from './indicators-cache.js';
import { LoginThrottle } from './login-throttle.js';
import { OperatorSessions, type OperatorSessionOptions } from './operator-sessions.js';
import { StaticFiles } from './static-files.js';
import { TrafficMeter } from './traffic-meter.js';

export { TrafficMeter } from './traffic-meter.js';
export type * from './api-types.js';

export interface DashboardDeps {
  ledger: AuditLedger;
  /** The policy engine (drills replay the workload through it); without it the Drills page says so. */
  engine?: LoadedPolicyEngine;
  /** jaju's data directory (saved drill results, the operator's own scenarios under scenarios/). */
  dataDir: string;
  /** The live traffic meter; its `observe` must be among the gateway's audit observers. */
  meter: TrafficMeter;
  /** The built page (default <package>/dist/web). */
  webRoot?: string;
  /** Example drill scenarios and compute inputs (default <package>/examples). */
  examplesDir?: string;
  sessions?: OperatorSessionOptions;
  clock?: () => number;
}

export interface Dashboard {
  sessions: OperatorSessions;
  indicators: IndicatorsCache;
  staticFiles: StaticFiles;
}

/** Client-side routes of the page: the server answers each with index.html. */
export const CLIENT_ROUTES = ['/login', '/overview', '/audit', '/policy', '/providers', '/drills', '/compute', '/about', '/evaluation'];

/** A traffic meter labelled with the config's providers (feed it with `observeAudit(…, [meter.observe])`). */
export function createTrafficMeter(config: Config, options: { windowSeconds?: number; clock?: () => number } = {}): TrafficMeter {
  return new TrafficMeter({
    home: config.home,
    providers: config.providers.map((provider) => ({ id: provider.id, hostingCountry: provider.sovereignty.hostingCountry, deployment: provider.sovereignty.deployment })),
    ...options,
  });
}

/**
 * Adds the dashboard to the gateway: the built page at / (static, cached, SPA fallback for its
 * routes) and its API under /api/, where everything but login needs the operator key (a session
 * cookie from /api/login, or `Authorization: Bearer <operator key>`). Cuts and restores do not go
 * through /api/: the page sends them to the admin API with the admin key typed in its dialog.
 */
export function registerDashboard(router: Router, runtime: GatewayRuntime, deps: DashboardDeps): Dashboard {
  const clock = deps.clock ?? Date.now;
  const sessions = new OperatorSessions(runtime.secrets.operatorKey, { clock, ...deps.sessions });
  const throttle = new LoginThrottle(10, 60_000, clock);
  const indicators = new IndicatorsCache({ config: runtime.config, ledger: deps.ledger, dataDir: deps.dataDir, clock });
  const dashboard: DashboardContext = {
    runtime,
    ledger: deps.ledger,
    engine: deps.engine,
    meter: deps.meter,
    dataDir: deps.dataDir,
    examplesDir: deps.examplesDir ?? join(packageRoot(), 'examples'),
    indicators,
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
    .on('GET', '/api/drills', (context) => handleDrills(context, dashboard))
    .on('POST', '/api/drills/run', (context) => handleDrillRun(context, dashboard))
    .on('GET', '/api/compute', (context) => handleComputeExamples(context, dashboard))
    .on('GET', '/api/compute/report', (context) => handleComputeReport(context, dashboard))
    .on('GET', '/api/evaluations', (context) => handleEvaluations(context, dashboard))
    .on('GET', '/api/about', (context) => sendJson(context.response, 200, about(runtime, dashboard)));

  router.onPrefix('*', '/api/', async (context: RequestContext) => {
    const { request, response, path } = context;
    response.setHeader('cache-control', 'no-store');
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') refuseCrossOrigin(context);
    if (path === '/api/login' && method === 'POST') return handleLogin(context, sessions, throttle);
    if (path === '/api/logout' && method === 'POST') return handleLogout(context, sessions);
    if (!sessions.enabled) throw new JajuError('forbidden', `the dashboard is disabled: set the operator key in ${runtime.config.server.operatorKeyEnv}`);
    if (!sessions.authenticate(request)) throw new JajuError('invalid_api_key', 'operator key required: log in to the dashboard, or send "Authorization: Bearer <operator key>"');
    return api.resolve(method, path)(context);
  });

  const staticFiles = new StaticFiles(deps.webRoot ?? join(packageRoot(), 'dist', 'web'));
  const serveIndex = (context: RequestContext) => staticFiles.serve(context, '/index.html');
  router.on('GET', '/', serveIndex).on('GET', '/index.html', serveIndex);
  for (const route of CLIENT_ROUTES) router.on('GET', route, serveIndex);
  router.onPrefix('GET', '/audit/', serveIndex);
  router.onPrefix('GET', '/assets/', (context) => staticFiles.serve(context, context.path));

  return { sessions, indicators, staticFiles };
}

/**
 * A state-changing call must come from the dashboard's own origin. SameSite=Strict already keeps the
 * session cookie off cross-site requests; this refuses them even with a bearer key (defence in depth).
 */
function refuseCrossOrigin(context: RequestContext): void {
  const origin = context.request.headers.origin;
  if (origin === undefined || origin === 'null') return;
  const host = context.request.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new JajuError('forbidden', 'cross-origin request refused');
  }
  if (originHost !== host) throw new JajuError('forbidden', 'cross-origin request refused');
}

let version: string | undefined;

function about(runtime: GatewayRuntime, dashboard: DashboardContext): AboutResponse {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return {
    version,
    home: runtime.config.home,
    node: process.version,
    configSource: runtime.config.source,
    modules: {
      detection: { available: true },
      policy: { available: true },
      ledger: { available: true },
      drills: { available: dashboard.engine !== undefined, ...(dashboard.engine ? {} : { message: 'started without the policy engine' }) },
      indicators: { available: true },
      compute: { available: true },
      evaluation: { available: true },
    },
  };
}
