/**
 * Every error jaju reports to a client has one of these codes. The table below is exhaustive, so adding
 * a code forces a decision about its HTTP status.
 */
export const ERROR_STATUS = {
  invalid_api_key: 401,
  invalid_request: 400,
  invalid_json: 400,
  policy_denied: 403,
  forbidden: 403,
  model_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  request_too_large: 413,
  unsupported_media_type: 415,
  headers_too_large: 431,
  rate_limited: 429,
  too_many_connections: 429,
  client_closed_request: 499,
  internal_error: 500,
  upstream_error: 502,
  upstream_timeout: 504,
  no_provider_available: 503,
  audit_unavailable: 503,
  server_busy: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** OpenAI error `type` values, so that OpenAI SDKs map our errors to their own classes. */
const ERROR_TYPE: Record<ErrorCode, string> = {
  invalid_api_key: 'authentication_error',
  invalid_request: 'invalid_request_error',
  invalid_json: 'invalid_request_error',
  policy_denied: 'permission_error',
  forbidden: 'permission_error',
  model_not_found: 'invalid_request_error',
  not_found: 'invalid_request_error',
  method_not_allowed: 'invalid_request_error',
  request_timeout: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  unsupported_media_type: 'invalid_request_error',
  headers_too_large: 'invalid_request_error',
  rate_limited: 'rate_limit_error',
  too_many_connections: 'rate_limit_error',
  client_closed_request: 'invalid_request_error',
  internal_error: 'server_error',
  upstream_error: 'upstream_error',
  upstream_timeout: 'upstream_error',
  no_provider_available: 'service_unavailable',
  audit_unavailable: 'server_error',
  server_busy: 'service_unavailable',
};

export class JajuError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  /** Extra public fields for the error body (e.g. the decision of a denial). Never secrets. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JajuError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.type = ERROR_TYPE[code];
    this.details = options?.details;
  }

  /** The OpenAI-style body: {"error":{"message","type","code"}}. */
  toBody(): { error: { message: string; type: string; code: ErrorCode; param: null } & Record<string, unknown> } {
    return { error: { message: this.message, type: this.type, code: this.code, param: null, ...this.details } };
  }
}

export function isJajuError(value: unknown): value is JajuError {
  return value instanceof JajuError;
}
