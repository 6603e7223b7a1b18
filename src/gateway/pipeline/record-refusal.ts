import { isJajuError, JajuError } from '../../domain/index.js';
import type { RequestContext } from '../../http/request-context.js';
import type { GatewayRuntime } from '../runtime.js';
import { refuseRecord, type RefusalFacts } from './audit-records.js';
import type { Caller } from './classify-request.js';

/** What the steps before a decision learnt of the request, for the record if it is refused. */
export interface SeenRequest {
  /** The body's `model`, once parsed. */
  model?: unknown;
}

/** The alias to record: the body's model only when it is an alias this app may use (never arbitrary client text). */
function knownAlias(runtime: GatewayRuntime, caller: Caller, model: unknown): string | null {
  if (typeof model !== 'string' || !runtime.aliases.has(model)) return null;
  return caller.config.models === undefined || caller.config.models.includes(model) ? model : null;
}

/**
 * Appends a `refuse` record and waits for it, so that the ledger alone explains every request an app
 * made (docs/design.md §2). The refusal itself stands when the ledger cannot take the record: nothing
 * was sent, and the client gets its own error; the failure is logged loudly.
 */
export async function recordRefusal(runtime: GatewayRuntime, facts: RefusalFacts, error: JajuError): Promise<void> {
  try {
    await runtime.ports.audit.append(refuseRecord(facts, error));
  } catch (auditError) {
    runtime.logger.error({ requestId: facts.requestId, err: (auditError as Error).message }, 'audit append failed for a refusal');
  }
}

/**
 * Runs the steps between authentication and the routing decision (read, validate, resolve the alias,
 * take the grade, scan, decide). A refusal thrown there is put on the record as `refuse` before it
 * reaches the client. Errors that are not refusals (bugs) are recorded too, as 500, then rethrown.
 */
export async function refusalsOnRecord<T>(
  runtime: GatewayRuntime,
  context: RequestContext,
  caller: Caller,
  endpoint: RefusalFacts['endpoint'],
  steps: (seen: SeenRequest) => Promise<T>,
): Promise<T> {
  const seen: SeenRequest = {};
  try {
    return await steps(seen);
  } catch (error) {
    const refusal = isJajuError(error) ? error : new JajuError('internal_error', 'internal error (see the gateway log)');
    await recordRefusal(
      runtime,
      { requestId: context.requestId, caller, endpoint, alias: knownAlias(runtime, caller, seen.model), grade: caller.app.grade },
      refusal,
    );
    throw error;
  }
}
