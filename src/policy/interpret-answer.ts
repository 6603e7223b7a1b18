import type { AuthorizationAnswer } from '@cedar-policy/cedar-wasm/nodejs';
import { cedarMessage } from './cedar-module.js';

/** The outcome of one Cedar call, with Cedar's fail-open trap closed. */
export type StepOutcome =
  | { kind: 'allow'; policies: string[] }
  /** reasons: the satisfied forbids (empty when nothing permitted: Cedar's default deny). */
  | { kind: 'deny'; reasons: string[] }
  /** The engine could not evaluate every policy: denied, whatever Cedar's decision said. */
  | { kind: 'error'; reasons: string[] };

/**
 * Cedar skips a policy whose condition errors and decides without it, so a `forbid` that errors can
 * turn into an allow with the error only in diagnostics. Any error, and any request Cedar refused to
 * evaluate, is therefore a denial here, carrying the error text as its reason.
 */
export function interpretAnswer(answer: AuthorizationAnswer): StepOutcome {
  if (answer.type === 'failure') {
    const messages = answer.errors.map(cedarMessage);
    return { kind: 'error', reasons: [`policy engine error: ${messages.join('; ') || 'unknown failure'}`] };
  }
  const { decision, diagnostics } = answer.response;
  if (diagnostics.errors.length > 0) {
    const errors = diagnostics.errors.map((error) => `policy error in ${error.policyId}: ${cedarMessage(error.error)}`);
    const forbids = decision === 'deny' ? [...diagnostics.reason].sort() : [];
    return { kind: 'error', reasons: [...forbids, ...errors] };
  }
  if (decision === 'allow') return { kind: 'allow', policies: [...diagnostics.reason].sort() };
  return { kind: 'deny', reasons: [...diagnostics.reason].sort() };
}
