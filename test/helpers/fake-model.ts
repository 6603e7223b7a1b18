import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { questionText } from '../../src/control/evaluate/build-prompt.js';
import { OPTION_LETTERS, type SuiteItem } from '../../src/control/evaluate/suite.js';

/**
 * Loopback stand-in for a model that answers multiple-choice items with a known behaviour. It knows
 * the answer key (it is given the items), recognises each question in the last user message, and
 * answers by the behaviour of the model named in the request.
 */
export type ModelBehaviour =
  /** Always the right letter. */
  | { kind: 'right' }
  /** Right on the items whose key is in `keys`, else the next option's letter (wrong). */
  | { kind: 'right-on'; keys: ReadonlySet<string> }
  /** A sentence with no option in it. */
  | { kind: 'prose' }
  /** "정답: ③" — the right answer as a circled number after a Korean marker. */
  | { kind: 'circled' }
  /** Never answers (the client's timeout must fire). */
  | { kind: 'hang' }
  /** 429 with Retry-After for the first `failures` calls of each question, then the right letter. */
  | { kind: 'rate-limited'; failures: number; retryAfter: string }
  /** 403 policy_denied, as jaju's gateway says it. */
  | { kind: 'denied' }
  /** 403 policy_denied on the items whose key is in `keys`, the right letter on the others. */
  | { kind: 'denied-on'; keys: ReadonlySet<string> }
  /** The right letter after `delayMs`. */
  | { kind: 'slow'; delayMs: number };

export interface FakeModel {
  url: string;
  baseUrl: string;
  /** Chat-completion requests received, per model name. */
  calls: Map<string, number>;
  totalCalls(): number;
  close(): Promise<void>;
}

const CIRCLED = ['①', '②', '③', '④', '⑤'];
const DENIAL = { error: { message: 'policy denied: grade C may not leave on-premises targets', type: 'permission_error', code: 'policy_denied', param: null } };

function lastUserText(body: { messages?: { role: string; content: unknown }[] }): string {
  const last = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 40, completion_tokens: 1, total_tokens: 41 },
  };
}

export async function startFakeModel(items: readonly SuiteItem[], behaviours: Record<string, ModelBehaviour>, options: { port?: number } = {}): Promise<FakeModel> {
  const byQuestion = new Map(items.map((item) => [questionText(item), item]));
  const calls = new Map<string, number>();
  const perQuestion = new Map<string, number>();
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.url?.endsWith('/models')) {
      send(response, 200, { object: 'list', data: Object.keys(behaviours).map((id) => ({ id, object: 'model' })) });
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { model?: string; messages?: { role: string; content: unknown }[] };
    const model = String(body.model);
    calls.set(model, (calls.get(model) ?? 0) + 1);
    const behaviour = behaviours[model];
    if (!behaviour) {
      send(response, 404, { error: { message: `unknown model ${model}`, type: 'invalid_request_error', code: 'model_not_found' } });
      return;
    }
    const question = lastUserText(body);
    const item = byQuestion.get(question);
    if (!item) {
      send(response, 400, { error: { message: 'the fake model does not know this question', type: 'invalid_request_error', code: 'invalid_request' } });
      return;
    }
    const right = OPTION_LETTERS[item.answer]!;
    const wrong = OPTION_LETTERS[(item.answer + 1) % item.choices.length]!;
    switch (behaviour.kind) {
      case 'right':
        return send(response, 200, completion(model, right));
      case 'right-on':
        return send(response, 200, completion(model, behaviour.keys.has(item.key) ? right : wrong));
      case 'prose':
        return send(response, 200, completion(model, '이 문제는 여러 관점에서 볼 수 있어 하나로 단정하기 어렵습니다.'));
      case 'circled':
        return send(response, 200, completion(model, `정답: ${CIRCLED[item.answer]}`));
      case 'hang':
        return;
      case 'denied':
        return send(response, 403, DENIAL);
      case 'denied-on':
        return behaviour.keys.has(item.key) ? send(response, 403, DENIAL) : send(response, 200, completion(model, right));
      case 'rate-limited': {
        const id = `${model}\u0000${question}`;
        const seen = perQuestion.get(id) ?? 0;
        perQuestion.set(id, seen + 1);
        if (seen < behaviour.failures) {
          return send(response, 429, { error: { message: 'slow down', type: 'rate_limit_error', code: 'rate_limited' } }, { 'retry-after': behaviour.retryAfter });
        }
        return send(response, 200, completion(model, right));
      }
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        return send(response, 200, completion(model, right));
    }
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    totalCalls: () => [...calls.values()].reduce((sum, count) => sum + count, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
