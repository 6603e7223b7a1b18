import { Agent, request } from 'undici';
import { extractErrorMessage, parseRetryAfter } from '../../domain/index.js';
import type { PromptBody } from './build-prompt.js';

export interface TokenCounts {
  prompt: number;
  completion: number;
}

/** What one item's call came to, after retries. */
export type CallOutcome =
  | {
      kind: 'answer';
      content: string;
      tokens: TokenCounts | null;
      /** x-jaju-provider: the target that answered (null when the server is not jaju). */
      provider: string | null;
      /** x-jaju-decision-id: the call's audit request id. */
      requestId: string | null;
      latencyMs: number;
    }
  /** The gateway refused on policy grounds (403, e.g. policy_denied): not a wrong answer. */
  | { kind: 'denied'; status: number; code: string; message: string }
  /** Upstream failure, timeout, or a refusal of the request itself: not a wrong answer either. */
  | { kind: 'failed'; status: number | null; code: string; message: string };

/** A failure no retry can fix and every item would hit (a refused key, an unknown alias): the run stops. */
export class EndpointError extends Error {
  override name = 'EndpointError';
}

export interface EndpointOptions {
  /** The gateway (or any OpenAI-compatible server): http://host:port, with or without a trailing /v1. */
  url: string;
  apiKey: string;
  /** Most connections kept open (the run's concurrency). */
  connections: number;
  /** Whole-request timeout per attempt. */
  timeoutMs: number;
  /** Attempts after the first on 429, 5xx, timeouts and connection errors. */
  retries: number;
  /** First backoff; doubles per attempt, with jitter, up to maxBackoffMs. A Retry-After header wins. */
  backoffMs: number;
  maxBackoffMs: number;
  /** For tests: what the run waits with. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

interface Attempt {
  outcome: CallOutcome;
  retryable: boolean;
  retryAfterMs?: number;
}

const MAX_CONTENT = 1 << 20;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
}

function header(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? null : text;
}

function errorCode(text: string, fallback: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; type?: unknown } };
    const code = parsed.error?.code ?? parsed.error?.type;
    return typeof code === 'string' && code !== '' ? code : fallback;
  } catch {
    return fallback;
  }
}

/**
 * The chat-completions endpoint the run sends its items to, over one keep-alive undici agent. It
 * never sees a gateway object: in-process runs start a real gateway on loopback and come through
 * here too, so an evaluation obeys the same policy, pseudonymization and audit as production traffic.
 */
export class ChatEndpoint {
  private readonly agent: Agent;
  private readonly base: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  /** HTTP requests sent (every attempt counts). */
  requests = 0;

  constructor(private readonly options: EndpointOptions) {
    this.base = options.url.replace(/\/+$/, '').replace(/\/v1$/, '');
    this.agent = new Agent({ connections: Math.max(1, options.connections), pipelining: 1, keepAliveTimeout: 30_000 });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json' };
  }

  /** GET /v1/models: the aliases this key may use, or null when the server does not say. Throws on a refused key. */
  async models(): Promise<string[] | null> {
    let response;
    try {
      response = await request(`${this.base}/v1/models`, { method: 'GET', headers: this.headers(), dispatcher: this.agent, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      throw new EndpointError(`cannot reach ${this.base}: ${(error as Error).message}`);
    }
    const text = await response.body.text();
    if (response.statusCode === 401) throw new EndpointError(`${this.base} refused the API key (401: ${extractErrorMessage(text) ?? 'unauthorized'})`);
    if (response.statusCode !== 200) return null;
    try {
      const data = (JSON.parse(text) as { data?: { id?: unknown }[] }).data;
      return Array.isArray(data) ? data.map((model) => String(model.id)) : null;
    } catch {
      return null;
    }
  }

  /** Sends one item to `model`, retrying what is worth retrying; throws EndpointError only for run-wide faults. */
  async complete(model: string, prompt: PromptBody): Promise<CallOutcome> {
    const body = JSON.stringify({ model, ...prompt });
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(model, body);
      if (!result.retryable || attempt >= this.options.retries) return result.outcome;
      const backoff = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** attempt) * (0.5 + this.random() / 2);
      await this.sleep(result.retryAfterMs === undefined ? backoff : Math.min(result.retryAfterMs, this.options.maxBackoffMs));
    }
  }

  private async attempt(model: string, body: string): Promise<Attempt> {
    this.requests += 1;
    const started = performance.now();
    let response;
    let text: string;
    try {
      response = await request(`${this.base}/v1/chat/completions`, {
        method: 'POST',
        headers: this.headers(),
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.body.text();
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      const message = timedOut ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message;
      return { outcome: { kind: 'failed', status: null, code: timedOut ? 'timeout' : 'connection_error', message }, retryable: true };
    }
    const status = response.statusCode;
    if (status === 200) {
      try {
        const parsed = JSON.parse(text) as { choices?: { message?: { content?: unknown } }[]; usage?: { prompt_tokens?: number; completion_tokens?: number } };
        const content = textOf(parsed.choices?.[0]?.message?.content).slice(0, MAX_CONTENT);
        const usage = parsed.usage;
        return {
          outcome: {
            kind: 'answer',
            content,
            tokens: usage ? { prompt: usage.prompt_tokens ?? 0, completion: usage.completion_tokens ?? 0 } : null,
            provider: header(response.headers['x-jaju-provider']),
            requestId: header(response.headers['x-jaju-decision-id']),
            latencyMs: Math.round(performance.now() - started),
          },
          retryable: false,
        };
      } catch {
        return { outcome: { kind: 'failed', status, code: 'bad_response', message: 'the answer is not a chat completion (invalid JSON)' }, retryable: false };
      }
    }
    const message = extractErrorMessage(text) ?? `HTTP ${status}`;
    if (status === 401) throw new EndpointError(`${this.base} refused the API key (401: ${message})`);
    if (status === 404) throw new EndpointError(`unknown model "${model}" (404: ${message})`);
    if (status === 403) return { outcome: { kind: 'denied', status, code: errorCode(text, 'forbidden'), message }, retryable: false };
    const retryAfter = parseRetryAfter(response.headers['retry-after']);
    return {
      outcome: { kind: 'failed', status, code: errorCode(text, `http_${status}`), message },
      retryable: status === 429 || status >= 500,
      ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
