import type { ServerResponse } from 'node:http';
import { JajuError, isJajuError } from '../domain/index.js';

export type Headers = Record<string, string | number>;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Sends an OpenAI-style error body. Unknown errors become a generic 500 whose message hides internals. */
export function sendError(response: ServerResponse, error: unknown, headers: Headers = {}): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const jajuError = isJajuError(error) ? error : new JajuError('internal_error', 'internal error (see the gateway log)');
  sendJson(response, jajuError.status, jajuError.toBody(), headers);
}
