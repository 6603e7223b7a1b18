import { FINDING_TYPES, type FindingType, type Target } from '../domain/index.js';
import type { Cedar } from './cedar-module.js';
import { authorizationCall, type StepInput } from './cedar-request.js';
import { interpretAnswer, type StepOutcome } from './interpret-answer.js';
import type { PolicyRequest, TargetVerdict } from './policy-request.js';

/** A policy set preparsed into Cedar's thread-local store. */
export interface PreparedPolicySet {
  policySetId: string;
  schemaName: string;
}

function step(cedar: Cedar, prepared: PreparedPolicySet, input: StepInput, target: Target, cut: boolean): StepOutcome {
  try {
    return interpretAnswer(cedar.statefulIsAuthorized(authorizationCall(input, target, cut, prepared)));
  } catch (error) {
    return { kind: 'error', reasons: [`policy engine error: ${(error as Error)?.message ?? String(error)}`] };
  }
}

function denied(reasons: string[]): TargetVerdict {
  return Object.freeze({ permitted: false as const, reasons: Object.freeze([...new Set(reasons)]) as string[] });
}

function noPermit(request: PolicyRequest, pseudonymizedTried: boolean): string {
  return `no policy permits sending grade ${request.grade} data${pseudonymizedTried ? ', raw or pseudonymized,' : ''} to this target`;
}

/** Why a findings object cannot be evaluated, or null when it is well formed. */
export function malformedFindings(request: PolicyRequest): string | null {
  for (const type of FINDING_TYPES) {
    const count = request.findings[type];
    if (count !== undefined && (!Number.isSafeInteger(count) || count < 0)) return `invalid finding count for ${type}: ${String(count)}`;
  }
  return null;
}

/**
 * The two-step decision for one target (uncached): is sending raw permitted? If not, and the
 * pseudonymizer would replace something, is sending pseudonymized permitted — with a context that
 * carries only the finding types the pseudonymizer leaves? Otherwise denied, naming the determining
 * forbids of both steps. An engine error in either step denies the target outright (fail closed).
 */
export function evaluateTarget(cedar: Cedar, prepared: PreparedPolicySet, request: PolicyRequest, target: Target, cut: boolean): TargetVerdict {
  try {
    return twoSteps(cedar, prepared, request, target, cut);
  } catch (error) {
    // A malformed request (e.g. a missing field from an unchecked caller) is a denial, not a crash.
    return denied([`policy engine error: ${(error as Error)?.message ?? String(error)}`]);
  }
}

function twoSteps(cedar: Cedar, prepared: PreparedPolicySet, request: PolicyRequest, target: Target, cut: boolean): TargetVerdict {
  const malformed = malformedFindings(request);
  if (malformed !== null) return denied([`policy engine error: ${malformed}`]);

  const present: FindingType[] = FINDING_TYPES.filter((type) => (request.findings[type] ?? 0) > 0);
  const base = { app: request.app, grade: request.grade, home: request.home, crisis: request.crisis, counts: request.findings };
  const raw = step(cedar, prepared, { ...base, types: present, pseudonymized: false }, target, cut);
  if (raw.kind === 'allow') return Object.freeze({ permitted: true as const, mode: 'raw' as const, policies: Object.freeze(raw.policies) as string[] });
  if (raw.kind === 'error') return denied(raw.reasons);

  // Pseudonymization is only a mode when the pseudonymizer has something to replace.
  const remaining = present.filter((type) => !request.pseudonymizedTypes.includes(type));
  if (remaining.length === present.length) return denied(raw.reasons.length > 0 ? raw.reasons : [noPermit(request, false)]);

  const pseudonymized = step(cedar, prepared, { ...base, types: remaining, pseudonymized: true }, target, cut);
  if (pseudonymized.kind === 'allow') {
    return Object.freeze({ permitted: true as const, mode: 'pseudonymized' as const, policies: Object.freeze(pseudonymized.policies) as string[] });
  }
  const reasons = [...raw.reasons, ...pseudonymized.reasons];
  if (pseudonymized.kind === 'deny' && pseudonymized.reasons.length === 0) reasons.push(noPermit(request, true));
  return denied(reasons);
}
