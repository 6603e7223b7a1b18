import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateCorpus } from '../../bench/detect/corpus/generate-corpus.js';
import { evaluate, UNSTRUCTURED } from '../../bench/detect/evaluation.js';
import { detect } from '../../src/detect/index.js';
import { FINDING_TYPES } from '../../src/domain/index.js';

const documents = generateCorpus();

describe('labelled corpus', () => {
  it('is deterministic: the same seed gives the same documents, another seed different ones', () => {
    const digest = (corpus: unknown) => createHash('sha256').update(JSON.stringify(corpus)).digest('hex');
    assert.equal(digest(generateCorpus()), digest(documents));
    assert.notEqual(digest(generateCorpus(1, 50)), digest(documents.slice(0, 50)));
  });

  it('has ≥ 1,000 Korean and mixed documents, every type, and documents with nothing to find', () => {
    assert.ok(documents.length >= 1000);
    assert.ok(documents.filter((document) => document.language === 'mixed').length >= 100);
    assert.ok(documents.filter((document) => document.labels.length === 0).length >= 100);
    const types = new Set(documents.flatMap((document) => document.labels.map((label) => label.type)));
    assert.deepEqual([...types].sort(), [...FINDING_TYPES].sort());
  });

  it('has labels inside the text, sorted and non-overlapping', () => {
    for (const document of documents) {
      let previousEnd = 0;
      for (const label of document.labels) {
        assert.ok(label.start >= previousEnd && label.end > label.start && label.end <= document.text.length, document.id);
        assert.equal(document.text.slice(label.start, label.end).trim(), document.text.slice(label.start, label.end), `${document.id}: label with outer spaces`);
        previousEnd = label.end;
      }
    }
  });

  it('the detector keeps span precision and recall ≥ 0.98 on structured identifiers (regression guard)', () => {
    const result = evaluate(documents, documents.map((document) => detect(document.text)));
    assert.ok(result.structured.precision >= 0.98, `precision ${result.structured.precision}`);
    assert.ok(result.structured.recall >= 0.98, `recall ${result.structured.recall}`);
    for (const type of FINDING_TYPES.filter((candidate) => !UNSTRUCTURED.has(candidate))) {
      assert.ok(result.perType[type].f1 >= 0.95, `${type}: F1 ${result.perType[type].f1}`);
    }
    assert.ok(result.perType.PERSON_NAME.precision >= 0.98 && result.perType.KR_ADDRESS.precision >= 0.98, 'names and addresses: precision first');
  });
});
