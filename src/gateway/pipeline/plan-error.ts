import { JajuError } from '../../domain/index.js';
import { PlanExhaustedError } from '../../route/execute-plan.js';

/** Maps the executor's verdict to what the client sees (DESIGN.md §4.3: 502/503/504, or the upstream's 4xx). */
export function planErrorToJajuError(error: unknown, deadlinePassed: boolean): unknown {
  if (!(error instanceof PlanExhaustedError)) return error;
  switch (error.reason) {
    case 'unavailable':
      return new JajuError('no_provider_available', `${error.message}; the request was not widened to targets the policy did not permit`);
    case 'client-fault':
      return new JajuError('invalid_request', `upstream rejected the request: ${error.lastError?.upstreamMessage ?? error.lastError?.message ?? 'bad request'}`);
    case 'aborted':
      return deadlinePassed ? new JajuError('upstream_timeout', 'request deadline exceeded (server.requestTimeoutMs)') : new JajuError('client_closed_request', 'client closed the request');
    case 'failed':
      return error.lastError?.kind === 'timeout' && error.attempts.every((attempt) => attempt.result !== 'ok')
        ? new JajuError('upstream_timeout', error.message)
        : new JajuError('upstream_error', error.message);
  }
}
