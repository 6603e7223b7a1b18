import { findInventories, runAssessment, compareAssessments, type InventoryEntry } from '../../control/assess/index.js';
import { ConfigError } from '../../config/index.js';
import { parseSince } from '../../audit/index.js';
import { JajuError } from '../../domain/index.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { AssessCompareResponse, AssessInventoriesResponse, AssessInventory, AssessReportResponse } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';
import { choiceParam, optionalParam } from './query-params.js';

const WEIGHTS = ['document', 'annex'] as const;

function publicEntry({ path: _path, answersPath: _answers, ...entry }: InventoryEntry): AssessInventory {
  return entry;
}

function inventory(dashboard: DashboardContext, query: URLSearchParams, name: string): InventoryEntry {
  const entries = findInventories(dashboard.dataDir, dashboard.examplesDir);
  const id = optionalParam(query, name) ?? entries[0]?.id;
  const entry = entries.find((candidate) => candidate.id === id);
  if (!entry) throw new JajuError('not_found', `no inventory "${id ?? ''}" (data/assess or examples/assess)`, { details: { param: name } });
  return entry;
}

/** Runs the assessment with the console's config and ledger as evidence; a bad inventory is a 400 naming its path. */
async function assessEntry(dashboard: DashboardContext, entry: InventoryEntry, query: URLSearchParams) {
  const weights = choiceParam(query, 'weights', WEIGHTS) ?? 'document';
  let since: Date;
  try {
    since = new Date(parseSince(optionalParam(query, 'since') ?? '30d'));
  } catch (error) {
    throw new JajuError('invalid_request', `since: ${(error as Error).message}`, { details: { param: 'since' } });
  }
  try {
    const assessment = await runAssessment({ inventory: entry.path, answers: entry.answersPath ?? undefined, config: dashboard.estate.config, ledger: dashboard.ledger, since, weights });
    return { weights, assessment };
  } catch (error) {
    if (error instanceof ConfigError) throw new JajuError('invalid_request', error.message);
    throw error;
  }
}

/** GET /api/assess: the inventories the console can assess. */
export function handleAssessInventories(context: RequestContext, dashboard: DashboardContext): void {
  const body: AssessInventoriesResponse = { inventories: findInventories(dashboard.dataDir, dashboard.examplesDir).map(publicEntry) };
  sendJson(context.response, 200, body);
}

/** GET /api/assess/report?inventory=ID&weights=document|annex&since=30d */
export async function handleAssessReport(context: RequestContext, dashboard: DashboardContext): Promise<void> {
  const entry = inventory(dashboard, context.query, 'inventory');
  const { weights, assessment } = await assessEntry(dashboard, entry, context.query);
  const { components: _components, ...view } = assessment;
  const body: AssessReportResponse = { inventory: publicEntry(entry), weights, assessment: view };
  sendJson(context.response, 200, body);
}

/** GET /api/assess/compare?a=ID&b=ID&weights=…: what changes from inventory a to b. */
export async function handleAssessCompare(context: RequestContext, dashboard: DashboardContext): Promise<void> {
  const a = inventory(dashboard, context.query, 'a');
  const b = inventory(dashboard, context.query, 'b');
  const [left, right] = await Promise.all([assessEntry(dashboard, a, context.query), assessEntry(dashboard, b, context.query)]);
  const body: AssessCompareResponse = { a: publicEntry(a), b: publicEntry(b), comparison: compareAssessments(left.assessment, right.assessment) };
  sendJson(context.response, 200, body);
}
