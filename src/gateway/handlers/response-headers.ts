import type { PlanEntry } from '../../route/plan.js';
import type { PreparedRequest } from '../pipeline/prepare-request.js';

/** docs/design.md §4.3 response headers, plus the effective grade and send mode for operators. */
export function jajuHeaders(prepared: PreparedRequest<unknown>, entry: PlanEntry): Record<string, string> {
  return {
    'x-jaju-provider': entry.target.provider,
    'x-jaju-decision-id': prepared.facts.requestId,
    'x-jaju-ai-generated': 'true',
    'x-jaju-grade': prepared.facts.grade,
    'x-jaju-mode': entry.mode,
  };
}
