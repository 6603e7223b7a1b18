import type { ChatCompletionRequest, ChatContentPart, ChatMessage, ChatToolCall, EmbeddingsRequest } from '../../domain/index.js';
import { DetectorError } from '../detector-error.js';

/**
 * Every text part of a chat request: string contents, text content parts, `name` fields,
 * assistant tool_calls[].function.arguments (and the legacy function_call.arguments), tool message
 * contents. Parts that carry no text (images, audio, files) are skipped. A shape that might hide
 * text the scanner cannot see is a DetectorError (fail closed).
 */
export type TextMapper = (text: string) => string;

function assertObject(value: unknown, what: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DetectorError(`${what} is not an object`);
}

function mapContent(content: ChatMessage['content'], map: TextMapper, where: string): ChatMessage['content'] {
  if (content === undefined || content === null) return content;
  if (typeof content === 'string') return map(content);
  if (!Array.isArray(content)) throw new DetectorError(`${where}.content is neither a string nor an array of parts`);
  let changed = false;
  const parts = content.map((part: ChatContentPart, index) => {
    assertObject(part, `${where}.content[${index}]`);
    if (part.type !== 'text') return part;
    const text = part['text'];
    if (typeof text !== 'string') throw new DetectorError(`${where}.content[${index}].text is not a string`);
    const mapped = map(text);
    if (mapped === text) return part;
    changed = true;
    return { ...part, text: mapped };
  });
  return changed ? parts : content;
}

function mapFunction<T extends { function?: { name?: string; arguments?: string } }>(call: T, map: TextMapper, where: string): T {
  const fn = call.function;
  if (fn === undefined || fn === null) return call;
  assertObject(fn, `${where}.function`);
  const args = fn.arguments;
  if (args === undefined || args === null) return call;
  if (typeof args !== 'string') throw new DetectorError(`${where}.function.arguments is not a string`);
  const mapped = map(args);
  return mapped === args ? call : { ...call, function: { ...fn, arguments: mapped } };
}

function mapMessage(message: ChatMessage, map: TextMapper, mapName: TextMapper, index: number): ChatMessage {
  const where = `messages[${index}]`;
  assertObject(message, where);
  let result = message;
  const content = mapContent(message.content, map, where);
  if (content !== message.content) result = { ...result, content };
  if (message.name !== undefined && message.name !== null) {
    if (typeof message.name !== 'string') throw new DetectorError(`${where}.name is not a string`);
    const name = mapName(message.name);
    if (name !== message.name) result = { ...result, name };
  }
  if (message.tool_calls !== undefined && message.tool_calls !== null) {
    if (!Array.isArray(message.tool_calls)) throw new DetectorError(`${where}.tool_calls is not an array`);
    let changed = false;
    const calls = message.tool_calls.map((call: ChatToolCall, callIndex) => {
      assertObject(call, `${where}.tool_calls[${callIndex}]`);
      const mapped = mapFunction(call, map, `${where}.tool_calls[${callIndex}]`);
      if (mapped !== call) changed = true;
      return mapped;
    });
    if (changed) result = { ...result, tool_calls: calls };
  }
  const legacy = message['function_call'];
  if (legacy !== undefined && legacy !== null) {
    assertObject(legacy, `${where}.function_call`);
    const mapped = mapFunction({ function: legacy as { arguments?: string } }, map, `${where}.function_call`);
    if (mapped.function !== legacy) result = { ...result, function_call: mapped.function };
  }
  return result;
}

/**
 * A new request with every text part mapped; unchanged parts (and the original) are not copied or
 * mutated. `mapName` maps the messages' `name` fields (which must stay identifiers).
 */
export function mapChatRequestTexts(body: ChatCompletionRequest, map: TextMapper, mapName: TextMapper = map): ChatCompletionRequest {
  assertObject(body, 'request body');
  if (!Array.isArray(body.messages)) throw new DetectorError('request body has no messages array');
  let changed = false;
  const messages = body.messages.map((message, index) => {
    const mapped = mapMessage(message, map, mapName, index);
    if (mapped !== message) changed = true;
    return mapped;
  });
  return changed ? { ...body, messages } : body;
}

/** Visits every text part of a chat request (same coverage as mapChatRequestTexts). */
export function forEachChatRequestText(body: ChatCompletionRequest, visit: (text: string) => void): void {
  mapChatRequestTexts(body, (text) => {
    visit(text);
    return text;
  });
}

/** Embeddings input: a string or strings; token arrays carry no text and are skipped. */
export function mapEmbeddingsTexts(body: EmbeddingsRequest, map: TextMapper): EmbeddingsRequest {
  assertObject(body, 'request body');
  const input = body.input;
  if (typeof input === 'string') {
    const mapped = map(input);
    return mapped === input ? body : { ...body, input: mapped };
  }
  if (!Array.isArray(input)) throw new DetectorError('embeddings input is neither a string nor an array');
  if (input.length === 0 || typeof input[0] === 'number' || Array.isArray(input[0])) {
    // Token ids: check that they really are numbers, so no text slips through as a "token array".
    for (const item of input) {
      if (typeof item === 'number') continue;
      if (Array.isArray(item) && item.every((token) => typeof token === 'number')) continue;
      throw new DetectorError('embeddings input mixes token arrays and other values');
    }
    return body;
  }
  let changed = false;
  const mapped = (input as unknown[]).map((item, index) => {
    if (typeof item !== 'string') throw new DetectorError(`embeddings input[${index}] is not a string`);
    const result = map(item);
    if (result !== item) changed = true;
    return result;
  });
  return changed ? { ...body, input: mapped } : body;
}

export function forEachEmbeddingsText(body: EmbeddingsRequest, visit: (text: string) => void): void {
  mapEmbeddingsTexts(body, (text) => {
    visit(text);
    return text;
  });
}
