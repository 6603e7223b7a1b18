import type { Deadline } from '../http/request-deadline.js';
import { isJajuError, JajuError } from '../../domain/index.js';
import type { PlanEntry } from '../../route/plan.js';
import { executePlan, PlanExhaustedError, type AttemptOutcome } from '../../route/execute-plan.js';
import type { GatewayRuntime } from '../runtime.js';
import { completeRecord, dispatchRecord, unavailableRecord, type CallResult } from './audit-records.js';
import type { PreparedRequest } from './prepare-request.js';
import { planErrorToJajuError } from './plan-error.js';
import { recordRefusal } from './record-refusal.js';

export interface PlanSuccess<T> {
  value: T;
  entry: PlanEntry;
  /** 1-based number of the dispatched target that answered (its dispatch/complete records carry it). */
  attempt: number;
  /** When the answering target's dispatch was recorded. */
  startedAt: number;
  attempts: AttemptOutcome[];
}

/** What a call to one target gets: the signal, and the hook its adapter awaits right before sending. */
export interface AttemptOptions {
  signal: AbortSignal;
  /** Records the target's durable `dispatch` (once per target, however many tries); see CallOptions.beforeSend. */
  beforeSend(): Promise<void>;
}

/** One target's dispatch record: numbered among the targets actually dispatched, written once. */
interface Dispatch {
  attempt: number;
  startedAt: number;
  durable: boolean;
  recorded: Promise<void>;
}

/** Why each skipped or failed target could not be used, as rule names for a `deny` record. */
function unusableRules(attempts: readonly AttemptOutcome[]): string[] {
  return attempts.map((attempt) => (attempt.result !== 'skipped' ? 'core.target-unusable' : attempt.error === 'cut' ? 'core.cut-target' : 'core.circuit-open'));
}

/**
 * Runs the executor over the permitted plan with the ledger in the loop: a durable `dispatch` record
 * right before the first byte goes to each target (the adapter awaits it once the upstream body is
 * built and serialised), a `complete` record for every dispatched target given up on. The caller
 * writes the `complete` of the target that answered once its response is finished. A request that
 * ends with nothing dispatched is put on the record here: `deny` (503) when every permitted target was
 * cut, behind an open circuit or unusable; `refuse` otherwise (a body that cannot be serialised, a
 * client that left, the deadline).
 */
export async function runPlan<T>(
  runtime: GatewayRuntime,
  prepared: PreparedRequest<unknown>,
  signal: AbortSignal,
  deadline: Deadline,
  call: (entry: PlanEntry, attempt: AttemptOptions) => Promise<T>,
): Promise<PlanSuccess<T>> {
  const dispatches = new Map<PlanEntry, Dispatch>();
  const dispatchOnce = (entry: PlanEntry): Promise<void> => {
    let dispatch = dispatches.get(entry);
    if (!dispatch) {
      const created: Dispatch = { attempt: dispatches.size + 1, startedAt: 0, durable: false, recorded: Promise.resolve() };
      created.recorded = runtime.ports.audit.append(dispatchRecord(prepared.facts, prepared.summary, entry, created.attempt)).then(
        () => {
          created.durable = true;
          created.startedAt = Date.now();
        },
        (error: unknown) => {
          runtime.logger.error({ requestId: prepared.facts.requestId, err: (error as Error).message }, 'audit append failed before dispatch');
          throw new JajuError('audit_unavailable', 'the audit ledger is unavailable; nothing was sent upstream');
        },
      );
      dispatches.set(entry, created);
      dispatch = created;
    }
    return dispatch.recorded;
  };
  const dispatched = () => [...dispatches.values()].some((dispatch) => dispatch.durable);

  try {
    const outcome = await executePlan(prepared.result.plan, (entry, attemptSignal) => call(entry, { signal: attemptSignal, beforeSend: () => dispatchOnce(entry) }), {
      signal,
      circuits: runtime.circuits,
      isCut: (entry) => runtime.isCut(entry.target),
      retryPolicy: (entry) => {
        const provider = runtime.provider(entry.target.provider).config;
        return { maxRetries: provider.maxRetries, timeoutMs: provider.timeoutMs };
      },
      afterTarget: (entry, result, error) => {
        const dispatch = dispatches.get(entry);
        // A target whose dispatch was never recorded was never sent anything: no complete to pair.
        if (result.result !== 'failed' || !dispatch?.durable) return;
        const callResult: CallResult = {
          outcome: error?.kind === 'aborted' ? 'aborted' : 'error',
          status: error?.status ?? (error?.kind === 'timeout' ? 504 : 502),
          latencyMs: Date.now() - dispatch.startedAt,
          tokens: null,
          ...(result.error ? { error: result.error } : {}),
        };
        appendInBackground(runtime, completeRecord(prepared.facts, prepared.summary, entry, dispatch.attempt, callResult, runtime.provider(entry.target.provider).config));
      },
    });
    const dispatch = dispatches.get(outcome.entry);
    if (!dispatch?.durable) {
      // Every adapter sends through UpstreamHttp, which awaits beforeSend: an answer without a recorded
      // dispatch means an adapter bypassed it. Fail loudly rather than serve an unrecorded call.
      throw new Error(`provider ${outcome.entry.target.provider} answered without a recorded dispatch`);
    }
    return { value: outcome.value, entry: outcome.entry, attempt: dispatch.attempt, startedAt: dispatch.startedAt, attempts: outcome.attempts };
  } catch (error) {
    const answer = planErrorToJajuError(error, deadline.aborted);
    if (!dispatched()) await recordUnsent(runtime, prepared, error, answer);
    throw answer;
  }
}

/** The record of a request that ends with nothing sent (unless the ledger itself is what failed). */
async function recordUnsent(runtime: GatewayRuntime, prepared: PreparedRequest<unknown>, error: unknown, answer: unknown): Promise<void> {
  const refusal = isJajuError(answer) ? answer : new JajuError('internal_error', 'internal error (see the gateway log)');
  if (refusal.code === 'audit_unavailable') return;
  const { facts, summary } = prepared;
  if (refusal.code === 'no_provider_available' && error instanceof PlanExhaustedError) {
    try {
      await runtime.ports.audit.append(unavailableRecord(facts, summary, unusableRules(error.attempts), refusal.message));
    } catch (auditError) {
      runtime.logger.error({ requestId: facts.requestId, err: (auditError as Error).message }, 'audit append failed for a denial');
      throw new JajuError('audit_unavailable', 'the audit ledger is unavailable; request refused');
    }
    return;
  }
  await recordRefusal(
    runtime,
    { requestId: facts.requestId, caller: facts.caller, endpoint: facts.endpoint, alias: facts.alias, grade: facts.grade, decided: { findings: facts.findings, summary } },
    refusal,
  );
}

/** complete records do not hold the client up: their failure is logged loudly and `audit verify` shows the open pair. */
export function appendInBackground(runtime: GatewayRuntime, record: Parameters<GatewayRuntime['ports']['audit']['append']>[0]): void {
  runtime.ports.audit.append(record).catch((error: unknown) => {
    runtime.logger.error({ requestId: record.requestId, kind: record.kind, err: (error as Error).message }, 'audit append failed');
  });
}

export function finishCall(runtime: GatewayRuntime, prepared: PreparedRequest<unknown>, success: PlanSuccess<unknown>, result: CallResult): void {
  appendInBackground(
    runtime,
    completeRecord(prepared.facts, prepared.summary, success.entry, success.attempt, result, runtime.provider(success.entry.target.provider).config),
  );
}
