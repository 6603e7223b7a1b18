import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DERIVATION_RULES, OBJECTIVES, OBSERVED_CRITERIA, WEIGHT_PRESETS } from '../../../src/control/assess/index.js';

/** docs/assess.md is the method's published text: it must say what the code does. */
describe('docs/assess.md and the method in code', () => {
  const doc = readFileSync('docs/assess.md', 'utf8');

  it('states every derivation rule as the code applies it', () => {
    for (const rule of DERIVATION_RULES) assert.ok(doc.includes(`| ${rule.criterion} |`) && doc.includes(rule.basis), `${rule.criterion}: ${rule.basis}`);
  });

  it('lists every criterion and every observed criterion', () => {
    for (const criterion of [...OBJECTIVES.flatMap((objective) => objective.criteria), ...OBSERVED_CRITERIA]) assert.ok(doc.includes(`| ${criterion.id} |`), criterion.id);
  });

  it('states both weight presets and they sum to 1', () => {
    for (const [name, weights] of Object.entries(WEIGHT_PRESETS)) {
      const percents = Object.values(weights).map((weight) => Math.round(weight * 100)).join('/');
      assert.ok(doc.includes(`\`${name}\``) && doc.includes(`${percents} %`), `${name}: ${percents}`);
      assert.ok(Math.abs(Object.values(weights).reduce((sum, weight) => sum + weight, 0) - 1) < 1e-12);
    }
  });
});
