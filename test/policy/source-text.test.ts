import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineAtByteOffset, splitPolicyStatements } from '../../src/policy/source-text.js';

describe('splitPolicyStatements', () => {
  it('splits at semicolons outside strings and comments, with the line each policy starts on', () => {
    const text = [
      '// header; with a semicolon',
      '',
      '@id("a") @reason("keeps \\"quotes\\"; and semicolons")',
      'permit (principal, action, resource);',
      '  // between',
      '@id("b") forbid (principal, action, resource) when { resource.provider == "x;y" }; @id("c")',
      'permit (principal, action, resource);',
    ].join('\n');
    const statements = splitPolicyStatements(text);
    assert.deepEqual(
      statements.map((statement) => statement.line),
      [3, 6, 6],
    );
    assert.equal(statements[0]!.text, '@id("a") @reason("keeps \\"quotes\\"; and semicolons")\npermit (principal, action, resource);');
    assert.equal(statements[1]!.text, '@id("b") forbid (principal, action, resource) when { resource.provider == "x;y" };');
    assert.equal(statements[2]!.text, '@id("c")\npermit (principal, action, resource);');
  });

  it('returns nothing for comments only, and keeps an unterminated tail for Cedar to reject', () => {
    assert.deepEqual(splitPolicyStatements('// nothing\n\n// here\n'), []);
    assert.deepEqual(splitPolicyStatements('permit (principal, action, resource)'), [{ text: 'permit (principal, action, resource)', line: 1 }]);
  });
});

describe('lineAtByteOffset', () => {
  it('counts UTF-8 bytes, not UTF-16 units', () => {
    const text = '// 한국어\nforbid';
    const offset = Buffer.byteLength('// 한국어\n');
    assert.equal(lineAtByteOffset(text, offset), 2);
    assert.equal(lineAtByteOffset(text, offset - 1), 1);
    assert.equal(lineAtByteOffset(text, 3, 10), 10);
  });
});
