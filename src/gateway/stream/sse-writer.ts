import type { ServerResponse } from 'node:http';

/**
 * Writes OpenAI-style server-sent events with backpressure: when the client reads slower than the
 * upstream writes, we stop pulling from the upstream instead of buffering without bound.
 */
export class SseWriter {
  constructor(
    private readonly response: ServerResponse,
    private readonly signal: AbortSignal,
  ) {}

  start(headers: Record<string, string>): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
    });
    this.response.flushHeaders();
  }

  async data(payload: unknown): Promise<void> {
    if (this.signal.aborted || this.response.destroyed) return;
    if (!this.response.write(`data: ${JSON.stringify(payload)}\n\n`)) await this.drained();
  }

  /** A terminal error event the OpenAI SDKs raise as an APIError, instead of a silent truncation. */
  error(body: { error: { message: string; type: string; code: string } & Record<string, unknown> }): void {
    if (this.response.destroyed) return;
    this.response.end(`data: ${JSON.stringify(body)}\n\n`);
  }

  done(): void {
    if (this.response.destroyed) return;
    this.response.end('data: [DONE]\n\n');
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        this.response.off('drain', finish);
        this.response.off('close', finish);
        this.signal.removeEventListener('abort', finish);
        resolve();
      };
      this.response.on('drain', finish);
      this.response.on('close', finish);
      this.signal.addEventListener('abort', finish, { once: true });
    });
  }
}
