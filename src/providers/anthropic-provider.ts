import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  ChatToolCall,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../domain/index.js';
import { toAnthropicRequest, toFinishReason } from './anthropic-messages.js';
import type { CallOptions, ChunkStream, ProviderAdapter } from './provider.js';
import { UpstreamHttp } from './upstream-http.js';
import { UpstreamError } from './upstream-error.js';

export interface AnthropicOptions {
  id: string;
  baseUrl: string;
  apiKey?: string | undefined;
  headers?: Record<string, string>;
  /** The `anthropic-version` header. */
  version?: string;
}

interface AnthropicResponse {
  id: string;
  model: string;
  content: ({ type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown } | { type: string })[];
  stop_reason: string | null;
  usage?: { input_tokens?: number; output_tokens?: number };
}

/** Anthropic's Messages API behind OpenAI's chat-completions shape, streaming included. */
export class AnthropicProvider implements ProviderAdapter {
  readonly id: string;
  private readonly http: UpstreamHttp;

  constructor(options: AnthropicOptions) {
    this.id = options.id;
    const headers: Record<string, string> = { 'anthropic-version': options.version ?? '2023-06-01', ...options.headers };
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    this.http = new UpstreamHttp(options.baseUrl, headers, options.id);
  }

  async chat(request: ChatCompletionRequest, options: CallOptions): Promise<ChatCompletionResponse> {
    const body = (await this.http.postJson('/messages', toAnthropicRequest(request), options)) as AnthropicResponse;
    if (typeof body !== 'object' || body === null || !Array.isArray(body.content)) {
      throw new UpstreamError('protocol', `${this.id}: messages response without content`);
    }
    const text = body.content
      .filter((block): block is { type: 'text'; text: string } => block.type === 'text')
      .map((block) => block.text)
      .join('');
    const toolCalls: ChatToolCall[] = body.content
      .filter((block): block is { type: 'tool_use'; id: string; name: string; input: unknown } => block.type === 'tool_use')
      .map((block) => ({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } }));
    const prompt = body.usage?.input_tokens ?? 0;
    const completion = body.usage?.output_tokens ?? 0;
    return {
      id: body.id,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? request.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
          finish_reason: toFinishReason(body.stop_reason),
        },
      ],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    };
  }

  async chatStream(request: ChatCompletionRequest, options: CallOptions): Promise<ChunkStream> {
    const events = await this.http.postStream('/messages', { ...toAnthropicRequest(request), stream: true }, options);
    const providerId = this.id;
    return {
      cancel: () => events.cancel(),
      async *[Symbol.asyncIterator]() {
        const created = Math.floor(Date.now() / 1000);
        let id = 'msg';
        let model = request.model;
        let promptTokens = 0;
        let completionTokens = 0;
        /** Anthropic block index → OpenAI tool_calls index. */
        const toolIndex = new Map<number, number>();
        const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], finish: string | null = null): ChatCompletionChunk => ({
          id,
          object: 'chat.completion.chunk',
          created,
          model,
          choices: [{ index: 0, delta, finish_reason: finish }],
        });
        for await (const event of events) {
          let data: Record<string, unknown>;
          try {
            data = JSON.parse(event.data) as Record<string, unknown>;
          } catch {
            throw new UpstreamError('protocol', `${providerId}: malformed event in stream (not JSON)`);
          }
          const type = (data['type'] as string | undefined) ?? event.event;
          switch (type) {
            case 'message_start': {
              const message = data['message'] as { id?: string; model?: string; usage?: { input_tokens?: number } } | undefined;
              id = message?.id ?? id;
              model = message?.model ?? model;
              promptTokens = message?.usage?.input_tokens ?? 0;
              yield chunk({ role: 'assistant', content: '' });
              break;
            }
            case 'content_block_start': {
              const block = data['content_block'] as { type?: string; id?: string; name?: string } | undefined;
              if (block?.type === 'tool_use') {
                const index = toolIndex.size;
                toolIndex.set(data['index'] as number, index);
                yield chunk({ tool_calls: [{ index, id: block.id ?? '', type: 'function', function: { name: block.name ?? '', arguments: '' } }] });
              }
              break;
            }
            case 'content_block_delta': {
              const delta = data['delta'] as { type?: string; text?: string; partial_json?: string } | undefined;
              if (delta?.type === 'text_delta' && delta.text) yield chunk({ content: delta.text });
              else if (delta?.type === 'input_json_delta' && delta.partial_json) {
                const index = toolIndex.get(data['index'] as number) ?? 0;
                yield chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] });
              }
              break;
            }
            case 'message_delta': {
              const delta = data['delta'] as { stop_reason?: string } | undefined;
              const usage = data['usage'] as { output_tokens?: number } | undefined;
              completionTokens = usage?.output_tokens ?? completionTokens;
              if (delta?.stop_reason) yield chunk({}, toFinishReason(delta.stop_reason));
              break;
            }
            case 'message_stop':
              yield {
                id,
                object: 'chat.completion.chunk',
                created,
                model,
                choices: [],
                usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
              };
              return;
            case 'error': {
              const error = data['error'] as { message?: string; type?: string } | undefined;
              throw new UpstreamError('status', `${providerId}: upstream reported an error mid-stream`, {
                status: error?.type === 'overloaded_error' ? 529 : 502,
                upstreamMessage: error?.message,
              });
            }
            default:
              // ping, content_block_stop and future event types carry nothing for the client.
              break;
          }
        }
        throw new UpstreamError('protocol', `${providerId}: stream ended before message_stop`);
      },
    };
  }

  async embeddings(_request: EmbeddingsRequest, _options: CallOptions): Promise<EmbeddingsResponse> {
    throw new UpstreamError('unsupported', `${this.id}: the Anthropic API has no embeddings endpoint`);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
