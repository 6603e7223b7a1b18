export { PolicyLoadError } from './policy-load-error.js';
export { loadPolicyEngine, DEFAULT_CACHE_LIMIT, type PolicyEngineOptions } from './policy-engine.js';
export type { PolicyRequest, TargetVerdict, PolicyEngine, LoadedPolicyEngine } from './policy-request.js';
export type { PolicyRule } from './compile-policy-set.js';
export { decideRoute, type RouteDecision, type RoutePlanEntry, type DecideRouteOptions } from './decide-route.js';
export { CORE_PACK, policiesDirectory } from './read-policy-sources.js';
export { failClosedDecision } from './fail-closed-decision.js';
