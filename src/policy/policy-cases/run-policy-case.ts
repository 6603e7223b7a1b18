import type { Config } from '../../config/index.js';
import { cutScopeMatches, maxGrade, type App, type Candidate, type ChatCompletionRequest, type FindingCounts, type FindingType, type Target } from '../../domain/index.js';
import { decideRoute, type RouteDecision } from '../decide-route.js';
import type { PolicyEngine } from '../policy-request.js';
import type { CandidateExpectation, PolicyCase } from './case-file.js';

/** What a case needs from outside the policy module (the CLI passes jaju's detectors). */
export interface CaseDependencies {
  /** Scans a chat request's text; throws when detection fails. */
  scan(body: ChatCompletionRequest): FindingCounts;
  pseudonymizedTypes: readonly FindingType[];
}

export interface CaseResult {
  name: string;
  passed: boolean;
  /** One line per expectation that did not hold (or the reason the case could not run). */
  differences: string[];
  result?: RouteDecision;
}

function resolveApp(config: Config, app: PolicyCase['request']['app']): App | string {
  if (typeof app !== 'string') return app;
  const found = config.apps.find((candidate) => candidate.id === app);
  if (!found) return `unknown app "${app}" (config has: ${config.apps.map((candidate) => candidate.id).join(', ') || 'none'})`;
  return { id: found.id, grade: found.grade, purpose: found.purpose, highImpact: found.highImpact };
}

function matches(candidate: Candidate, key: string): boolean {
  return key.includes('/') ? `${candidate.provider}/${candidate.model}` === key : candidate.provider === key;
}

function describeCandidate(candidate: Candidate): string {
  return candidate.permitted ? `permitted ${candidate.mode} by ${candidate.policies.join(', ') || '?'}` : `denied: ${candidate.reasons.join(', ')}`;
}

function compareCandidate(key: string, candidate: Candidate, expected: CandidateExpectation, out: string[]): void {
  const label = `candidate ${key === candidate.provider ? key : `${candidate.provider}/${candidate.model}`}`;
  if (candidate.permitted !== expected.permitted) {
    out.push(`${label}: expected ${expected.permitted ? 'permitted' : 'denied'}, got ${describeCandidate(candidate)}`);
    return;
  }
  if (candidate.permitted) {
    if (expected.mode !== undefined && candidate.mode !== expected.mode) out.push(`${label}: expected mode ${expected.mode}, got ${candidate.mode}`);
    const missing = (expected.policies ?? []).filter((id) => !candidate.policies.includes(id));
    if (missing.length > 0) out.push(`${label}: expected policies to include ${missing.join(', ')}, got ${candidate.policies.join(', ') || 'none'}`);
  } else {
    if (expected.mode !== undefined) out.push(`${label}: expected mode ${expected.mode}, but it is denied`);
    const missing = (expected.reasons ?? []).filter((id) => !candidate.reasons.includes(id));
    if (missing.length > 0) out.push(`${label}: expected reasons to include ${missing.join(', ')}, got ${candidate.reasons.join(', ')}`);
  }
}

function compare(testCase: PolicyCase, result: RouteDecision): string[] {
  const out: string[] = [];
  const { decision } = result;
  const expect = testCase.expect;
  if (decision.decision !== expect.decision) out.push(`decision: expected ${expect.decision}, got ${decision.decision} (${decision.reason})`);
  if (expect.grade !== undefined && decision.grade !== expect.grade) out.push(`grade: expected ${expect.grade}, got ${decision.grade}`);
  if (expect.provider !== undefined && decision.provider !== expect.provider) out.push(`provider: expected ${expect.provider}, got ${decision.provider ?? 'none'}`);
  if (expect.model !== undefined && decision.model !== expect.model) out.push(`model: expected ${expect.model}, got ${decision.model ?? 'none'}`);
  if (expect.mode !== undefined && decision.mode !== expect.mode) out.push(`mode: expected ${expect.mode}, got ${decision.mode ?? 'none'}`);
  if (expect.denialKind !== undefined && result.denialKind !== expect.denialKind) {
    out.push(`denialKind: expected ${expect.denialKind}, got ${result.denialKind ?? 'none (allowed)'}`);
  }
  for (const [key, expected] of Object.entries(expect.candidates ?? {})) {
    const found = decision.candidates.filter((candidate) => matches(candidate, key));
    if (found.length === 0) out.push(`candidate ${key}: not a target of alias ${testCase.request.model}`);
    for (const candidate of found) compareCandidate(key, candidate, expected, out);
  }
  const deniedReasons = new Set(decision.candidates.flatMap((candidate) => (candidate.permitted ? [] : candidate.reasons)));
  const missing = (expect.reasons ?? []).filter((id) => !deniedReasons.has(id));
  if (missing.length > 0) out.push(`reasons: expected ${missing.join(', ')} among the denials, got ${[...deniedReasons].join(', ') || 'none'}`);
  return out;
}

/** Runs one case: builds the request as the gateway would, decides the route, compares with the expectation. */
export function runPolicyCase(
  engine: PolicyEngine,
  config: Config,
  targetsByAlias: ReadonlyMap<string, readonly Target[]>,
  testCase: PolicyCase,
  dependencies: CaseDependencies,
): CaseResult {
  const failed = (message: string): CaseResult => ({ name: testCase.name, passed: false, differences: [message] });
  const { request } = testCase;
  const app = resolveApp(config, request.app);
  if (typeof app === 'string') return failed(app);
  const targets = targetsByAlias.get(request.model);
  if (!targets) return failed(`unknown model alias "${request.model}" (config has: ${[...targetsByAlias.keys()].join(', ') || 'none'})`);
  let findings: FindingCounts = request.findings ?? {};
  if (request.messages !== undefined) {
    try {
      findings = dependencies.scan({ model: request.model, messages: request.messages });
    } catch (error) {
      return failed(`personal-data detection failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }
  const result = decideRoute(
    engine,
    {
      app,
      grade: request.grade === undefined ? app.grade : maxGrade(app.grade, request.grade),
      findings,
      home: config.home,
      crisis: request.crisis,
      pseudonymizedTypes: dependencies.pseudonymizedTypes,
    },
    targets,
    { isCut: (target) => request.cuts.some((scope) => cutScopeMatches(scope, target.provider, target.profile)) },
  );
  const differences = compare(testCase, result);
  return { name: testCase.name, passed: differences.length === 0, differences, result };
}
