import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUILTIN_SUITE, builtinSuiteDirectory, buildPrompt, loadSuite } from '../../../src/control/evaluate/index.js';
import { scanChatRequest } from '../../../src/detect/index.js';

const suite = loadSuite(BUILTIN_SUITE, process.cwd());

/** The categories the issue asks for, by the names the files use. */
const CATEGORIES = ['문법·어법', '높임법', '관용어·속담', '역사', '지리', '헌법·시민', '법·행정', '문화', '왜곡 점검'];

describe('the built-in Korean language and culture suite', () => {
  it('has at least 300 items in every required category, each with an id, a difficulty and a source note', () => {
    assert.ok(suite.items.length >= 300, `${suite.items.length} items`);
    const byCategory = new Map<string, number>();
    for (const item of suite.items) byCategory.set(item.category, (byCategory.get(item.category) ?? 0) + 1);
    assert.deepEqual([...byCategory.keys()].sort(), [...CATEGORIES].sort());
    for (const [category, count] of byCategory) assert.ok(count >= 30, `${category}: ${count} items`);
    for (const item of [...suite.items, ...suite.examples]) {
      assert.match(item.id, /^(gram|hon|idiom|hist|geo|civ|law|cult|dist)-(\d{3}|ex\d)$/, item.origin);
      assert.ok(item.difficulty, `${item.key}: difficulty`);
      assert.ok(item.source && item.source.length >= 6, `${item.key}: source note`);
      assert.equal(item.choices.length, 4, `${item.key}: four options`);
      assert.equal(new Set(item.choices).size, 4, `${item.key}: options differ`);
    }
  });

  it('has unique ids and no question twice (examples included)', () => {
    const all = [...suite.items, ...suite.examples];
    assert.equal(new Set(all.map((item) => item.id)).size, all.length);
    const normalized = all.map((item) => item.question.normalize('NFKC').replace(/\s+/g, ' ').trim());
    const seen = new Map<string, string>();
    for (const [index, question] of normalized.entries()) {
      assert.equal(seen.get(question), undefined, `${all[index]!.key} repeats ${seen.get(question)}`);
      seen.set(question, all[index]!.key);
    }
  });

  it('has a balanced answer key: each letter within 20–30 % overall and at least 15 % in every category', () => {
    const counts = [0, 0, 0, 0];
    for (const item of suite.items) counts[item.answer]! += 1;
    for (const count of counts) {
      const share = count / suite.items.length;
      assert.ok(share >= 0.2 && share <= 0.3, `letter shares ${counts.join('/')}`);
    }
    for (const category of CATEGORIES) {
      const items = suite.items.filter((item) => item.category === category);
      for (let letter = 0; letter < 4; letter++) {
        const share = items.filter((item) => item.answer === letter).length / items.length;
        assert.ok(share >= 0.15, `${category}: letter ${'ABCD'[letter]} is the answer of ${(share * 100).toFixed(0)} % of items`);
      }
    }
  });

  it('offers one worked example per category for k-shot prompts', () => {
    assert.deepEqual([...new Set(suite.examples.map((example) => example.category))].sort(), [...CATEGORIES].sort());
  });

  it('keeps the documented JSONL layout, one file per category', () => {
    const files = readdirSync(builtinSuiteDirectory()).filter((name) => name.endsWith('.jsonl'));
    assert.equal(files.length, CATEGORIES.length);
    for (const name of files) {
      for (const line of readFileSync(join(builtinSuiteDirectory(), name), 'utf8').trim().split('\n')) {
        const keys = Object.keys(JSON.parse(line) as object);
        assert.deepEqual(keys.filter((key) => key !== 'example'), ['id', 'category', 'difficulty', 'question', 'choices', 'answer', 'source'], `${name}: ${line.slice(0, 60)}`);
      }
    }
  });

  it("carries no personal data by the gateway's own scan, so pseudonymization never changes a prompt on its way to a foreign model", () => {
    for (const item of suite.items) {
      for (const shots of [0, 3]) {
        const findings = scanChatRequest({ model: 'any', ...buildPrompt(item, suite.examples, { shots, maxTokens: 32 }) });
        assert.deepEqual(findings, {}, `${item.key}: ${JSON.stringify(findings)}`);
      }
    }
  });
});
