import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../../config/index.js';
import { JajuError, isGrade, maxGrade, type App, type FindingCounts, type Grade } from '../../domain/index.js';
import type { AliasRoute, GatewayRuntime } from '../runtime.js';
import { bearerToken, secretsEqual } from '../auth/bearer-token.js';
import type { PlanResult } from './ports.js';

export interface Caller {
  app: App;
  config: AppConfig;
}

/** The app behind the request's key; 401 otherwise. */
export function authenticateApp(runtime: GatewayRuntime, request: IncomingMessage): Caller {
  const token = bearerToken(request);
  const caller = runtime.apps.authenticate(token);
  if (!caller) {
    throw new JajuError('invalid_api_key', token === undefined ? 'missing API key: send "Authorization: Bearer <app key>"' : 'invalid API key');
  }
  return caller;
}

/** True when the request carries the admin or operator key (constant-time comparison). */
export function isOperator(runtime: GatewayRuntime, request: IncomingMessage): boolean {
  const token = bearerToken(request);
  if (token === undefined) return false;
  const { adminKey, operatorKey } = runtime.secrets;
  return (adminKey !== undefined && secretsEqual(token, adminKey)) || (operatorKey !== undefined && secretsEqual(token, operatorKey));
}

/** Effective grade = max(app grade, x-jaju-grade): a header may raise the grade, never lower it. */
export function effectiveGrade(app: App, header: string | string[] | undefined): Grade {
  if (header === undefined) return app.grade;
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toUpperCase();
  if (!isGrade(value)) throw new JajuError('invalid_request', 'x-jaju-grade: expected C, S or O', { details: { param: 'x-jaju-grade' } });
  return maxGrade(app.grade, value);
}

/** The alias's route, if it exists and the app may use it; 404 otherwise (without revealing other apps' aliases). */
export function resolveAlias(runtime: GatewayRuntime, caller: Caller, alias: string): AliasRoute {
  const route = runtime.aliases.get(alias);
  if (!route || (caller.config.models !== undefined && !caller.config.models.includes(alias))) {
    throw new JajuError('model_not_found', `model "${alias}" is not an alias this app may use (GET /v1/models lists them)`, { details: { param: 'model' } });
  }
  return route;
}

export interface Classified {
  caller: Caller;
  route: AliasRoute;
  grade: Grade;
  findings: FindingCounts;
  /** Set when detection failed: the request must be denied (fail closed). */
  detectorError?: string;
}

/** Runs the scanner fail-closed: an exception becomes a recorded reason for denial, never a pass. */
export function scanFailClosed(scan: () => FindingCounts): { findings: FindingCounts; detectorError?: string } {
  try {
    return { findings: scan() };
  } catch (error) {
    return { findings: {}, detectorError: `personal-data detection failed: ${(error as Error)?.message ?? String(error)}` };
  }
}

/** Plans the route, turning a detector failure into a denial that names it. */
export function planRoute(runtime: GatewayRuntime, classified: Classified): PlanResult {
  const { caller, grade, findings, route } = classified;
  if (classified.detectorError !== undefined) {
    return {
      decision: {
        decision: 'deny',
        grade,
        findings,
        candidates: route.targets.map((target) => ({ provider: target.provider, model: target.model, permitted: false, reasons: ['core.detector-error'] })),
        reason: `denied: ${classified.detectorError} (core.detector-error: fail closed)`,
      },
      plan: [],
      denialKind: 'policy',
    };
  }
  try {
    return runtime.ports.planner.decide({ app: caller.app, grade, findings, crisis: runtime.crisis }, route.targets, runtime.isCut, runtime.isHealthy);
  } catch (error) {
    // An engine failure is a denial with its reason, never a pass-through (DESIGN.md §2).
    const message = `policy evaluation failed: ${(error as Error)?.message ?? String(error)}`;
    runtime.logger.error({ err: message }, 'policy engine error');
    return {
      decision: {
        decision: 'deny',
        grade,
        findings,
        candidates: route.targets.map((target) => ({ provider: target.provider, model: target.model, permitted: false, reasons: ['core.engine-error'] })),
        reason: `denied: ${message} (core.engine-error: fail closed)`,
      },
      plan: [],
      denialKind: 'policy',
    };
  }
}

/** The error a denied request gets: 403 naming the rules, or 503 when only cuts stand in the way. */
export function denialError(result: PlanResult): JajuError {
  const details = { decision: result.decision };
  if (result.denialKind === 'unavailable') return new JajuError('no_provider_available', result.decision.reason, { details });
  return new JajuError('policy_denied', result.decision.reason, { details });
}
