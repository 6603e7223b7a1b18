import type { IncomingMessage, ServerResponse } from 'node:http';

/** What every handler gets: the raw request/response, the parsed URL path and a request id. */
export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  path: string;
  query: URLSearchParams;
  requestId: string;
  startedAt: number;
  /** Aborted when the client disconnects before the response is complete (created on first use). */
  readonly clientSignal: AbortSignal;
  /** The client disconnected before the response was complete. */
  readonly clientGone: boolean;
  /** Calls `listener` once if the client disconnects early; returns an unsubscribe function. */
  onClientGone(listener: () => void): () => void;
}

export type Handler = (context: RequestContext) => Promise<void> | void;
