import type { Deadline } from '../http/request-deadline.js';
import { JajuError } from '../../domain/index.js';
import type { PlanEntry } from '../../route/plan.js';
import { executePlan, type AttemptOutcome } from '../../route/execute-plan.js';
import type { GatewayRuntime } from '../runtime.js';
import { completeRecord, dispatchRecord, type CallResult } from './audit-records.js';
import type { PreparedRequest } from './prepare-request.js';
import { planErrorToJajuError } from './plan-error.js';

export interface PlanSuccess<T> {
  value: T;
  entry: PlanEntry;
  /** 1-based number of the target that answered (its dispatch/complete records carry it). */
  attempt: number;
  /** When the answering target's first try started. */
  startedAt: number;
  attempts: AttemptOutcome[];
}

/**
 * Runs the executor over the permitted plan with the ledger in the loop: a durable `dispatch` record
 * before the first byte goes to each target, a `complete` record for every target given up on. The
 * caller writes the `complete` of the target that answered once its response is finished.
 */
export async function runPlan<T>(
  runtime: GatewayRuntime,
  prepared: PreparedRequest<unknown>,
  signal: AbortSignal,
  deadline: Deadline,
  call: (entry: PlanEntry, signal: AbortSignal) => Promise<T>,
): Promise<PlanSuccess<T>> {
  const started = new Map<number, number>();
  try {
    const outcome = await executePlan(prepared.result.plan, call, {
      signal,
      circuits: runtime.circuits,
      isCut: (entry) => runtime.isCut(entry.target),
      retryPolicy: (entry) => {
        const provider = runtime.provider(entry.target.provider).config;
        return { maxRetries: provider.maxRetries, timeoutMs: provider.timeoutMs };
      },
      beforeTarget: async (entry, attempt) => {
        try {
          await runtime.ports.audit.append(dispatchRecord(prepared.facts, prepared.summary, entry, attempt));
        } catch (error) {
          runtime.logger.error({ requestId: prepared.facts.requestId, err: (error as Error).message }, 'audit append failed before dispatch');
          throw new JajuError('audit_unavailable', 'the audit ledger is unavailable; nothing was sent upstream');
        }
        started.set(attempt, Date.now());
      },
      afterTarget: (entry, attempt, result, error) => {
        if (result.result !== 'failed') return;
        const callResult: CallResult = {
          outcome: error?.kind === 'aborted' ? 'aborted' : 'error',
          status: error?.status ?? (error?.kind === 'timeout' ? 504 : 502),
          latencyMs: Date.now() - (started.get(attempt) ?? Date.now()),
          tokens: null,
          ...(result.error ? { error: result.error } : {}),
        };
        appendInBackground(runtime, completeRecord(prepared.facts, prepared.summary, entry, attempt, callResult, runtime.provider(entry.target.provider).config));
      },
    });
    const attempt = [...started.keys()].pop() ?? 1;
    return { value: outcome.value, entry: outcome.entry, attempt, startedAt: started.get(attempt) ?? Date.now(), attempts: outcome.attempts };
  } catch (error) {
    throw planErrorToJajuError(error, deadline.aborted);
  }
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
