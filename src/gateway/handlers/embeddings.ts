import type { EmbeddingsRequest } from '../../domain/index.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import { prepareRequest } from '../pipeline/prepare-request.js';
import type { PseudonymSession } from '../pipeline/pseudonym-session.js';
import { finishCall, runPlan } from '../pipeline/run-plan.js';
import type { GatewayRuntime } from '../runtime.js';
import { validateEmbeddingsRequest } from '../validate/embeddings-request.js';
import { jajuHeaders } from './response-headers.js';
import { requestDeadline } from '../http/request-deadline.js';

/** POST /v1/embeddings: vectors carry no text to rehydrate, but pseudonymized targets get pseudonymized input. */
export async function handleEmbeddings(context: RequestContext, runtime: GatewayRuntime): Promise<void> {
  const prepared = await prepareRequest(context, runtime, 'embeddings', validateEmbeddingsRequest, (body) => runtime.ports.scanner.embeddings(body));
  const { signal, deadline, release } = requestDeadline(context, runtime.config.server.requestTimeoutMs);
  try {
    let session: PseudonymSession | undefined;
    let pseudonymized: EmbeddingsRequest | undefined;
    const success = await runPlan(runtime, prepared, signal, deadline, (entry, attemptSignal) => {
      const provider = runtime.provider(entry.target.provider);
      let body: EmbeddingsRequest;
      if (entry.mode === 'raw') body = { ...prepared.body, model: entry.target.model };
      else {
        session ??= runtime.ports.pseudonymizer.session({ scope: prepared.caller.app.id });
        pseudonymized ??= session.pseudonymizeEmbeddingsRequest(prepared.body);
        body = { ...pseudonymized, model: entry.target.model };
      }
      return provider.adapter.embeddings(body, { signal: attemptSignal, timeoutMs: provider.config.timeoutMs });
    });
    const response = success.value;
    sendJson(context.response, 200, response, jajuHeaders(prepared, success.entry));
    const prompt = response.usage?.prompt_tokens ?? 0;
    finishCall(runtime, prepared, success, {
      outcome: 'ok',
      status: 200,
      latencyMs: Date.now() - success.startedAt,
      tokens: response.usage ? { prompt, completion: 0, total: response.usage.total_tokens ?? prompt } : null,
    });
  } finally {
    release();
  }
}
