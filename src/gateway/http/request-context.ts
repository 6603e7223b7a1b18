import type { IncomingMessage, ServerResponse } from 'node:http';

/** What every handler gets: the raw request/response, the parsed URL path and a request id. */
export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  path: string;
  query: URLSearchParams;
  requestId: string;
  startedAt: number;
  /** Aborted when the client disconnects before the response is complete. */
  clientSignal: AbortSignal;
}

export type Handler = (context: RequestContext) => Promise<void> | void;
