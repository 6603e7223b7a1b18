import { basename } from 'node:path';
import { latestPerModel, listSavedRuns } from '../../control/evaluate/index.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { EvaluationsResponse } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';

/**
 * GET /api/evaluations: the runs `jaju eval run` saved in the data folder, newest first, and each
 * model's latest result (what the assessment reads). Files are named by id, never by server path.
 */
export function handleEvaluations(context: RequestContext, dashboard: DashboardContext): void {
  const problems: string[] = [];
  const summaries = listSavedRuns(dashboard.dataDir, (file, problem) => problems.push(`${basename(file)}: ${problem}`));
  const body: EvaluationsResponse = {
    available: true,
    ...(summaries.length === 0 ? { message: 'no saved evaluation runs yet: jaju eval run --suite builtin --models A,B --reference B --config FILE --app ID' } : {}),
    runs: summaries.map(({ file, ...summary }) => ({ id: basename(file, '.json'), ...summary })),
    latest: latestPerModel(summaries).map(({ file, ...latest }) => ({ ...latest, run: basename(file, '.json') })),
    problems,
  };
  sendJson(context.response, 200, body);
}
