/**
 * Why an upstream call failed, in the executor's terms: whether it may be retried on the same target,
 * whether failing over to the next permitted target makes sense, or whether the fault is the client's.
 */
export type UpstreamFailureKind =
  | 'connect' // refused, reset, DNS: nothing reached the model
  | 'timeout' // no headers, or silence mid-stream, beyond the target's timeout
  | 'status' // an HTTP error status from the upstream
  | 'protocol' // a body we cannot read: non-JSON, malformed SSE, wrong shape
  | 'unsupported' // the adapter cannot do this operation (e.g. embeddings on Anthropic)
  | 'aborted'; // the client went away or the request deadline passed

export class UpstreamError extends Error {
  override name = 'UpstreamError';
  readonly kind: UpstreamFailureKind;
  readonly status: number | undefined;
  /** Milliseconds the upstream asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs: number | undefined;
  /** The upstream's own error message, safe to show (never contains our credentials). */
  readonly upstreamMessage: string | undefined;

  constructor(
    kind: UpstreamFailureKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; upstreamMessage?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.upstreamMessage = options.upstreamMessage;
  }

  /** Worth another attempt on the same target: connect errors, timeouts, 429 and 5xx (docs/design.md / issue 2). */
  get retryable(): boolean {
    if (this.kind === 'connect' || this.kind === 'timeout') return true;
    if (this.kind === 'status') return this.status === 429 || this.status === 408 || (this.status ?? 0) >= 500;
    return false;
  }

  /**
   * The client's own request was bad (400, 413, 422 …): another target would refuse it too, so we answer
   * the client instead of failing over.
   */
  get clientFault(): boolean {
    return this.kind === 'status' && this.status !== undefined && this.status >= 400 && this.status < 500 && ![401, 403, 404, 408, 409, 429].includes(this.status);
  }
}

export function isUpstreamError(value: unknown): value is UpstreamError {
  return value instanceof UpstreamError;
}
