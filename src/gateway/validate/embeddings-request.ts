import { JajuError, type EmbeddingsRequest } from '../../domain/index.js';
import { checkBodyLimits, DEFAULT_BODY_LIMITS, type BodyLimits } from './body-limits.js';

function invalid(param: string, message: string): JajuError {
  return new JajuError('invalid_request', `${param}: ${message}`, { details: { param } });
}

const isTokenList = (value: unknown): boolean => Array.isArray(value) && value.length > 0 && value.every((item) => Number.isInteger(item));

export function validateEmbeddingsRequest(body: unknown, limits: BodyLimits = DEFAULT_BODY_LIMITS): EmbeddingsRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new JajuError('invalid_request', 'request body must be a JSON object');
  checkBodyLimits(body, limits);
  const record = body as Record<string, unknown>;
  if (typeof record['model'] !== 'string' || record['model'] === '') throw invalid('model', 'required, a non-empty string (a model alias)');
  const input = record['input'];
  const valid =
    (typeof input === 'string' && input !== '') ||
    (Array.isArray(input) && input.length > 0 && (input.every((item) => typeof item === 'string') || isTokenList(input) || input.every(isTokenList)));
  if (!valid) {
    throw invalid('input', input === undefined ? 'required: a string, a list of strings, or token lists' : 'expected a non-empty string, a list of strings, or token lists');
  }
  if (record['encoding_format'] !== undefined && record['encoding_format'] !== 'float' && record['encoding_format'] !== 'base64') {
    throw invalid('encoding_format', 'expected "float" or "base64"');
  }
  return body as EmbeddingsRequest;
}
