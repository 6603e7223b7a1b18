import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../domain/index.js';
import type { CallOptions, ChunkStream, ProviderAdapter } from './provider.js';
import { UpstreamHttp } from './upstream-http.js';
import { UpstreamError } from './upstream-error.js';

export interface OpenAiCompatibleOptions {
  id: string;
  baseUrl: string;
  apiKey?: string | undefined;
  headers?: Record<string, string>;
}

/**
 * Any server speaking OpenAI's chat-completions and embeddings API: vLLM, Ollama, llama.cpp server,
 * TGI, Upstage, CLOVA Studio's OpenAI endpoint, OpenAI, Mistral… Vendor differences are options, not
 * copies of this file.
 */
export class OpenAiCompatibleProvider implements ProviderAdapter {
  readonly id: string;
  private readonly http: UpstreamHttp;

  constructor(options: OpenAiCompatibleOptions) {
    this.id = options.id;
    const headers: Record<string, string> = { ...options.headers };
    if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;
    this.http = new UpstreamHttp(options.baseUrl, headers, options.id);
  }

  async chat(request: ChatCompletionRequest, options: CallOptions): Promise<ChatCompletionResponse> {
    const body = await this.http.postJson('/chat/completions', { ...request, stream: false }, options);
    return asChatResponse(body, this.id);
  }

  async chatStream(request: ChatCompletionRequest, options: CallOptions): Promise<ChunkStream> {
    // Usage is always requested upstream: the ledger needs token counts even when the client did not ask.
    const upstreamRequest = { ...request, stream: true, stream_options: { ...request.stream_options, include_usage: true } };
    const events = await this.http.postStream('/chat/completions', upstreamRequest, options);
    const id = this.id;
    return {
      cancel: () => events.cancel(),
      async *[Symbol.asyncIterator]() {
        for await (const event of events) {
          const data = event.data.trim();
          if (data === '[DONE]') return;
          if (data === '') continue;
          let parsed: unknown;
          try {
            parsed = JSON.parse(data);
          } catch {
            throw new UpstreamError('protocol', `${id}: malformed event in stream (not JSON)`);
          }
          if (event.event === 'error' || (typeof parsed === 'object' && parsed !== null && 'error' in parsed && !('choices' in parsed))) {
            const message = (parsed as { error?: { message?: string } }).error?.message;
            throw new UpstreamError('status', `${id}: upstream reported an error mid-stream`, { status: 502, upstreamMessage: message ?? data.slice(0, 200) });
          }
          yield asChunk(parsed, id);
        }
      },
    };
  }

  async embeddings(request: EmbeddingsRequest, options: CallOptions): Promise<EmbeddingsResponse> {
    const body = await this.http.postJson('/embeddings', request, options);
    if (typeof body !== 'object' || body === null || !Array.isArray((body as EmbeddingsResponse).data)) {
      throw new UpstreamError('protocol', `${this.id}: embeddings response without a data list`);
    }
    return body as EmbeddingsResponse;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

function asChatResponse(body: unknown, id: string): ChatCompletionResponse {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as ChatCompletionResponse).choices)) {
    throw new UpstreamError('protocol', `${id}: chat response without a choices list`);
  }
  return body as ChatCompletionResponse;
}

function asChunk(body: unknown, id: string): ChatCompletionChunk {
  if (typeof body !== 'object' || body === null) throw new UpstreamError('protocol', `${id}: stream event is not an object`);
  const chunk = body as ChatCompletionChunk;
  if (!Array.isArray(chunk.choices)) {
    // Some servers omit choices on the usage-only chunk; normalise rather than fail.
    if (chunk.usage) return { ...chunk, choices: [] };
    throw new UpstreamError('protocol', `${id}: stream chunk without choices`);
  }
  return chunk;
}
