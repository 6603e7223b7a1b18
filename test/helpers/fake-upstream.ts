import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for a remote model vendor (the one thing tests may fake). It speaks OpenAI's
 * chat-completions/embeddings or Anthropic's Messages API, records what it received, and can be told
 * to misbehave in the ways real upstreams do.
 */
export type Behaviour =
  | { kind: 'ok'; content?: string; delayMs?: number }
  | { kind: 'status'; status: number; body?: string; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'close-mid-stream'; afterChunks: number }
  | { kind: 'malformed-sse' }
  | { kind: 'malformed-mid-stream' }
  | { kind: 'non-json' }
  | { kind: 'destroy' }
  | { kind: 'slow-stream'; chunkDelayMs: number; chunks: number };

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface FakeUpstream {
  url: string;
  /** Base URL to put in a provider's config (`…/v1`). */
  baseUrl: string;
  received: Received[];
  /** Behaviours consumed one per request; when empty, `fallback` applies. */
  script: Behaviour[];
  fallback: Behaviour;
  /** Requests whose connection the client (the gateway) closed before we finished. */
  aborted: number;
  close(): Promise<void>;
}

function lastUserText(body: Record<string, unknown>): string {
  const messages = (body['messages'] as { role: string; content: unknown }[] | undefined) ?? [];
  const last = [...messages].reverse().find((message) => message.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  if (Array.isArray(last.content)) return last.content.map((part: { text?: string }) => part.text ?? '').join('');
  return '';
}

/** Splits text into n roughly equal pieces (at least one character each). */
function pieces(text: string, n: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / n));
  const out: string[] = [];
  for (let index = 0; index < text.length; index += size) out.push(text.slice(index, index + size));
  return out.length > 0 ? out : [''];
}

export async function startFakeUpstream(flavour: 'openai' | 'anthropic' = 'openai'): Promise<FakeUpstream> {
  const fake: FakeUpstream = {
    url: '',
    baseUrl: '',
    received: [],
    script: [],
    fallback: { kind: 'ok' },
    aborted: 0,
    close: async () => undefined,
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      body = {};
    }
    fake.received.push({ path: request.url ?? '', headers: request.headers, body });
    response.on('close', () => {
      if (!response.writableFinished) fake.aborted += 1;
    });
    const behaviour = fake.script.shift() ?? fake.fallback;
    const stream = body['stream'] === true;
    const isEmbeddings = (request.url ?? '').endsWith('/embeddings');

    switch (behaviour.kind) {
      case 'status':
        response.writeHead(behaviour.status, { 'content-type': 'application/json', ...(behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {}) });
        response.end(behaviour.body ?? JSON.stringify({ error: { message: `fake upstream says ${behaviour.status}`, type: 'server_error' } }));
        return;
      case 'hang':
        return; // never answers; the gateway's timeout must fire
      case 'destroy':
        request.socket.destroy();
        return;
      case 'non-json':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('<html>not json</html>');
        return;
      default:
        break;
    }

    if (isEmbeddings) {
      const input = body['input'];
      const inputs = Array.isArray(input) ? input : [input];
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          object: 'list',
          model: body['model'],
          data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: [0.1 * (index + 1), 0.2, 0.3] })),
          usage: { prompt_tokens: 3 * inputs.length, total_tokens: 3 * inputs.length },
        }),
      );
      return;
    }

    const content = behaviour.kind === 'ok' && behaviour.content !== undefined ? behaviour.content : `echo: ${lastUserText(body)}`;
    if (behaviour.kind === 'ok' && behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));

    if (flavour === 'anthropic') return anthropicAnswer(response, body, content, stream, behaviour);
    return openAiAnswer(response, body, content, stream, behaviour);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.baseUrl = `${fake.url}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

async function openAiAnswer(response: ServerResponse, body: Record<string, unknown>, content: string, stream: boolean, behaviour: Behaviour) {
  const model = String(body['model']);
  const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_700_000_000,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage,
      }),
    );
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const frame = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  if (behaviour.kind === 'malformed-sse') {
    response.end('data: {"id": "x", "choices": [ this is not json\n\n');
    return;
  }
  const parts = behaviour.kind === 'slow-stream' ? pieces(content, behaviour.chunks) : pieces(content, 4);
  response.write(frame({ role: 'assistant', content: '' }));
  if (behaviour.kind === 'malformed-mid-stream') {
    response.write(frame({ content: parts[0] }));
    response.end('data: {"choices": [ garbage\n\n');
    return;
  }
  let sent = 0;
  for (const part of parts) {
    if (behaviour.kind === 'close-mid-stream' && sent >= behaviour.afterChunks) {
      // Let what was written reach the client first, as a real connection dying mid-answer does.
      await new Promise((resolve) => setTimeout(resolve, 30));
      response.socket?.destroy();
      return;
    }
    if (behaviour.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, behaviour.chunkDelayMs));
    if (response.destroyed) return;
    response.write(frame({ content: part }));
    sent += 1;
  }
  response.write(frame({}, 'stop'));
  const streamOptions = body['stream_options'] as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) {
    response.write(`data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [], usage })}\n\n`);
  }
  response.end('data: [DONE]\n\n');
}

async function anthropicAnswer(response: ServerResponse, body: Record<string, unknown>, content: string, stream: boolean, behaviour: Behaviour) {
  const model = String(body['model']);
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: content }],
        stop_reason: 'end_turn',
        usage: { input_tokens: 13, output_tokens: 5 },
      }),
    );
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const event = (name: string, data: Record<string, unknown>) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
  if (behaviour.kind === 'malformed-sse') {
    response.end('event: message_start\ndata: {not json\n\n');
    return;
  }
  response.write(event('message_start', { message: { id: 'msg_fake', model, usage: { input_tokens: 13, output_tokens: 0 } } }));
  response.write(event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
  response.write(event('ping', {}));
  let sent = 0;
  for (const part of pieces(content, 4)) {
    if (behaviour.kind === 'close-mid-stream' && sent >= behaviour.afterChunks) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      response.socket?.destroy();
      return;
    }
    response.write(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: part } }));
    sent += 1;
  }
  response.write(event('content_block_stop', { index: 0 }));
  response.write(event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 5 } }));
  response.end(event('message_stop', {}));
}
