import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPseudonymizer, DetectorError, detect, PSEUDONYMIZED_TYPES, scanChatRequest } from '../../src/detect/index.js';
import { FINDING_TYPES, type ChatCompletionRequest, type ChatCompletionResponse } from '../../src/domain/index.js';

const SECRET = new Uint8Array(32).fill(7);
const OTHER_SECRET = new Uint8Array(32).fill(9);
const PLACEHOLDER = /\[([A-Z_]+)_([0-9a-f]{6})\]/g;

const TEXT = '고객 김민수님의 주민등록번호는 960121-1021413이고 연락처는 010-1234-5678입니다. 김민수는 서울특별시 강남구 테헤란로 123에 삽니다.';

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[0]);
}

describe('pseudonymizer', () => {
  it('replaces every finding type (the pseudonymized request carries no findings)', () => {
    assert.deepEqual([...PSEUDONYMIZED_TYPES].sort(), [...FINDING_TYPES].sort());
    const session = createPseudonymizer(SECRET).session();
    const out = session.pseudonymizeText(TEXT);
    assert.deepEqual(detect(out), []);
    assert.doesNotMatch(out, /김민수|960121|010-1234|테헤란로/);
    assert.deepEqual(placeholders(out).map((p) => p.replace(/_[0-9a-f]{6}\]$/, '').slice(1)), ['PERSON_NAME', 'KR_RRN', 'KR_PHONE', 'PERSON_NAME', 'KR_ADDRESS']);
    assert.equal(session.size, 4, 'the two mentions of 김민수 are one value');
    assert.equal(session.rehydrateText(out), TEXT);
  });

  it('gives the same value the same placeholder in every session of a deployment, whatever its formatting', () => {
    const pseudonymizer = createPseudonymizer(SECRET);
    const first = pseudonymizer.session().pseudonymizeText('연락처 010-1234-5678');
    const second = pseudonymizer.session().pseudonymizeText('전화: 01012345678 / +82 10 1234 5678');
    const [placeholder] = placeholders(first);
    assert.deepEqual(placeholders(second), [placeholder, placeholder]);
  });

  it('gives unrelated placeholders under another secret or another tenant scope', () => {
    const text = '주민등록번호 960121-1021413';
    const a = placeholders(createPseudonymizer(SECRET).session().pseudonymizeText(text));
    const b = placeholders(createPseudonymizer(OTHER_SECRET).session().pseudonymizeText(text));
    const c = placeholders(createPseudonymizer(SECRET).session({ scope: 'app-a' }).pseudonymizeText(text));
    const d = placeholders(createPseudonymizer(SECRET).session({ scope: 'app-b' }).pseudonymizeText(text));
    assert.equal(new Set([a[0], b[0], c[0], d[0]]).size, 4);
  });

  it('keeps different values apart even when their ids collide', () => {
    const session = createPseudonymizer(SECRET).session();
    const values = Array.from({ length: 3000 }, (_, index) => `hong${index}@example.com`);
    const out = session.pseudonymizeText(values.join(' '));
    assert.equal(new Set(placeholders(out)).size, 3000);
    assert.equal(session.rehydrateText(out), values.join(' '));
  });

  it('pseudonymizes a chat request into a new object without touching the original', () => {
    const body: ChatCompletionRequest = {
      model: 'ko-chat',
      messages: [
        { role: 'system', content: '요약하세요' },
        { role: 'user', name: 'hong@example.com', content: [{ type: 'text', text: '제 번호는 010-1234-5678' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"note":"\\nkim@example.com","card":4111111111111111}' } }] },
        { role: 'user', content: '김민수는 누구?' },
        { role: 'user', content: '담당자: 김민수' },
      ],
    };
    const snapshot = structuredClone(body);
    const session = createPseudonymizer(SECRET).session();
    const out = session.pseudonymizeChatRequest(body);
    assert.deepEqual(body, snapshot);
    assert.notEqual(out, body);
    assert.equal(out.messages[0], body.messages[0], 'unchanged messages are shared, not copied');
    assert.deepEqual(scanChatRequest(out), {});
    assert.match(out.messages[1]!.name!, /^EMAIL_[0-9a-f]{6}$/, 'a name field stays an identifier');
    const args = JSON.parse(out.messages[2]!.tool_calls![0]!.function!.arguments!) as Record<string, string>;
    assert.match(args['note']!, /^\n\[EMAIL_[0-9a-f]{6}\]$/, 'escapes survive; the value is replaced inside the string');
    assert.match(args['card']!, /^\[CREDIT_CARD_[0-9a-f]{6}\]$/, 'a number becomes a string placeholder');
    assert.match(out.messages[3]!.content as string, /^\[PERSON_NAME_[0-9a-f]{6}\]는 누구\?$/, 'a name learnt in a later message hides earlier mentions');
  });

  it('pseudonymizes embeddings input and leaves token arrays alone', () => {
    const session = createPseudonymizer(SECRET).session();
    const out = session.pseudonymizeEmbeddingsRequest({ model: 'e', input: ['성명: 홍길동', '홍길동의 메모', '없음'] });
    assert.deepEqual((out.input as string[]).map((text) => text.replace(/_[0-9a-f]{6}\]/, ']')), ['성명: [PERSON_NAME]', '[PERSON_NAME]의 메모', '없음']);
    const tokens = { model: 'e', input: [1, 2, 3] };
    assert.equal(session.pseudonymizeEmbeddingsRequest(tokens), tokens);
  });

  it('rehydrates responses: content, tool-call arguments (JSON-escaped), particles after names', () => {
    const session = createPseudonymizer(SECRET).session();
    const out = session.pseudonymizeText('성명: 김민수, 주소: 서울시 중구 세종대로 110 "본관"');
    const [name, address] = placeholders(out) as [string, string];
    const response: ChatCompletionResponse = {
      id: 'r',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [
        { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: `${name}은 ${name}이 ${name}을 ${name.toLowerCase()} ${name.slice(1, -1)}: ${address}` } },
        { index: 1, finish_reason: 'tool_calls', message: { role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'send', arguments: `{"to":"${name}","where":"${address}"}` } }] } },
      ],
    };
    const rehydrated = session.rehydrateChatResponse(response);
    assert.equal(rehydrated, response, 'mutated in place');
    assert.equal(response.choices[0]!.message.content, '김민수는 김민수가 김민수를 김민수 김민수: 서울시 중구 세종대로 110');
    assert.deepEqual(JSON.parse(response.choices[1]!.message.tool_calls![0]!.function!.arguments!), { to: '김민수', where: '서울시 중구 세종대로 110' });
  });

  it('leaves unknown and altered placeholders alone, and does nothing when the session is empty', () => {
    const session = createPseudonymizer(SECRET).session();
    assert.equal(session.size, 0);
    assert.equal(session.rehydrateText('[KR_RRN_abcdef]'), '[KR_RRN_abcdef]');
    const out = session.pseudonymizeText('010-1234-5678');
    const id = out.slice(10, 16);
    assert.equal(session.rehydrateText(`[KR_RRN_${id}] [KR_PHONE_${id}0] xKR_PHONE_${id}`), `[KR_RRN_${id}] [KR_PHONE_${id}0] xKR_PHONE_${id}`);
    assert.equal(session.rehydrateText(`[kr_phone_${id.toUpperCase()}]`), '010-1234-5678', 'case changes round-trip');
  });

  it('refuses a short secret', () => {
    assert.throws(() => createPseudonymizer(new Uint8Array(8)), DetectorError);
    assert.throws(() => createPseudonymizer('secret' as unknown as Uint8Array), DetectorError);
  });
});
