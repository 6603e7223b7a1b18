import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UpstreamError } from '../../src/providers/index.js';
import { OpenAiCompatibleProvider } from '../../src/providers/openai-compatible-provider.js';
import type { ChatCompletionRequest } from '../../src/domain/index.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';

/** A request whose body JSON.stringify cannot serialise (nested beyond its stack). */
function tooDeep(): ChatCompletionRequest {
  const deep = JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`) as unknown;
  return { model: 'm', messages: [{ role: 'user', content: 'x' }], metadata: deep } as unknown as ChatCompletionRequest;
}

describe('the dispatch hook sits at the byte boundary (CallOptions.beforeSend)', () => {
  let upstream: FakeUpstream;
  let provider: OpenAiCompatibleProvider;
  before(async () => {
    upstream = await startFakeUpstream('openai');
    provider = new OpenAiCompatibleProvider({ id: 'onprem', baseUrl: upstream.baseUrl });
  });
  after(async () => {
    await provider.close();
    await upstream.close();
  });

  it('awaits the hook once the body is serialised and before the upstream sees anything', async () => {
    const order: string[] = [];
    const answer = await provider.chat(
      { model: 'm', messages: [{ role: 'user', content: 'hello' }] },
      {
        signal: new AbortController().signal,
        timeoutMs: 2_000,
        beforeSend: async () => {
          order.push(`hook (upstream has seen ${upstream.received.length})`);
        },
      },
    );
    assert.equal(answer.choices[0]?.message.content, 'echo: hello');
    assert.deepEqual(order, ['hook (upstream has seen 0)']);
    assert.equal(upstream.received.length, 1);
  });

  it('fails locally, before the hook and before any byte, when the body cannot be serialised', async () => {
    let hooked = 0;
    const before = upstream.received.length;
    const error = await provider
      .chat(tooDeep(), { signal: new AbortController().signal, timeoutMs: 2_000, beforeSend: async () => void (hooked += 1) })
      .catch((failure: unknown) => failure);
    assert.ok(error instanceof UpstreamError);
    assert.equal(error.kind, 'local');
    assert.equal(error.movesCircuit, false, 'a local fault never counts against the provider');
    assert.equal(error.clientFault, true);
    assert.match(error.message, /cannot be serialised \(RangeError\); nothing was sent/);
    assert.equal(hooked, 0, 'nothing was recorded as dispatched');
    assert.equal(upstream.received.length, before, 'nothing was sent');
  });

  it('sends nothing when the hook refuses (the ledger could not record the dispatch)', async () => {
    const before = upstream.received.length;
    await assert.rejects(
      provider.chat(
        { model: 'm', messages: [{ role: 'user', content: 'x' }] },
        { signal: new AbortController().signal, timeoutMs: 2_000, beforeSend: () => Promise.reject(new Error('ledger down')) },
      ),
      /ledger down/,
    );
    assert.equal(upstream.received.length, before);
  });
});
