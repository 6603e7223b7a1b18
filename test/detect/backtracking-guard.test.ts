import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detect, scanChatRequest } from '../../src/detect/index.js';

/**
 * Catastrophic-backtracking guard: adversarial 200 KB inputs for every detector. The bound (2 s for
 * each) is generous — linear scanning takes milliseconds — so it never flakes, but an exponential or
 * quadratic pattern blows far past it. (The one timing assertion of the suite; numbers live in bench/.)
 */
const SIZE = 200_000;
const BOUND_MS = 2000;

function adversarial(): [string, string][] {
  const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  return [
    ['digits', repeat('1')],
    ['spaced digits', repeat('1 ')],
    ['hyphenated digits', repeat('12-')],
    ['dotted digits', repeat('1.')],
    ['phone-like groups', repeat('010-1234-')],
    ['masking stars', repeat('900101-1*')],
    ['at signs', repeat('a@')],
    ['e-mail local parts', repeat('a.b_c-d')],
    ['long domain', `a@${repeat('b.')}`],
    ['colons', repeat('a:')],
    ['hex and colons', repeat('ab:')],
    ['Hangul', repeat('가')],
    ['surname syllables', repeat('김')],
    ['labels', repeat('성명 ')],
    ['honorifics', repeat('님')],
    ['road words', repeat('로 1')],
    ['road names', repeat('테헤란로')],
    ['address chain', repeat('서울 강남구 ')],
    ['passport letters', repeat('M1')],
    ['spaces', repeat(' ')],
    ['newlines', repeat('\n')],
    ['full width', repeat('０')],
    ['nested JSON text', `${'{"a":'.repeat(SIZE / 10)}"x"${'}'.repeat(SIZE / 10)}`],
  ];
}

describe('linear time on pathological input', () => {
  for (const [name, text] of adversarial()) {
    it(`${name}: ${text.length} characters scan within ${BOUND_MS} ms`, () => {
      const started = performance.now();
      detect(text);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < BOUND_MS, `${name} took ${elapsed.toFixed(0)} ms`);
    });
  }

  it('deeply nested JSON in tool-call arguments and tool results scans within the bound', () => {
    const depth = 50_000;
    const nested = `${'['.repeat(depth)}"홍길동"${']'.repeat(depth)}`;
    const escaped = JSON.stringify(JSON.stringify(JSON.stringify({ phone: '010-1234-5678', deep: nested.slice(0, 20_000) })));
    const body = {
      model: 'm',
      messages: [
        { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: nested } }] },
        { role: 'tool', tool_call_id: 'a', content: escaped },
      ],
    };
    const started = performance.now();
    scanChatRequest(body);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < BOUND_MS, `took ${elapsed.toFixed(0)} ms`);
  });
});
