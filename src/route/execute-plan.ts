import type { UpstreamError } from '../providers/upstream-error.js';
import { isUpstreamError } from '../providers/upstream-error.js';
import type { CircuitStore } from './circuit-store.js';
import type { PlanEntry } from './plan.js';

/** What happened to one target of the plan (for logs, metrics and the error message). */
export interface AttemptOutcome {
  provider: string;
  model: string;
  /** 'skipped' = circuit open or cut since planning: nothing was sent. */
  result: 'ok' | 'failed' | 'skipped';
  tries: number;
  error?: string;
}

export interface RetryPolicy {
  /** Retries on the same target before failing over. */
  maxRetries: number;
  /** Per-attempt upstream timeout. */
  timeoutMs: number;
}

export interface ExecuteOptions {
  /** Aborted when the client disconnects or the request deadline passes. */
  signal: AbortSignal;
  circuits: CircuitStore;
  retryPolicy(entry: PlanEntry): RetryPolicy;
  /** Re-checked before each target: a cut made after planning still removes the target (docs/design.md §5). */
  isCut(entry: PlanEntry): boolean;
  /** Called once per target before its first try; the audit dispatch record is written here. */
  beforeTarget?(entry: PlanEntry, targetNumber: number): Promise<void>;
  /** Called when a target is given up on or has succeeded. */
  afterTarget?(entry: PlanEntry, targetNumber: number, outcome: AttemptOutcome, error: UpstreamError | undefined): void;
  /** Backoff base; tests shorten it. */
  backoffBaseMs?: number;
  /** Longest Retry-After we wait for on the same target; longer ones fail over instead. */
  maxRetryAfterMs?: number;
}

/** Why the plan produced no answer. */
export class PlanExhaustedError extends Error {
  override name = 'PlanExhaustedError';
  constructor(
    /** 'unavailable' = nothing could be tried (all cut or circuits open); 'failed' = tried and failed; 'client-fault' = the upstream rejected the request itself; 'aborted' = client gone or deadline. */
    readonly reason: 'unavailable' | 'failed' | 'client-fault' | 'aborted',
    readonly attempts: AttemptOutcome[],
    readonly lastError: UpstreamError | undefined,
  ) {
    super(describe(reason, attempts));
  }
}

function describe(reason: PlanExhaustedError['reason'], attempts: AttemptOutcome[]): string {
  const parts = attempts.map((attempt) => `${attempt.provider}: ${attempt.result === 'skipped' ? attempt.error ?? 'skipped' : attempt.error ?? attempt.result}`);
  const detail = parts.length > 0 ? ` (${parts.join('; ')})` : '';
  switch (reason) {
    case 'unavailable':
      return `no permitted provider is available${detail}`;
    case 'failed':
      return `every permitted provider failed${detail}`;
    case 'client-fault':
      return `the upstream rejected the request${detail}`;
    case 'aborted':
      return 'the request was aborted';
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Walks the plan, and only the plan: retries with exponential backoff on retryable failures, fails over
 * to the next permitted target, skips targets whose circuit is open or that were cut meanwhile. It never
 * adds a target: failover cannot widen what the policy permitted.
 */
export async function executePlan<T>(
  plan: readonly PlanEntry[],
  call: (entry: PlanEntry, signal: AbortSignal) => Promise<T>,
  options: ExecuteOptions,
): Promise<{ value: T; entry: PlanEntry; attempts: AttemptOutcome[] }> {
  const attempts: AttemptOutcome[] = [];
  const backoffBase = options.backoffBaseMs ?? 100;
  const maxRetryAfter = options.maxRetryAfterMs ?? 5_000;
  let lastError: UpstreamError | undefined;
  let triedAny = false;
  let targetNumber = 0;

  for (const entry of plan) {
    const { provider, model } = entry.target;
    if (options.signal.aborted) throw new PlanExhaustedError('aborted', attempts, lastError);
    if (options.isCut(entry)) {
      attempts.push({ provider, model, result: 'skipped', tries: 0, error: 'cut' });
      continue;
    }
    if (!options.circuits.tryAcquire(provider)) {
      attempts.push({ provider, model, result: 'skipped', tries: 0, error: 'circuit open' });
      continue;
    }
    targetNumber += 1;
    try {
      await options.beforeTarget?.(entry, targetNumber);
    } catch (error) {
      options.circuits.release(provider);
      throw error;
    }
    triedAny = true;
    const policy = options.retryPolicy(entry);
    let tries = 0;
    let targetError: UpstreamError | undefined;
    for (;;) {
      tries += 1;
      try {
        const value = await call(entry, options.signal);
        options.circuits.recordSuccess(provider);
        const outcome: AttemptOutcome = { provider, model, result: 'ok', tries };
        attempts.push(outcome);
        options.afterTarget?.(entry, targetNumber, outcome, undefined);
        return { value, entry, attempts };
      } catch (error) {
        if (!isUpstreamError(error)) {
          options.circuits.release(provider);
          throw error;
        }
        targetError = error;
        lastError = error;
        if (error.kind === 'aborted' || options.signal.aborted) {
          options.circuits.release(provider);
          const outcome: AttemptOutcome = { provider, model, result: 'failed', tries, error: 'aborted' };
          attempts.push(outcome);
          options.afterTarget?.(entry, targetNumber, outcome, error);
          throw new PlanExhaustedError('aborted', attempts, error);
        }
        if (error.clientFault) {
          // The upstream judged the request itself invalid: the breaker stays closed, no failover.
          options.circuits.recordSuccess(provider);
          const outcome: AttemptOutcome = { provider, model, result: 'failed', tries, error: error.message };
          attempts.push(outcome);
          options.afterTarget?.(entry, targetNumber, outcome, error);
          throw new PlanExhaustedError('client-fault', attempts, error);
        }
        const retryAfter = error.retryAfterMs;
        const canRetry = error.retryable && tries <= policy.maxRetries && (retryAfter === undefined || retryAfter <= maxRetryAfter);
        if (!canRetry) break;
        const backoff = retryAfter ?? backoffBase * 2 ** (tries - 1) * (0.5 + Math.random());
        await sleep(Math.min(backoff, maxRetryAfter), options.signal);
        if (options.signal.aborted) continue; // the next try sees the abort and reports it
      }
    }
    options.circuits.recordFailure(provider);
    const outcome: AttemptOutcome = { provider, model, result: 'failed', tries, error: targetError?.upstreamMessage ? `${targetError.message}: ${targetError.upstreamMessage}` : targetError?.message };
    attempts.push(outcome);
    options.afterTarget?.(entry, targetNumber, outcome, targetError);
  }
  throw new PlanExhaustedError(triedAny ? 'failed' : 'unavailable', attempts, lastError);
}
