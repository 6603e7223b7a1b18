import { detect } from '../../detect/index.js';
import { GRADES, JajuError, isGrade, type ChatMessage, type Finding } from '../../domain/index.js';
import { readJsonBody } from '../../http/read-json-body.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { PolicyContextResponse, PolicyPreviewResponse, PreviewCandidate, PreviewMessage } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';

/** GET /api/policy/context: what the console's menus offer (apps, their aliases, each alias's targets). */
export function handlePolicyContext(context: RequestContext, dashboard: DashboardContext): void {
  const { estate } = dashboard;
  const body: PolicyContextResponse = {
    home: estate.config.home,
    apps: estate.config.apps.map((app) => ({
      id: app.id,
      grade: app.grade,
      purpose: app.purpose,
      highImpact: app.highImpact,
      aliases: estate.aliasesFor(app),
    })),
    aliases: [...estate.aliases.values()].map((route) => ({
      alias: route.alias,
      targets: route.targets.map((target) => ({
        provider: target.provider,
        model: target.model,
        deployment: target.profile.deployment,
        hostingCountry: target.profile.hostingCountry,
        operatorCountry: target.profile.operatorCountry,
      })),
    })),
    grades: [...GRADES],
    findingsAvailable: true,
  };
  sendJson(context.response, 200, body);
}

/**
 * POST /api/policy/preview: the decision the gateway would take for this request, exactly as
 * /v1/route/preview computes it (same scanner, same planner, same cuts and circuits), plus what an
 * operator needs to understand it: the detected spans in the text and the body that would leave.
 * Nothing is sent upstream and nothing is written to the ledger.
 */
export async function handlePolicyPreview(context: RequestContext, dashboard: DashboardContext): Promise<void> {
  const { estate } = dashboard;
  const input = (await readJsonBody(context.request, estate.config.server.maxBodyBytes)) as Record<string, unknown>;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new JajuError('invalid_request', 'expected a JSON object');
  const appId = input['app'];
  if (typeof appId !== 'string' || appId === '') throw invalid('app', 'required: the id of the app to preview for');
  const caller = estate.apps.byId(appId);
  if (!caller) throw invalid('app', `unknown app "${appId}"`);
  const gradeInput = input['grade'];
  if (gradeInput !== undefined && gradeInput !== null && gradeInput !== '' && !isGrade(gradeInput)) throw invalid('grade', 'expected C, S or O');
  const { chat, targets, result, sentBody } = dashboard.explainRoute(caller, composeBody(input), isGrade(gradeInput) ? gradeInput : undefined);
  const first = result.plan[0];
  const candidates: PreviewCandidate[] = result.decision.candidates.map((candidate) => {
    const target = targets.find((entry) => entry.provider === candidate.provider && entry.model === candidate.model);
    const planIndex = result.plan.findIndex((entry) => entry.target.provider === candidate.provider && entry.target.model === candidate.model);
    const profile = target?.profile ?? estate.providers.get(candidate.provider)?.config.sovereignty;
    return {
      candidate,
      deployment: profile?.deployment ?? 'foreign-cloud',
      hostingCountry: profile?.hostingCountry ?? '',
      operatorCountry: profile?.operatorCountry ?? '',
      cut: target ? estate.isCut(target) : false,
      circuit: estate.circuits.state(candidate.provider),
      planPosition: planIndex === -1 ? null : planIndex + 1,
    };
  });
  const body: PolicyPreviewResponse = {
    decision: result.decision,
    denialKind: result.decision.decision === 'deny' ? (result.denialKind ?? 'policy') : null,
    messages: chat.messages.map((message, index) => previewMessage(message, index)),
    findingsAvailable: true,
    sentBody,
    sentMode: first ? first.mode : null,
    candidates,
  };
  sendJson(context.response, 200, body, { 'x-jaju-decision-id': context.requestId });
}

/** Paste mode takes a whole chat body; compose mode builds one from alias, text and an optional system prompt. */
function composeBody(input: Record<string, unknown>): unknown {
  if (input['body'] !== undefined) return input['body'];
  const alias = input['alias'];
  const text = input['text'];
  const system = input['system'];
  if (typeof alias !== 'string' || alias === '') throw invalid('alias', 'required: the model alias to route');
  if (typeof text !== 'string') throw invalid('text', 'required: the user message');
  const messages: ChatMessage[] = [];
  if (typeof system === 'string' && system.trim() !== '') messages.push({ role: 'system', content: system });
  messages.push({ role: 'user', content: text });
  return { model: alias, messages };
}

function previewMessage(message: ChatMessage, index: number): PreviewMessage {
  const content = message.content as unknown;
  let text = '';
  if (typeof content === 'string') text = content;
  else if (Array.isArray(content)) {
    text = content
      .filter((part): part is { type: 'text'; text: string } => typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'text')
      .map((part) => part.text)
      .join('\n');
  }
  let findings: Finding[] = [];
  if (text !== '') {
    try {
      findings = detect(text);
    } catch {
      findings = []; // the decision above already records a detector failure as a denial
    }
  }
  return { index, role: message.role, text, findings };
}

function invalid(param: string, message: string): JajuError {
  return new JajuError('invalid_request', `${param}: ${message}`, { details: { param } });
}
