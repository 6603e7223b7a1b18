import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse, EmbeddingsRequest } from '../../domain/index.js';

/**
 * What the gateway needs from the pseudonymizer (src/detect implements it): one session per request,
 * holding the placeholder ↔ value mapping only in memory.
 */
export interface PseudonymSession {
  pseudonymizeChatRequest(body: ChatCompletionRequest): ChatCompletionRequest;
  pseudonymizeEmbeddingsRequest(body: EmbeddingsRequest): EmbeddingsRequest;
  readonly size: number;
  rehydrateChatResponse(body: ChatCompletionResponse): ChatCompletionResponse;
  chunkRehydrator(): { transform(chunk: ChatCompletionChunk): ChatCompletionChunk; flush(): ChatCompletionChunk[] };
}

export interface PseudonymizerPort {
  /** `scope` (the app id) keeps two apps of one deployment from correlating placeholders. */
  session(options?: { scope?: string }): PseudonymSession;
}
