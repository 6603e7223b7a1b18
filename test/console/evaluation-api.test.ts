import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { EvaluationsResponse } from '../../src/console/api-types.js';
import { OPERATOR_KEY, startDemoEstate, type DemoEstate } from '../web/demo-estate.js';
import { seedEvaluationRuns } from '../web/demo-evaluation.js';

describe('GET /api/evaluations', () => {
  let estate: DemoEstate;
  const get = async () => {
    const response = await fetch(`${estate.url}/api/evaluations`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
    return { status: response.status, body: (await response.json()) as EvaluationsResponse };
  };

  before(async () => {
    estate = await startDemoEstate();
  });
  after(() => estate.close());

  it('needs the operator key', async () => {
    const response = await fetch(`${estate.url}/api/evaluations`);
    assert.equal(response.status, 401);
  });

  it('says how to make a first run when none is saved', async () => {
    const { status, body } = await get();
    assert.equal(status, 200);
    assert.deepEqual([body.available, body.runs, body.latest, body.problems], [true, [], [], []]);
    assert.match(body.message ?? '', /jaju eval run --suite builtin/);
  });

  it('lists saved runs newest first by id (never a server path), each model\'s latest result, and unreadable files', async () => {
    seedEvaluationRuns(estate.dataDir);
    mkdirSync(join(estate.dataDir, 'eval', 'runs'), { recursive: true });
    writeFileSync(join(estate.dataDir, 'eval', 'runs', 'broken.json'), '{"kind": "jaju-eval"');
    const { body } = await get();
    assert.equal(body.runs.length, 2);
    assert.ok(body.runs[0]!.finishedAt > body.runs[1]!.finishedAt);
    assert.ok(body.runs.every((run) => /^[\w-]+$/.test(run.id) && !('file' in run)));
    assert.deepEqual(body.runs[0]!.runs.map((run) => run.model), ['ko-chat', 'secure-chat', 'frontier']);
    assert.deepEqual(
      body.latest.map((entry) => [entry.model, entry.correct, entry.run === body.runs[0]!.id, entry.ratio?.verdict ?? null]),
      [
        ['frontier', 316, true, null],
        // 297/316 = 0.940 of the reference; its paired interval (≈ 0.91–0.97) straddles 0.95.
        ['ko-chat', 297, true, 'undecided'],
        ['secure-chat', 260, true, 'below'],
      ],
    );
    assert.deepEqual(body.problems.length, 1);
    assert.match(body.problems[0]!, /^broken\.json: /);
  });
});
