import { defaultConfig, type BodyLimits } from '../../config/index.js';
import { JajuError } from '../../domain/index.js';

export type { BodyLimits } from '../../config/index.js';

/** server.bodyLimits with every default, for callers that are not handed the configured values. */
export const DEFAULT_BODY_LIMITS: BodyLimits = defaultConfig().server.bodyLimits;

/** A top-level field name safe to repeat in an error and in the ledger (client-chosen keys may carry anything). */
const PLAIN_FIELD = /^[a-z_]{1,32}$/;

function exceeded(limit: keyof BodyLimits, param: string, message: string, value: number): JajuError {
  return new JajuError('invalid_request', `${param}: ${message} (server.bodyLimits.${limit} = ${value})`, {
    details: { param, limit: `server.bodyLimits.${limit}` },
  });
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/**
 * The shape limits of a request body (server.bodyLimits), checked before anything else looks at it:
 * how deep it nests, how many messages, tools, content parts or embedding inputs it carries, how long
 * its strings and keys are. A client that breaks one gets 400 naming the limit — its fault, never the
 * provider's: a body nested thousands of levels deep would otherwise fail later, in serialisation
 * (JSON.stringify overflows its stack near 8,000 levels) or in any recursive walk of the request.
 * One iterative pass with an explicit stack, so the check itself cannot overflow; it stops at the
 * first limit broken. Messages name the top-level field, never a client-chosen key or a value.
 */
export function checkBodyLimits(body: unknown, limits: BodyLimits = DEFAULT_BODY_LIMITS): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const record = body as Record<string, unknown>;
  const messages = record['messages'];
  if (countOf(messages) > limits.maxMessages) throw exceeded('maxMessages', 'messages', `${countOf(messages)} messages exceed the limit`, limits.maxMessages);
  for (const field of ['tools', 'functions']) {
    const count = countOf(record[field]);
    if (count > limits.maxTools) throw exceeded('maxTools', field, `${count} tools exceed the limit`, limits.maxTools);
  }
  if (Array.isArray(messages)) {
    messages.forEach((message: unknown, index) => {
      const parts = countOf((message as { content?: unknown } | null)?.content);
      if (parts > limits.maxContentParts) throw exceeded('maxContentParts', `messages[${index}].content`, `${parts} content parts exceed the limit`, limits.maxContentParts);
    });
  }
  const inputs = countOf(record['input']);
  if (inputs > limits.maxEmbeddingInputs) throw exceeded('maxEmbeddingInputs', 'input', `${inputs} inputs exceed the limit`, limits.maxEmbeddingInputs);
  checkNesting(record, limits);
}

/** Depth, string and key lengths over the whole body, without recursion. */
function checkNesting(body: Record<string, unknown>, limits: BodyLimits): void {
  const values: unknown[] = [];
  const depths: number[] = [];
  const fields: string[] = [];
  for (const key of Object.keys(body)) {
    const field = PLAIN_FIELD.test(key) ? key : 'body';
    if (key.length > limits.maxKeyLength) throw exceeded('maxKeyLength', 'body', `a field name of ${key.length} characters exceeds the limit`, limits.maxKeyLength);
    values.push(body[key]);
    depths.push(2);
    fields.push(field);
  }
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    const field = fields.pop()!;
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) throw exceeded('maxStringLength', field, `a string of ${value.length} characters exceeds the limit`, limits.maxStringLength);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limits.maxDepth) throw exceeded('maxDepth', field, `nesting deeper than ${limits.maxDepth} levels`, limits.maxDepth);
    if (Array.isArray(value)) {
      for (const item of value) {
        values.push(item);
        depths.push(depth + 1);
        fields.push(field);
      }
      continue;
    }
    for (const key in value as Record<string, unknown>) {
      if (key.length > limits.maxKeyLength) throw exceeded('maxKeyLength', field, `a key of ${key.length} characters exceeds the limit`, limits.maxKeyLength);
      values.push((value as Record<string, unknown>)[key]);
      depths.push(depth + 1);
      fields.push(field);
    }
  }
}
