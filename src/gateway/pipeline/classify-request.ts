import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../../config/index.js';
import { JajuError, isGrade, maxGrade, type App, type FindingCounts, type Grade } from '../../domain/index.js';
import { failClosedDecision } from '../../policy/fail-closed-decision.js';
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

export interface ClassifiedRequest {
  route: AliasRoute;
  grade: Grade;
  findings: FindingCounts;
  result: PlanResult;
}

function failure(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

/**
 * What every entry point that decides a route does, in one place: resolve the alias (404), take the
 * effective grade (400 on a bad header), scan for personal data and ask the planner. A detector or
 * engine failure becomes a denial that names it (docs/design.md §2: fail closed), never a pass-through.
 */
export function classifyAndPlan(
  runtime: GatewayRuntime,
  caller: Caller,
  alias: string,
  gradeHeader: string | string[] | undefined,
  scan: () => FindingCounts,
): ClassifiedRequest {
  const route = resolveAlias(runtime, caller, alias);
  const grade = effectiveGrade(caller.app, gradeHeader);
  let findings: FindingCounts;
  try {
    findings = scan();
  } catch (error) {
    const decision = failClosedDecision(grade, {}, route.targets, 'core.detector-error', `personal-data detection failed: ${failure(error)}`);
    return { route, grade, findings: {}, result: { decision, plan: [], denialKind: 'policy' } };
  }
  try {
    const result = runtime.ports.planner.decide({ app: caller.app, grade, findings, crisis: runtime.crisis }, route.targets, runtime.isCut, runtime.isHealthy);
    return { route, grade, findings, result };
  } catch (error) {
    const message = `policy evaluation failed: ${failure(error)}`;
    runtime.logger.error({ err: message }, 'policy engine error');
    const decision = failClosedDecision(grade, findings, route.targets, 'core.engine-error', message);
    return { route, grade, findings, result: { decision, plan: [], denialKind: 'policy' } };
  }
}

/** The error a denied request gets: 403 naming the rules, or 503 when only cuts stand in the way. */
export function denialError(result: PlanResult): JajuError {
  const details = { decision: result.decision };
  if (result.denialKind === 'unavailable') return new JajuError('no_provider_available', result.decision.reason, { details });
  return new JajuError('policy_denied', result.decision.reason, { details });
}
