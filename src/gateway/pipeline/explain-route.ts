import type { ChatCompletionRequest, Grade, Target } from '../../domain/index.js';
import type { GatewayRuntime } from '../runtime.js';
import { validateChatRequest } from '../validate/chat-request.js';
import { classifyAndPlan, type Caller } from './classify-request.js';
import type { PlanResult } from './ports.js';

export interface RouteExplanation {
  /** The validated chat body. */
  chat: ChatCompletionRequest;
  /** The alias's targets, in config order. */
  targets: readonly Target[];
  result: PlanResult;
  /** What the first planned target would receive (pseudonymized when so); null when denied. */
  sentBody: ChatCompletionRequest | null;
}

/**
 * A dry run of the request path for one chat body on an app's behalf: the same validation, scanner,
 * planner, cuts and circuits as /v1/chat/completions (one classify-and-plan step), plus the body that
 * would leave. Nothing is sent upstream and nothing is written to the ledger. The operations console's
 * policy page shows it (the composition root hands it to the console; the gateway knows no console).
 */
export function explainChatRoute(runtime: GatewayRuntime, caller: Caller, body: unknown, grade: Grade | undefined): RouteExplanation {
  const chat = validateChatRequest(body);
  const { route, result } = classifyAndPlan(runtime, caller, chat.model, grade, () => runtime.ports.scanner.chat(chat));
  const first = result.plan[0];
  let sentBody: ChatCompletionRequest | null = null;
  if (first) {
    const outgoing: ChatCompletionRequest = { ...chat, model: first.target.model };
    sentBody = first.mode === 'pseudonymized' ? runtime.ports.pseudonymizer.session({ scope: caller.app.id }).pseudonymizeChatRequest(outgoing) : outgoing;
  }
  return { chat, targets: route.targets, result, sentBody };
}
