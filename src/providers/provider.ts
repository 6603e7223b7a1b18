import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse, EmbeddingsRequest, EmbeddingsResponse } from '../domain/index.js';

/** Per-attempt options the executor passes to an adapter. */
export interface CallOptions {
  /** Aborts the upstream call: client disconnect, request deadline, or executor giving up. */
  signal: AbortSignal;
  /** Longest wait for response headers, and longest silence between stream events. */
  timeoutMs: number;
  /**
   * Awaited once the upstream body is built and serialised, right before its first byte is sent (on
   * every try): the gateway records its durable `dispatch` here, so a request that fails before that
   * point (an adapter or serialisation error) is never recorded as dispatched. A rejection sends nothing.
   */
  beforeSend?: () => Promise<void>;
}

/** An upstream chat stream, already past its HTTP status check. Iterating yields OpenAI-shaped chunks. */
export interface ChunkStream extends AsyncIterable<ChatCompletionChunk> {
  /** Releases the upstream connection without reading further (idempotent). */
  cancel(): void;
}

/**
 * One upstream vendor, speaking OpenAI's shapes at this boundary whatever its wire protocol. Adapters
 * throw UpstreamError for every failure, so the executor can decide on retry and failover.
 * The request's `model` is already the target's model name.
 */
export interface ProviderAdapter {
  readonly id: string;
  chat(request: ChatCompletionRequest, options: CallOptions): Promise<ChatCompletionResponse>;
  chatStream(request: ChatCompletionRequest, options: CallOptions): Promise<ChunkStream>;
  embeddings(request: EmbeddingsRequest, options: CallOptions): Promise<EmbeddingsResponse>;
  close(): Promise<void>;
}
