import type { ChatCompletionRequest, ChatContentPart, ChatMessage } from '../domain/index.js';

/** Anthropic Messages API request shapes (the subset jaju translates). */
export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string } }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string };

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicContentBlock[];
}

export interface AnthropicRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  stream?: boolean;
  tools?: { name: string; description?: string; input_schema: unknown }[];
  tool_choice?: { type: 'auto' | 'any' | 'none' } | { type: 'tool'; name: string };
  metadata?: { user_id?: string };
}

const DEFAULT_MAX_TOKENS = 4096;

function textOf(content: ChatMessage['content']): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content
    .filter((part): part is ChatContentPart & { text: string } => part.type === 'text' && typeof part['text'] === 'string')
    .map((part) => part.text)
    .join('\n');
}

function blocksOf(content: ChatMessage['content']): AnthropicContentBlock[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const blocks: AnthropicContentBlock[] = [];
  for (const part of content) {
    if (part.type === 'text' && typeof part['text'] === 'string') blocks.push({ type: 'text', text: part['text'] });
    else if (part.type === 'image_url') {
      const url = (part['image_url'] as { url?: string } | undefined)?.url ?? '';
      const inline = /^data:([^;]+);base64,(.*)$/s.exec(url);
      if (inline) blocks.push({ type: 'image', source: { type: 'base64', media_type: inline[1]!, data: inline[2]! } });
      else if (url) blocks.push({ type: 'image', source: { type: 'url', url } });
    }
  }
  return blocks;
}

function parseArguments(text: string | undefined): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    // A model-produced argument string that is not JSON: pass it along rather than lose it.
    return { _raw: text };
  }
}

/** Consecutive messages of one role are merged: the Messages API wants user/assistant alternation. */
function pushMessage(messages: AnthropicMessage[], role: 'user' | 'assistant', blocks: AnthropicContentBlock[]): void {
  if (blocks.length === 0) return;
  const last = messages[messages.length - 1];
  if (last && last.role === role) last.content.push(...blocks);
  else messages.push({ role, content: blocks });
}

/** OpenAI chat request → Anthropic Messages request. */
export function toAnthropicRequest(request: ChatCompletionRequest): AnthropicRequest {
  const system: string[] = [];
  const messages: AnthropicMessage[] = [];
  for (const message of request.messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(textOf(message.content));
        break;
      case 'assistant': {
        const blocks = blocksOf(message.content);
        for (const call of message.tool_calls ?? []) {
          blocks.push({ type: 'tool_use', id: call.id ?? '', name: call.function?.name ?? '', input: parseArguments(call.function?.arguments) });
        }
        pushMessage(messages, 'assistant', blocks);
        break;
      }
      case 'tool':
        pushMessage(messages, 'user', [{ type: 'tool_result', tool_use_id: message.tool_call_id ?? '', content: textOf(message.content) }]);
        break;
      default:
        pushMessage(messages, 'user', blocksOf(message.content));
    }
  }
  const out: AnthropicRequest = {
    model: request.model,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_MAX_TOKENS,
    messages,
  };
  const systemText = system.filter((text) => text !== '').join('\n\n');
  if (systemText) out.system = systemText;
  if (typeof request.temperature === 'number') out.temperature = Math.min(1, request.temperature);
  if (typeof request.top_p === 'number') out.top_p = request.top_p;
  if (request.stop) out.stop_sequences = Array.isArray(request.stop) ? request.stop : [request.stop];
  if (request.user) out.metadata = { user_id: request.user };
  if (Array.isArray(request.tools) && request.tools.length > 0) {
    out.tools = request.tools.map((tool) => {
      const fn = (tool as { function?: { name?: string; description?: string; parameters?: unknown } }).function ?? {};
      return {
        name: fn.name ?? '',
        ...(fn.description ? { description: fn.description } : {}),
        input_schema: fn.parameters ?? { type: 'object', properties: {} },
      };
    });
    const choice = request.tool_choice;
    if (choice === 'auto') out.tool_choice = { type: 'auto' };
    else if (choice === 'required') out.tool_choice = { type: 'any' };
    else if (choice === 'none') out.tool_choice = { type: 'none' };
    else if (typeof choice === 'object' && choice !== null) {
      const name = (choice as { function?: { name?: string } }).function?.name;
      if (name) out.tool_choice = { type: 'tool', name };
    }
  }
  return out;
}

/** Anthropic stop_reason → OpenAI finish_reason. */
export function toFinishReason(stopReason: string | null | undefined): string | null {
  switch (stopReason) {
    case undefined:
    case null:
      return null;
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
