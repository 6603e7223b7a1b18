import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OBJECTIVES } from '../../../src/control/assess/index.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { runJaju } from '../../helpers/cli.js';
import { assessJson, writeYaml } from './assess-fixtures.js';

/**
 * Score arithmetic against hand-computed cases. The estate has no components, so every criterion is
 * answered by the answers file and every figure below follows from it by hand:
 *   SOV-1 (5 criteria): 4 × 100 + SOV-1.5 at 50          → 450 / 5 = 90,    SEAL min(4,2) = 2
 *   SOV-2 (5): all 100                                     → 100,             SEAL 4
 *   SOV-3 (4): 3 × 100 + SOV-3.4 "1" (value 25 × 1 = 25)   → 325 / 4 = 81.25, SEAL 1
 *   SOV-4 (6): all 100                                     → 100,             SEAL 4
 *   SOV-5 (5): 3 × 100 + 40 + 60                           → 400 / 5 = 80,    SEAL 3
 *   SOV-6 (5), SOV-7 (7): all 100                          → 100,             SEAL 4
 *   SOV-8 (4): 3 × 100 + SOV-8.2 "2" (value 50)            → 350 / 4 = 87.5,  SEAL 2
 */
const dir = tempDir('jaju-assess-score-');
const inventory = writeYaml(dir, 'inventory.yaml', { estate: { name: 'answers only', home: 'KR' } });
const special: Record<string, unknown> = { 'SOV-1.5': { seal: 2, value: 50 }, 'SOV-3.4': 1, 'SOV-5.1': { seal: 3, value: 40 }, 'SOV-5.2': { seal: 3, value: 60 }, 'SOV-8.2': 2 };
const all: Record<string, unknown> = Object.fromEntries(OBJECTIVES.flatMap((objective) => objective.criteria.map((criterion) => [criterion.id, special[criterion.id] ?? { seal: 4 }])));
const answers = writeYaml(dir, 'answers.yaml', { answers: all });
const scores = { 'SOV-1': 90, 'SOV-2': 100, 'SOV-3': 81.25, 'SOV-4': 100, 'SOV-5': 80, 'SOV-6': 100, 'SOV-7': 100, 'SOV-8': 87.5 };
const seals = { 'SOV-1': 2, 'SOV-2': 4, 'SOV-3': 1, 'SOV-4': 4, 'SOV-5': 3, 'SOV-6': 4, 'SOV-7': 4, 'SOV-8': 2 };

describe('assessment score arithmetic', () => {
  it('scores objectives as the mean of their answers and takes SEALs as minima (document weights by default)', async () => {
    const result = await assessJson(['--inventory', inventory, '--answers', answers]);
    assert.equal(result.objectives.length, 8);
    assert.deepEqual(Object.fromEntries(result.objectives.map((objective) => [objective.id, objective.score])), scores);
    assert.deepEqual(Object.fromEntries(result.objectives.map((objective) => [objective.id, objective.seal])), seals);
    assert.deepEqual(result.objectives.map((objective) => objective.weight), [0.15, 0.1, 0.1, 0.15, 0.2, 0.15, 0.1, 0.05]);
    assert.deepEqual(result.objectives.map((objective) => objective.answers.length), [5, 5, 4, 6, 5, 5, 7, 4]);
    // .15×90 + .10×100 + .10×81.25 + .15×100 + .20×80 + .15×100 + .10×100 + .05×87.5
    // = 13.5 + 10 + 8.125 + 15 + 16 + 15 + 10 + 4.375 = 92
    assert.ok(Math.abs(result.overall.score - 92) < 1e-9, String(result.overall.score));
    // Overall SEAL = the minimum over all 41 answers: SOV-3.4 at 1.
    assert.equal(result.overall.seal, 1);
    assert.equal(answerSource(result, 'SOV-3.4'), 'answers');
  });

  it('applies the annex preset', async () => {
    const result = await assessJson(['--inventory', inventory, '--answers', answers, '--weights', 'annex']);
    assert.deepEqual(result.objectives.map((objective) => objective.weight), [0.2, 0.1, 0.1, 0.15, 0.1, 0.15, 0.15, 0.05]);
    // .20×90 + .10×100 + .10×81.25 + .15×100 + .10×80 + .15×100 + .15×100 + .05×87.5
    // = 18 + 10 + 8.125 + 15 + 8 + 15 + 15 + 4.375 = 93.5
    assert.ok(Math.abs(result.overall.score - 93.5) < 1e-9, String(result.overall.score));
    assert.equal(result.overall.seal, 1);
  });

  it('applies custom weights in percent, with the weights file gate', async () => {
    const weights = writeYaml(dir, 'weights.yaml', { weights: { 'SOV-1': 30, 'SOV-2': 0, 'SOV-3': 70, 'SOV-4': 0, 'SOV-5': 0, 'SOV-6': 0, 'SOV-7': 0, 'SOV-8': 0 }, minimumSeal: { 'SOV-3': 2, 'SOV-5': 3 } });
    const result = await assessJson(['--inventory', inventory, '--answers', answers, '--weights', weights]);
    // .30×90 + .70×81.25 = 27 + 56.875 = 83.875
    assert.ok(Math.abs(result.overall.score - 83.875) < 1e-9, String(result.overall.score));
    // Gate: SOV-3 has SEAL 1 < 2 (fails); SOV-5 has SEAL 3 ≥ 3 (passes).
    assert.equal(result.gate.passed, false);
    assert.deepEqual(result.gate.failures, [{ objective: 'SOV-3', seal: 1, required: 2 }]);
    assert.equal(result.objectives.find((objective) => objective.id === 'SOV-5')!.passesGate, true);
    assert.equal(result.overall.passesGate, false);
  });

  it('accepts fractions, and --min-seal overrides the gate per objective', async () => {
    const weights = writeYaml(dir, 'fractions.yaml', { weights: { 'SOV-1': 0.5, 'SOV-2': 0.5, 'SOV-3': 0, 'SOV-4': 0, 'SOV-5': 0, 'SOV-6': 0, 'SOV-7': 0, 'SOV-8': 0 } });
    const result = await assessJson(['--inventory', inventory, '--answers', answers, '--weights', weights, '--min-seal', 'SOV-1=2,SOV-8=3']);
    // .5×90 + .5×100 = 95
    assert.ok(Math.abs(result.overall.score - 95) < 1e-9);
    // SOV-1 SEAL 2 ≥ 2 passes; SOV-8 SEAL 2 < 3 fails.
    assert.deepEqual(result.gate.failures, [{ objective: 'SOV-8', seal: 2, required: 3 }]);
    const uniform = await assessJson(['--inventory', inventory, '--answers', answers, '--min-seal', '1']);
    assert.equal(uniform.gate.passed, true);
  });

  it('counts an unanswered criterion as value 0, SEAL 0', async () => {
    const partial = { ...all };
    delete partial['SOV-7.7'];
    const file = writeYaml(dir, 'partial.yaml', { answers: partial });
    const result = await assessJson(['--inventory', inventory, '--answers', file]);
    const sov7 = result.objectives.find((objective) => objective.id === 'SOV-7')!;
    // 6 × 100 + 0 over 7 criteria.
    assert.ok(Math.abs(sov7.score - 600 / 7) < 1e-9);
    assert.equal(sov7.seal, 0);
    assert.equal(result.overall.seal, 0);
    assert.equal(answerSource(result, 'SOV-7.7'), 'unanswered');
    // 92 − .10 × (100 − 600/7)
    assert.ok(Math.abs(result.overall.score - (92 - 0.1 * (100 - 600 / 7))) < 1e-9);
  });

  it('rejects weights that do not sum to 100 or 1, naming the path (exit 2, one line)', async () => {
    const weights = writeYaml(dir, 'bad-weights.yaml', { weights: { 'SOV-1': 30, 'SOV-2': 0, 'SOV-3': 60, 'SOV-4': 0, 'SOV-5': 0, 'SOV-6': 0, 'SOV-7': 0, 'SOV-8': 0 } });
    const result = await runJaju(['assess', '--inventory', inventory, '--weights', weights]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /weights: weights must sum to 1 \(fractions\) or 100 \(percent\), got 90/);
  });
});

function answerSource(result: Awaited<ReturnType<typeof assessJson>>, criterion: string): string {
  return result.objectives.flatMap((objective) => objective.answers).find((answer) => answer.criterion === criterion)!.source;
}
