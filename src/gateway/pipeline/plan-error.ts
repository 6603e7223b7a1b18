import { JajuError } from '../../domain/index.js';
import { PlanExhaustedError } from '../../route/execute-plan.js';

/**
 * Maps the executor's verdict to what the client sees. When every permitted target is cut, open or has
 * failed, the answer is 503 (issue 4: "503 when permitted targets exist but all are cut or failing");
 * 504 only when the whole-request deadline passed; an upstream's own 4xx verdict on the request is 400,
 * and so is a body that could not even be serialised here (nothing was sent).
 */
export function planErrorToJajuError(error: unknown, deadlinePassed: boolean): unknown {
  if (!(error instanceof PlanExhaustedError)) return error;
  switch (error.reason) {
    case 'unavailable':
      return new JajuError('no_provider_available', `${error.message}; the request was not widened to targets the policy did not permit`);
    case 'client-fault':
      if (error.lastError?.sentNothing) return new JajuError('invalid_request', `the request cannot be sent upstream: ${error.lastError.message}`);
      return new JajuError('invalid_request', `upstream rejected the request: ${error.lastError?.upstreamMessage ?? error.lastError?.message ?? 'bad request'}`);
    case 'aborted':
      return deadlinePassed ? new JajuError('upstream_timeout', 'request deadline exceeded (server.requestTimeoutMs)') : new JajuError('client_closed_request', 'client closed the request');
    case 'failed':
      return new JajuError('no_provider_available', error.message);
  }
}
