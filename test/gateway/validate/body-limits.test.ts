import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JajuError } from '../../../src/domain/index.js';
import { checkBodyLimits, DEFAULT_BODY_LIMITS } from '../../../src/gateway/validate/body-limits.js';
import { validateChatRequest } from '../../../src/gateway/validate/chat-request.js';
import { validateEmbeddingsRequest } from '../../../src/gateway/validate/embeddings-request.js';

const limits = { ...DEFAULT_BODY_LIMITS, maxDepth: 16, maxMessages: 4, maxTools: 2, maxContentParts: 3, maxEmbeddingInputs: 5, maxStringLength: 2048, maxKeyLength: 32 };
const message = { role: 'user', content: 'x' };

function refusal(run: () => unknown): JajuError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof JajuError, String(error));
    return error;
  }
  assert.fail('the body was accepted');
}

/** A value nested `depth` arrays deep (built without recursion, as an attacker's body would be). */
function nested(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
}

describe('body shape limits (server.bodyLimits)', () => {
  it('accepts an ordinary request and one at every limit', () => {
    validateChatRequest({ model: 'm', messages: [message] }, limits);
    validateChatRequest(
      {
        model: 'm',
        messages: Array.from({ length: 4 }, () => ({ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'text', text: 'x'.repeat(2048) }] })),
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }, { type: 'function', function: { name: 'g' } }],
        metadata: nested(14),
      },
      limits,
    );
    validateEmbeddingsRequest({ model: 'e', input: ['a', 'b', 'c', 'd', 'e'] }, limits);
  });

  const cases: [string, unknown, string, string][] = [
    ['deep nesting in an unscanned field', { model: 'm', messages: [message], metadata: nested(20) }, 'maxDepth', 'metadata'],
    ['deep nesting inside a tool schema', { model: 'm', messages: [message], tools: [{ type: 'function', function: { name: 'f', parameters: nested(20) } }] }, 'maxDepth', 'tools'],
    ['too many messages', { model: 'm', messages: Array.from({ length: 5 }, () => message) }, 'maxMessages', 'messages'],
    ['too many tools', { model: 'm', messages: [message], tools: [{}, {}, {}] }, 'maxTools', 'tools'],
    ['too many legacy functions', { model: 'm', messages: [message], functions: [{}, {}, {}] }, 'maxTools', 'functions'],
    ['too many content parts', { model: 'm', messages: [{ role: 'user', content: [1, 2, 3, 4].map(() => ({ type: 'text', text: 'a' })) }] }, 'maxContentParts', 'messages[0].content'],
    ['a string too long', { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(2049) }] }, 'maxStringLength', 'messages'],
    ['a key too long', { model: 'm', messages: [message], metadata: { ['k'.repeat(33)]: 1 } }, 'maxKeyLength', 'metadata'],
  ];
  for (const [name, body, limit, param] of cases) {
    it(`refuses ${name} with 400 naming server.bodyLimits.${limit}`, () => {
      const error = refusal(() => validateChatRequest(body, limits));
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_request');
      assert.match(error.message, new RegExp(`server\\.bodyLimits\\.${limit}`));
      assert.equal(error.details?.['limit'], `server.bodyLimits.${limit}`);
      assert.equal(error.details?.['param'], param);
    });
  }

  it('refuses too many embedding inputs', () => {
    const error = refusal(() => validateEmbeddingsRequest({ model: 'e', input: ['a', 'b', 'c', 'd', 'e', 'f'] }, limits));
    assert.equal(error.details?.['limit'], 'server.bodyLimits.maxEmbeddingInputs');
  });

  it('checks a body nested far beyond what JSON.stringify survives, without overflowing itself', () => {
    const error = refusal(() => checkBodyLimits({ model: 'm', messages: [message], extra: nested(100_000) }, DEFAULT_BODY_LIMITS));
    assert.match(error.message, /^extra: nesting deeper than 64 levels/);
  });

  it('never repeats a client-chosen key or value in its message', () => {
    const secretKey = '900101-1234567';
    const error = refusal(() => checkBodyLimits({ model: 'm', [secretKey]: nested(70) }, DEFAULT_BODY_LIMITS));
    assert.ok(!error.message.includes(secretKey));
    assert.equal(error.details?.['param'], 'body');
  });
});
