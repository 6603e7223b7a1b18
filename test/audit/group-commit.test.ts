import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommitter } from '../../src/audit/group-commit.js';

/** A commit function that records its batches and can be held open or made to fail. */
function recorder() {
  const batches: number[][] = [];
  let release: (() => void) | null = null;
  let failNext: Error | null = null;
  const commit = async (items: number[]) => {
    batches.push(items);
    if (release === null) {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    }
    if (failNext !== null) {
      const error = failNext;
      failNext = null;
      throw error;
    }
    return items.map((item) => item * 10);
  };
  return {
    batches,
    commit,
    /** Lets every current and future commit finish at once. */
    openGate() {
      const waiting = release;
      release = () => undefined;
      waiting?.();
    },
    fail(error: Error) {
      failNext = error;
    },
  };
}

describe('group commit', () => {
  it('puts appends made together into one transaction and answers each with its own result', async () => {
    const gate = recorder();
    gate.openGate();
    const committer = new GroupCommitter(gate.commit, { maxDelayMs: 0, maxBatch: 100, maxInFlight: 1 });
    const results = await Promise.all([1, 2, 3, 4].map((item) => committer.submit(item)));
    assert.deepEqual(results, [10, 20, 30, 40]);
    assert.deepEqual(gate.batches, [[1, 2, 3, 4]]);
  });

  it('collects appends that arrive while a commit runs into the next one, in order', async () => {
    const gate = recorder();
    const committer = new GroupCommitter(gate.commit, { maxDelayMs: 0, maxBatch: 100, maxInFlight: 1 });
    const first = committer.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(gate.batches, [[1]], 'the first commit is running');
    const later = [2, 3, 4].map((item) => committer.submit(item));
    gate.openGate();
    assert.deepEqual(await Promise.all([first, ...later]), [10, 20, 30, 40]);
    assert.deepEqual(gate.batches, [[1], [2, 3, 4]]);
  });

  it('never exceeds the largest batch', async () => {
    const gate = recorder();
    gate.openGate();
    const committer = new GroupCommitter(gate.commit, { maxDelayMs: 0, maxBatch: 3, maxInFlight: 1 });
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((item) => committer.submit(item)));
    assert.deepEqual(gate.batches, [[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('fails only the batch whose commit failed; later appends still commit', async () => {
    const gate = recorder();
    gate.openGate();
    const committer = new GroupCommitter(gate.commit, { maxDelayMs: 0, maxBatch: 100, maxInFlight: 1 });
    gate.fail(new Error('disk full'));
    const failed = await Promise.allSettled([committer.submit(1), committer.submit(2)]);
    assert.deepEqual(failed.map((result) => result.status), ['rejected', 'rejected']);
    assert.equal((failed[0] as PromiseRejectedResult).reason.message, 'disk full');
    assert.equal(await committer.submit(3), 30);
  });

  it('under steady load, commits as soon as as many appends wait as the last batch held', async () => {
    const gate = recorder();
    gate.openGate();
    // A delay far longer than the test: reaching the last batch's size must not wait for it.
    const committer = new GroupCommitter(gate.commit, { maxDelayMs: 60_000, maxBatch: 100, maxInFlight: 1 });
    await Promise.all([committer.submit(1)]);
    await Promise.all([committer.submit(2)]);
    assert.deepEqual(gate.batches, [[1], [2]], 'a lone writer is never delayed');
  });

  it('otherwise waits up to maxDelayMs for company, then commits what it has', async () => {
    const gate = recorder();
    gate.openGate();
    const committer = new GroupCommitter(gate.commit, { maxDelayMs: 200, maxBatch: 100, maxInFlight: 1 });
    await Promise.all([1, 2, 3].map((item) => committer.submit(item)));
    const fourth = committer.submit(4);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(gate.batches, [[1, 2, 3]], 'one waiting append is fewer than the last batch: it waits');
    const more = [5, 6].map((item) => committer.submit(item));
    assert.deepEqual(await Promise.all([fourth, ...more]), [40, 50, 60]);
    assert.deepEqual(gate.batches, [[1, 2, 3], [4, 5, 6]]);
    assert.equal(await committer.submit(7), 70, 'alone, it is committed once the delay is over');
    assert.deepEqual(gate.batches, [[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('lets a second commit start while the first still runs, and no more', async () => {
    const gate = recorder();
    const committer = new GroupCommitter(gate.commit, { maxDelayMs: 0, maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((item) => committer.submit(item));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(gate.batches, [[1, 2], [3, 4]], 'two commits in flight; the third batch waits for a slot');
    gate.openGate();
    assert.deepEqual(await Promise.all(all), [10, 20, 30, 40, 50, 60]);
    assert.deepEqual(gate.batches, [[1, 2], [3, 4], [5, 6]]);
  });

  it('drain() resolves once everything submitted is settled', async () => {
    const gate = recorder();
    const committer = new GroupCommitter(gate.commit, { maxDelayMs: 50, maxBatch: 100, maxInFlight: 2 });
    const pending = [committer.submit(1), committer.submit(2)];
    let drained = false;
    const drain = committer.drain().then(() => {
      drained = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(drained, false);
    gate.openGate();
    await drain;
    assert.deepEqual(await Promise.all(pending), [10, 20]);
  });
});
