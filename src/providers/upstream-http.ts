import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { SseParser, type SseEvent } from './sse-parser.js';
import { extractErrorMessage, parseRetryAfter } from '../domain/index.js';
import { UpstreamError } from './upstream-error.js';
import type { CallOptions } from './provider.js';

const MAX_ERROR_BODY = 64 * 1024;
const MAX_JSON_BODY = 64 * 1024 * 1024;

/** An iterator of SSE events from one upstream response, cancellable without reading it to the end. */
export interface SseEventStream extends AsyncIterable<SseEvent> {
  cancel(): void;
}

/**
 * HTTP to one upstream base URL over a keep-alive undici pool. Turns every failure into an
 * UpstreamError; never lets a credential reach an error message.
 */
export class UpstreamHttp {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly label: string;

  constructor(
    baseUrl: string,
    private readonly headers: Record<string, string>,
    label: string,
  ) {
    const url = new URL(baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.label = label;
    this.pool = new Pool(url.origin, { connections: 256, pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
  }

  async postJson(path: string, body: unknown, options: CallOptions): Promise<unknown> {
    const response = await this.send(path, body, options);
    let text: string;
    try {
      text = await readText(response.body, MAX_JSON_BODY);
    } catch (error) {
      throw this.transportError(error, options.signal);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new UpstreamError('protocol', `${this.label}: upstream answered ${response.statusCode} with a body that is not JSON`);
    }
  }

  async postStream(path: string, body: unknown, options: CallOptions): Promise<SseEventStream> {
    const response = await this.send(path, body, options);
    const contentType = String(response.headers['content-type'] ?? '');
    if (!contentType.includes('text/event-stream')) {
      // Some servers answer a stream request with one JSON error or object: reading it tells the client more.
      const text = await readText(response.body, MAX_ERROR_BODY).catch(() => '');
      throw new UpstreamError('protocol', `${this.label}: expected an event stream, got ${contentType || 'no content type'}`, {
        upstreamMessage: extractErrorMessage(text),
      });
    }
    const responseBody = response.body;
    const signal = options.signal;
    const toError = (error: unknown) => this.transportError(error, signal);
    return {
      cancel: () => {
        if (!responseBody.destroyed) responseBody.destroy();
      },
      async *[Symbol.asyncIterator]() {
        const decoder = new TextDecoder();
        const parser = new SseParser();
        try {
          for await (const piece of responseBody) {
            for (const event of parser.push(decoder.decode(piece as Buffer, { stream: true }))) yield event;
          }
        } catch (error) {
          throw toError(error);
        } finally {
          if (!responseBody.destroyed) responseBody.destroy();
        }
        for (const event of parser.push(decoder.decode())) yield event;
        for (const event of parser.end()) yield event;
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.close().catch(() => this.pool.destroy());
  }

  private async send(path: string, body: unknown, options: CallOptions): Promise<Dispatcher.ResponseData> {
    if (options.signal.aborted) throw new UpstreamError('aborted', `${this.label}: aborted before sending`);
    // Serialised before anything is recorded or sent: a body that cannot be serialised (nesting too
    // deep for JSON.stringify, a value JSON has no form for) is the request's fault, never the provider's.
    let text: string;
    try {
      text = JSON.stringify(body);
    } catch (error) {
      throw new UpstreamError('local', `${this.label}: the request body cannot be serialised (${(error as Error)?.name ?? 'error'}); nothing was sent`, { cause: error });
    }
    if (options.beforeSend) {
      await options.beforeSend();
      if (options.signal.aborted) throw new UpstreamError('aborted', `${this.label}: aborted before sending`);
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({
        path: this.basePath + path,
        method: 'POST',
        headers: { ...this.headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: text,
        signal: options.signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
    } catch (error) {
      throw this.transportError(error, options.signal);
    }
    if (response.statusCode >= 400) {
      const text = await readText(response.body, MAX_ERROR_BODY).catch(() => '');
      const retryAfter = parseRetryAfter(response.headers['retry-after']);
      throw new UpstreamError('status', `${this.label}: upstream answered ${response.statusCode}`, {
        status: response.statusCode,
        upstreamMessage: extractErrorMessage(text),
        ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
      });
    }
    return response;
  }

  private transportError(error: unknown, signal: AbortSignal): UpstreamError {
    if (error instanceof UpstreamError) return error;
    const code = (error as { code?: string }).code ?? '';
    const name = (error as { name?: string }).name ?? '';
    if (signal.aborted || name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'UND_ERR_ABORT') {
      return new UpstreamError('aborted', `${this.label}: call aborted`, { cause: error });
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new UpstreamError('timeout', `${this.label}: upstream timed out (${code === 'UND_ERR_BODY_TIMEOUT' ? 'silent mid-response' : 'no response'})`, { cause: error });
    }
    const reason = code || name || 'network error';
    return new UpstreamError('connect', `${this.label}: connection failed (${reason})`, { cause: error });
  }
}

/** Reads a body under a size limit with event listeners (cheaper per request than `for await` over the stream). */
function readText(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const pieces: Buffer[] = [];
    let size = 0;
    body.on('data', (piece: Buffer) => {
      size += piece.length;
      if (size > limit) {
        body.destroy();
        reject(new UpstreamError('protocol', `upstream body larger than ${limit} bytes`));
        return;
      }
      pieces.push(piece);
    });
    let ended = false;
    body.once('end', () => {
      ended = true;
      resolve(pieces.length === 1 ? pieces[0]!.toString('utf8') : Buffer.concat(pieces).toString('utf8'));
    });
    body.once('error', reject);
    // A body destroyed without an error (never expected from undici) must still settle: no hung request.
    body.once('close', () => {
      if (!ended) reject(new UpstreamError('protocol', 'upstream body closed before its end'));
    });
  });
}

