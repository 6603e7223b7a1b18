import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Target } from '../../src/domain/index.js';
import { UpstreamError } from '../../src/providers/index.js';
import { InMemoryCircuitStore } from '../../src/route/circuit-store.js';
import { executePlan, PlanExhaustedError } from '../../src/route/execute-plan.js';
import type { PlanEntry } from '../../src/route/plan.js';

const profile = { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises' } as unknown as Target['profile'];
const entry = (provider: string): PlanEntry => ({ target: { provider, model: 'm', profile } as Target, mode: 'raw' });

/** Runs a two-target plan where the first target fails with `error` (every try); counts calls per target. */
async function run(error: UpstreamError, circuits: InMemoryCircuitStore) {
  const calls = { first: 0, second: 0 };
  const outcome = await executePlan(
    [entry('first'), entry('second')],
    async (target) => {
      if (target.target.provider === 'first') {
        calls.first += 1;
        throw error;
      }
      calls.second += 1;
      return 'answer';
    },
    { signal: new AbortController().signal, circuits, isCut: () => false, retryPolicy: () => ({ maxRetries: 1, timeoutMs: 100 }), backoffBaseMs: 1 },
  ).catch((failure: unknown) => failure);
  return { outcome, calls };
}

describe('only upstream behaviour moves a circuit (a typed property of UpstreamError)', () => {
  it('counts connect errors, timeouts, 5xx, 429 and malformed responses against the target', async () => {
    const failures = [
      new UpstreamError('connect', 'refused'),
      new UpstreamError('timeout', 'silent'),
      new UpstreamError('status', '503', { status: 503 }),
      new UpstreamError('status', '429', { status: 429 }),
      new UpstreamError('protocol', 'not JSON'),
    ];
    for (const failure of failures) {
      const circuits = new InMemoryCircuitStore({ failureThreshold: 1 });
      const { outcome, calls } = await run(failure, circuits);
      assert.equal(outcome && (outcome as { value?: string }).value, 'answer', `${failure.kind}: failed over`);
      assert.equal(circuits.state('first'), 'open', `${failure.kind} opens the circuit`);
      assert.equal(failure.movesCircuit, true);
      assert.ok(calls.first >= 1);
    }
  });

  it('never counts a local fault (nothing sent): no failover, the circuit stays closed, the client is at fault', async () => {
    const circuits = new InMemoryCircuitStore({ failureThreshold: 1 });
    const local = new UpstreamError('local', 'the request body cannot be serialised (RangeError); nothing was sent');
    for (let index = 0; index < 5; index += 1) {
      const { outcome, calls } = await run(local, circuits);
      assert.ok(outcome instanceof PlanExhaustedError);
      assert.equal(outcome.reason, 'client-fault');
      assert.deepEqual(calls, { first: 1, second: 0 }, 'not retried, not failed over');
    }
    assert.equal(circuits.state('first'), 'closed');
    assert.deepEqual(circuits.snapshot(), {}, 'not even a consecutive-failure count was kept');
  });

  it('fails over past an operation the adapter lacks without counting it', async () => {
    const circuits = new InMemoryCircuitStore({ failureThreshold: 1 });
    const { outcome } = await run(new UpstreamError('unsupported', 'no embeddings endpoint'), circuits);
    assert.equal((outcome as { value?: string }).value, 'answer');
    assert.equal(circuits.state('first'), 'closed');
  });

  it('leaves the circuit closed when the upstream judged the request invalid (it answered)', async () => {
    const circuits = new InMemoryCircuitStore({ failureThreshold: 1 });
    const { outcome, calls } = await run(new UpstreamError('status', '400', { status: 400 }), circuits);
    assert.ok(outcome instanceof PlanExhaustedError && outcome.reason === 'client-fault');
    assert.equal(calls.second, 0);
    assert.equal(circuits.state('first'), 'closed');
  });

  it('frees a half-open probe slot when the probe fails locally', async () => {
    let now = 0;
    const circuits = new InMemoryCircuitStore({ failureThreshold: 1, cooldownMs: 10 });
    circuits.recordFailure('first', now);
    now = 20;
    assert.equal(circuits.state('first', now), 'half-open');
    await run(new UpstreamError('local', 'cannot serialise'), circuits);
    assert.equal(circuits.tryAcquire('first'), true, 'the next request may probe');
  });
});
