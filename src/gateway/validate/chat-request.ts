import { JajuError, type ChatCompletionRequest } from '../../domain/index.js';
import { checkBodyLimits, DEFAULT_BODY_LIMITS, type BodyLimits } from './body-limits.js';

function invalid(param: string, message: string): JajuError {
  return new JajuError('invalid_request', `${param}: ${message}`, { details: { param } });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const OPTIONAL_NUMBERS = ['max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'n', 'presence_penalty', 'frequency_penalty', 'seed'];

/**
 * Checks the fields jaju relies on (model, messages and their text, stream flags). Unknown fields pass
 * through to the upstream untouched: vendors add parameters faster than gateways learn them.
 */
export function validateChatRequest(body: unknown, limits: BodyLimits = DEFAULT_BODY_LIMITS): ChatCompletionRequest {
  if (!isObject(body)) throw new JajuError('invalid_request', 'request body must be a JSON object');
  checkBodyLimits(body, limits);
  if (typeof body['model'] !== 'string' || body['model'] === '') throw invalid('model', 'required, a non-empty string (a model alias)');
  const messages = body['messages'];
  if (!Array.isArray(messages)) throw invalid('messages', messages === undefined ? 'required, a list of messages' : 'expected a list of messages');
  if (messages.length === 0) throw invalid('messages', 'must contain at least one message');
  messages.forEach((message: unknown, index) => {
    const at = `messages[${index}]`;
    if (!isObject(message)) throw invalid(at, 'expected an object with role and content');
    if (typeof message['role'] !== 'string' || message['role'] === '') throw invalid(`${at}.role`, 'required, a string');
    const content = message['content'];
    if (content !== undefined && content !== null && typeof content !== 'string') {
      if (!Array.isArray(content)) throw invalid(`${at}.content`, 'expected a string, a list of content parts, or null');
      content.forEach((part: unknown, partIndex) => {
        if (!isObject(part) || typeof part['type'] !== 'string') throw invalid(`${at}.content[${partIndex}]`, 'expected an object with a type');
        if (part['type'] === 'text' && typeof part['text'] !== 'string') throw invalid(`${at}.content[${partIndex}].text`, 'expected a string');
      });
    }
    const toolCalls = message['tool_calls'];
    if (toolCalls !== undefined && toolCalls !== null) {
      if (!Array.isArray(toolCalls)) throw invalid(`${at}.tool_calls`, 'expected a list');
      toolCalls.forEach((call: unknown, callIndex) => {
        if (!isObject(call)) throw invalid(`${at}.tool_calls[${callIndex}]`, 'expected an object');
        const fn = call['function'];
        if (fn !== undefined && (!isObject(fn) || (fn['arguments'] !== undefined && typeof fn['arguments'] !== 'string'))) {
          throw invalid(`${at}.tool_calls[${callIndex}].function`, 'expected {name, arguments: string}');
        }
      });
    }
  });
  if (body['stream'] !== undefined && body['stream'] !== null && typeof body['stream'] !== 'boolean') throw invalid('stream', 'expected a boolean');
  const streamOptions = body['stream_options'];
  if (streamOptions !== undefined && streamOptions !== null && !isObject(streamOptions)) throw invalid('stream_options', 'expected an object');
  for (const name of OPTIONAL_NUMBERS) {
    const value = body[name];
    if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value))) throw invalid(name, 'expected a number');
  }
  const stop = body['stop'];
  if (stop !== undefined && stop !== null && typeof stop !== 'string' && !(Array.isArray(stop) && stop.every((item) => typeof item === 'string'))) {
    throw invalid('stop', 'expected a string or a list of strings');
  }
  if (body['tools'] !== undefined && body['tools'] !== null && !Array.isArray(body['tools'])) throw invalid('tools', 'expected a list');
  return body as ChatCompletionRequest;
}
