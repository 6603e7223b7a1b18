import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse } from '../../domain/index.js';
import { JajuError } from '../../domain/index.js';
import { UpstreamError } from '../../providers/index.js';
import type { ChunkStream } from '../../providers/index.js';
import type { PlanEntry } from '../../route/plan.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import { appendNotice, noticeText, withNotice } from '../pipeline/ai-notice.js';
import { prepareRequest, type PreparedRequest } from '../pipeline/prepare-request.js';
import type { PseudonymSession } from '../pipeline/pseudonym-session.js';
import { finishCall, runPlan } from '../pipeline/run-plan.js';
import type { GatewayRuntime } from '../runtime.js';
import { validateChatRequest } from '../validate/chat-request.js';
import { SseWriter } from '../stream/sse-writer.js';
import { jajuHeaders } from './response-headers.js';
import { requestDeadline, type Deadline } from '../http/request-deadline.js';

/** Builds each target's upstream body once: raw, or pseudonymized through one per-request session. */
class UpstreamBodies {
  private session: PseudonymSession | undefined;
  private pseudonymized: ChatCompletionRequest | undefined;

  constructor(
    private readonly runtime: GatewayRuntime,
    private readonly body: ChatCompletionRequest,
    private readonly scope: string,
  ) {}

  for(entry: PlanEntry): ChatCompletionRequest {
    if (entry.mode === 'raw') return { ...this.body, model: entry.target.model };
    this.session ??= this.runtime.ports.pseudonymizer.session({ scope: this.scope });
    this.pseudonymized ??= this.session.pseudonymizeChatRequest(this.body);
    return { ...this.pseudonymized, model: entry.target.model };
  }

  /** The session to rehydrate the answer of `entry` with, when anything was replaced. */
  sessionFor(entry: PlanEntry): PseudonymSession | undefined {
    return entry.mode === 'pseudonymized' && this.session && this.session.size > 0 ? this.session : undefined;
  }
}

function usageOf(usage: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null | undefined) {
  if (!usage) return null;
  const prompt = usage.prompt_tokens ?? 0;
  const completion = usage.completion_tokens ?? 0;
  return { prompt, completion, total: usage.total_tokens ?? prompt + completion };
}

/** POST /v1/chat/completions */
export async function handleChatCompletions(context: RequestContext, runtime: GatewayRuntime): Promise<void> {
  const prepared = await prepareRequest(context, runtime, 'chat', validateChatRequest, (body) => runtime.ports.scanner.chat(body));
  const bodies = new UpstreamBodies(runtime, prepared.body, prepared.caller.app.id);
  const { signal, deadline, release } = requestDeadline(context, runtime.config.server.requestTimeoutMs);
  const notice = noticeText(prepared.caller.config.notice);
  try {
    if (prepared.body.stream === true) await streamChat(context, runtime, prepared, bodies, signal, deadline, notice);
    else await completeChat(context, runtime, prepared, bodies, signal, deadline, notice);
  } finally {
    release();
  }
}

async function completeChat(
  context: RequestContext,
  runtime: GatewayRuntime,
  prepared: PreparedRequest<ChatCompletionRequest>,
  bodies: UpstreamBodies,
  signal: AbortSignal,
  deadline: Deadline,
  notice: string | undefined,
): Promise<void> {
  const success = await runPlan(runtime, prepared, signal, deadline, (entry, attemptSignal) => {
    const provider = runtime.provider(entry.target.provider);
    return provider.adapter.chat(bodies.for(entry), { signal: attemptSignal, timeoutMs: provider.config.timeoutMs });
  });
  let response: ChatCompletionResponse = success.value;
  const session = bodies.sessionFor(success.entry);
  if (session) response = session.rehydrateChatResponse(response);
  if (notice) response = appendNotice(response, notice);
  sendJson(context.response, 200, response, jajuHeaders(prepared, success.entry));
  finishCall(runtime, prepared, success, { outcome: 'ok', status: 200, latencyMs: Date.now() - success.startedAt, tokens: usageOf(response.usage) });
}

interface OpenedStream {
  stream: ChunkStream;
  iterator: AsyncIterator<ChatCompletionChunk>;
  first: ChatCompletionChunk;
}

async function streamChat(
  context: RequestContext,
  runtime: GatewayRuntime,
  prepared: PreparedRequest<ChatCompletionRequest>,
  bodies: UpstreamBodies,
  signal: AbortSignal,
  deadline: Deadline,
  notice: string | undefined,
): Promise<void> {
  // A target counts as answering only once its first event arrived: until then, failover is still possible
  // and the client has seen nothing.
  const success = await runPlan(runtime, prepared, signal, deadline, async (entry, attemptSignal): Promise<OpenedStream> => {
    const provider = runtime.provider(entry.target.provider);
    const stream = await provider.adapter.chatStream(bodies.for(entry), { signal: attemptSignal, timeoutMs: provider.config.timeoutMs });
    const iterator = stream[Symbol.asyncIterator]();
    try {
      const first = await iterator.next();
      if (first.done) throw new UpstreamError('protocol', `${entry.target.provider}: stream ended before any event`);
      return { stream, iterator, first: first.value };
    } catch (error) {
      stream.cancel();
      throw error;
    }
  });

  const { stream, iterator, first } = success.value;
  const writer = new SseWriter(context.response, signal);
  const clientWantsUsage = prepared.body.stream_options?.include_usage === true;
  const session = bodies.sessionFor(success.entry);
  const rehydrator = session?.chunkRehydrator();
  let tokens: ReturnType<typeof usageOf> = null;

  const emit = async (incoming: ChatCompletionChunk): Promise<void> => {
    if (incoming.usage) tokens = usageOf(incoming.usage);
    const chunk = rehydrator ? rehydrator.transform(incoming) : incoming;
    for (const piece of notice ? withNotice(chunk, notice) : [chunk]) {
      if (!clientWantsUsage && 'usage' in piece) {
        if ((piece.choices ?? []).length === 0) continue;
        delete piece.usage;
      }
      await writer.data(piece);
    }
  };

  writer.start(jajuHeaders(prepared, success.entry));
  let result: Parameters<typeof finishCall>[3];
  try {
    await emit(first);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      await emit(next.value);
      if (context.clientGone) throw new UpstreamError('aborted', 'client disconnected');
    }
    if (rehydrator) for (const chunk of rehydrator.flush()) await writer.data(chunk);
    writer.done();
    result = { outcome: 'ok', status: 200, latencyMs: Date.now() - success.startedAt, tokens };
  } catch (error) {
    stream.cancel();
    const aborted = signal.aborted || (error instanceof UpstreamError && error.kind === 'aborted');
    const upstream = error instanceof UpstreamError ? error : undefined;
    if (!aborted) runtime.circuits.recordFailure(success.entry.target.provider);
    const message = upstream
      ? `upstream stream from ${success.entry.target.provider} failed: ${upstream.upstreamMessage ?? upstream.message}`
      : 'stream failed (see the gateway log)';
    if (!context.clientGone) {
      const jajuError = deadline.aborted
        ? new JajuError('upstream_timeout', 'request deadline exceeded mid-stream (server.requestTimeoutMs)')
        : new JajuError('upstream_error', message);
      writer.error(jajuError.toBody());
    }
    if (!upstream) runtime.logger.error({ requestId: context.requestId, err: (error as Error)?.message }, 'stream relay failed');
    result = {
      outcome: context.clientGone ? 'aborted' : 'error',
      status: context.clientGone ? 499 : deadline.aborted ? 504 : 502,
      latencyMs: Date.now() - success.startedAt,
      tokens,
      error: message,
    };
  }
  finishCall(runtime, prepared, success, result);
}
