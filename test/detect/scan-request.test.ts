import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DetectorError, safeScan, scanChatRequest, scanEmbeddingsRequest } from '../../src/detect/index.js';
import type { ChatCompletionRequest, EmbeddingsRequest } from '../../src/domain/index.js';

const request = (messages: unknown[]): ChatCompletionRequest => ({ model: 'ko-chat', messages: messages as ChatCompletionRequest['messages'] });

describe('scanChatRequest', () => {
  it('counts findings in every text part: strings, text parts, names, tool calls, tool results', () => {
    const counts = scanChatRequest(
      request([
        { role: 'system', content: '상담 기록을 요약하세요.' },
        { role: 'user', content: [{ type: 'text', text: '연락처 010-1234-5678' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }, { type: 'text', text: 'hong@example.com' }] },
        { role: 'user', name: 'kim@example.com', content: '안녕하세요' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"rrn":"960121-1021413"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '{"holder": "홍길동", "account": "국민은행 123456-78-901234"}' },
        { role: 'assistant', content: null, function_call: { name: 'legacy', arguments: '{"card": 4111111111111111}' } },
      ]),
    );
    assert.deepEqual(counts, { KR_PHONE: 1, EMAIL: 2, KR_RRN: 1, PERSON_NAME: 1, KR_BANK_ACCOUNT: 1, CREDIT_CARD: 1 });
  });

  it('reads JSON text through its keys and escapes (Python ensure_ascii output, post-2020 RRN labelled by its key)', () => {
    const args = JSON.stringify({ 주민번호: '2103153847561', 이름: '김민수' }).replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
    assert.match(args, /\\uc8fc/);
    const counts = scanChatRequest(request([{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }] }]));
    assert.deepEqual(counts, { KR_RRN: 1, PERSON_NAME: 1 });
  });

  it('returns an empty count for a request without personal data', () => {
    assert.deepEqual(scanChatRequest(request([{ role: 'user', content: '오늘 회의는 3시입니다. 버전 2.3.1 배포.' }])), {});
  });

  it('throws DetectorError for shapes that could hide text (fail closed)', () => {
    for (const body of [
      null,
      { model: 'm' },
      { model: 'm', messages: 'hi' },
      { model: 'm', messages: [null] },
      { model: 'm', messages: [{ role: 'user', content: { text: 'hidden' } }] },
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 42 }] }] },
      { model: 'm', messages: [{ role: 'user', content: 'x', name: 7 }] },
      { model: 'm', messages: [{ role: 'assistant', tool_calls: {} }] },
      { model: 'm', messages: [{ role: 'assistant', tool_calls: [{ function: { arguments: { a: 1 } } }] }] },
    ]) {
      assert.throws(() => scanChatRequest(body as unknown as ChatCompletionRequest), DetectorError, JSON.stringify(body));
    }
  });
});

describe('scanEmbeddingsRequest', () => {
  it('scans a string or strings and skips token arrays', () => {
    assert.deepEqual(scanEmbeddingsRequest({ model: 'e', input: '연락처 010-1234-5678' }), { KR_PHONE: 1 });
    assert.deepEqual(scanEmbeddingsRequest({ model: 'e', input: ['hong@example.com', '없음', '960121-1021413'] }), { EMAIL: 1, KR_RRN: 1 });
    assert.deepEqual(scanEmbeddingsRequest({ model: 'e', input: [1, 2, 3] }), {});
    assert.deepEqual(scanEmbeddingsRequest({ model: 'e', input: [[1, 2], [3]] }), {});
  });

  it('throws DetectorError when text could hide behind another shape', () => {
    for (const input of [42, { text: 'x' }, ['a', 1], [[1], 'x'], [null]]) {
      assert.throws(() => scanEmbeddingsRequest({ model: 'e', input } as unknown as EmbeddingsRequest), DetectorError, JSON.stringify(input));
    }
  });
});

describe('safeScan', () => {
  it('returns the counts, or an error instead of throwing', () => {
    assert.deepEqual(safeScan(scanChatRequest, request([{ role: 'user', content: '010-1234-5678' }])), { ok: true, findings: { KR_PHONE: 1 } });
    const failed = safeScan(scanChatRequest, { model: 'm' } as unknown as ChatCompletionRequest);
    assert.equal(failed.ok, false);
    assert.match((failed as { error: string }).error, /messages/);
    const crashed = safeScan(() => {
      throw new TypeError('boom');
    }, {});
    assert.deepEqual(crashed, { ok: false, error: 'detector failed: boom' });
  });
});
