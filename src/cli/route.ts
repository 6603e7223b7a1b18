import { readFileSync } from 'node:fs';
import { loadConfigFile } from '../config/index.js';
import { PSEUDONYMIZED_TYPES, safeScan, scanChatRequest } from '../detect/index.js';
import { isGrade, maxGrade, type ChatCompletionRequest, type Decision, type Grade } from '../domain/index.js';
import { decideRoute, failClosedDecision, loadPolicyEngine } from '../policy/index.js';
import { aliasTargets } from '../route/alias-targets.js';
import { CliUsageError, parseCliArgs, writeLine, type CliCommand } from './command.js';

interface RouteRequestFile {
  app: string;
  grade?: Grade;
  model: string;
  messages?: ChatCompletionRequest['messages'];
}

function readRequest(file: string): RouteRequestFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new CliUsageError(`--request ${file}: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliUsageError(`--request ${file}: expected a JSON object`);
  const request = parsed as Record<string, unknown>;
  if (typeof request['app'] !== 'string') throw new CliUsageError(`--request ${file}: app: required, the id of an app in the config`);
  if (typeof request['model'] !== 'string') throw new CliUsageError(`--request ${file}: model: required, a model alias`);
  if (request['grade'] !== undefined && !isGrade(request['grade'])) throw new CliUsageError(`--request ${file}: grade: expected C, S or O`);
  if (request['messages'] !== undefined && !Array.isArray(request['messages'])) throw new CliUsageError(`--request ${file}: messages: expected a list`);
  return request as unknown as RouteRequestFile;
}

export const routeCommand: CliCommand = {
  name: 'route',
  summary: 'dry-run the routing decision for one request',
  help: `Usage: jaju route --config FILE --request FILE

Prints the decision JSON (docs/design.md §4.4) that the gateway would take for the request, without calling
any upstream and without writing to the ledger. The request file is a JSON object:
  { "app": "minwon-bot", "grade": "S", "model": "ko-chat",
    "messages": [{ "role": "user", "content": "주민등록번호 900101-1234567 …" }] }
"grade" is optional and, as the x-jaju-grade header, can only raise the app's grade.
Exit code 0 when a decision was made (allow or deny), 2 for bad input.`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { config: { type: 'string', short: 'c' }, request: { type: 'string', short: 'r' } });
    if (!values.config) throw new CliUsageError('--config FILE is required');
    if (!values.request) throw new CliUsageError('--request FILE is required');
    const config = loadConfigFile(values.config);
    const request = readRequest(values.request);
    const app = config.apps.find((candidate) => candidate.id === request.app);
    if (!app) throw new CliUsageError(`unknown app "${request.app}" (config has: ${config.apps.map((candidate) => candidate.id).join(', ') || 'none'})`);
    const targets = aliasTargets(config).get(request.model);
    if (!targets || (app.models !== undefined && !app.models.includes(request.model))) {
      throw new CliUsageError(`model "${request.model}" is not an alias app "${app.id}" may use`);
    }
    const grade = request.grade ? maxGrade(app.grade, request.grade) : app.grade;
    const engine = await loadPolicyEngine(config);
    const body: ChatCompletionRequest = { model: request.model, messages: request.messages ?? [] };
    const scanned = safeScan(scanChatRequest, body);
    let decision: Decision;
    if (!scanned.ok) {
      decision = failClosedDecision(grade, {}, targets, 'core.detector-error', `personal-data detection failed: ${scanned.error}`);
    } else {
      decision = decideRoute(
        engine,
        {
          app: { id: app.id, grade: app.grade, purpose: app.purpose, highImpact: app.highImpact },
          grade,
          findings: scanned.findings,
          home: config.home,
          crisis: false,
          pseudonymizedTypes: PSEUDONYMIZED_TYPES,
        },
        targets,
        { isCut: () => false },
      ).decision;
    }
    writeLine(io.stdout, JSON.stringify(decision, null, 2));
    return 0;
  },
};
