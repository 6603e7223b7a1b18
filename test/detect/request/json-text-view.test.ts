import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonTextView, looksLikeJson } from '../../../src/detect/request/json-text-view.js';
import { replaceInText } from '../../../src/detect/request/text-findings.js';

describe('JSON text view', () => {
  it('turns keys and values into "key: value" lines, decoding escapes, and maps them back to the raw text', () => {
    const raw = '{"\\uc774\\ub984": "\\ud64d\\uae38\\ub3d9", "n": [1, -2.5e3, true, null], "o": {"k": "a\\"b"}}';
    const view = jsonTextView(raw)!;
    assert.equal(view.flat, '이름: 홍길동\nn: 1\n-2.5e3\no: k: a"b\n');
    for (const leaf of view.leaves) assert.equal(view.flat.slice(leaf.flatStart, leaf.flatEnd), leaf.value);
    assert.equal(raw.slice(view.leaves[1]!.rawStart, view.leaves[1]!.rawEnd), '"\\ud64d\\uae38\\ub3d9"');
  });

  it('rejects text that is not made of JSON tokens', () => {
    for (const text of ['{"a": undefined}', '{"a": "unterminated}', '{"a": "bad \\x escape"}', "{'a': 1}", '[1, 2] and prose']) {
      assert.equal(jsonTextView(text), undefined, text);
    }
    assert.equal(looksLikeJson('  \n {"a":1}'), true);
    assert.equal(looksLikeJson('hello {"a":1}'), false);
  });

  it('replaces findings inside JSON strings and numbers, keeping the document valid JSON and its formatting', () => {
    const raw = '{\n  "phone": "010-1234-5678",\n  "card": 4111111111111111,\n  "note": "ok"\n}';
    const out = replaceInText(raw, (_value, finding) => `<${finding.type}>`);
    assert.equal(out, '{\n  "phone": "<KR_PHONE>",\n  "card": "<CREDIT_CARD>",\n  "note": "ok"\n}');
    assert.deepEqual(JSON.parse(out), { phone: '<KR_PHONE>', card: '<CREDIT_CARD>', note: 'ok' });
  });

  it('falls back to plain text for invalid JSON', () => {
    assert.equal(replaceInText('{ 연락처 010-1234-5678', () => 'X'), '{ 연락처 X');
  });
});
