import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { continuityResultOf, loadContinuityResults, loadScenario, runDrill, saveContinuityResult, ScenarioError } from '../../control/drill/index.js';
import { JajuError } from '../../domain/index.js';
import { readJsonBody } from '../../http/read-json-body.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { DrillRunResponse, DrillScenarioInfo, DrillsResponse } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';

const SINCE_CHOICES: Record<string, number | null> = { '1h': 3600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, all: null };

/**
 * Scenario files the page offers: the operator's own (<data dir>/scenarios/*.yaml) and the examples
 * shipped with jaju (examples/drills). Only files in these two folders can be run: the API never takes
 * a path from the client.
 */
export function listScenarios(dashboard: DashboardContext): (DrillScenarioInfo & { path: string })[] {
  const out: (DrillScenarioInfo & { path: string })[] = [];
  const folders = [
    { prefix: 'local', dir: join(dashboard.dataDir, 'scenarios') },
    { prefix: 'example', dir: join(dashboard.examplesDir, 'drills') },
  ];
  for (const { prefix, dir } of folders) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!['.yaml', '.yml'].includes(extname(name).toLowerCase())) continue;
      const path = join(dir, name);
      const id = `${prefix}:${basename(name, extname(name))}`;
      try {
        const scenario = loadScenario(path);
        out.push({ id, file: `${prefix === 'local' ? 'scenarios' : 'examples/drills'}/${name}`, scenario: scenario.name, name: scenario.title, description: scenario.description, path });
      } catch (error) {
        out.push({ id, file: name, scenario: basename(name, extname(name)), name: `${name} (invalid)`, description: (error as Error).message, path });
      }
    }
  }
  return out;
}

/** GET /api/drills: the scenarios, and the latest saved continuity score of each. */
export function handleDrills(context: RequestContext, dashboard: DashboardContext): void {
  const scenarios = listScenarios(dashboard).map(({ path: _path, ...info }) => info);
  const body: DrillsResponse = {
    available: true,
    ...(scenarios.length === 0 ? { message: `no scenario files in ${join(dashboard.dataDir, 'scenarios')} or examples/drills` } : {}),
    scenarios,
    latest: loadContinuityResults(dashboard.dataDir),
  };
  sendJson(context.response, 200, body);
}

/**
 * POST /api/drills/run {scenario, since, save}: replays the recorded workload under the scenario
 * (offline: the live gateway is not touched) and, with save, keeps its continuity score for the
 * indicators as `jaju drill run --save` does.
 */
export async function handleDrillRun(context: RequestContext, dashboard: DashboardContext): Promise<void> {
  const input = (await readJsonBody(context.request, 64 * 1024)) as Record<string, unknown>;
  const id = input?.['scenario'];
  if (typeof id !== 'string') throw invalid('scenario', 'required: a scenario id from GET /api/drills');
  const found = listScenarios(dashboard).find((scenario) => scenario.id === id);
  if (!found) throw invalid('scenario', `unknown scenario "${id}"`);
  const sinceKey = typeof input['since'] === 'string' ? input['since'] : '7d';
  if (!(sinceKey in SINCE_CHOICES)) throw invalid('since', `expected one of ${Object.keys(SINCE_CHOICES).join(', ')}`);
  const span = SINCE_CHOICES[sinceKey]!;
  const from = span === null ? undefined : new Date(dashboard.clock() - span);
  if (!dashboard.engine) throw new JajuError('forbidden', 'drills need the policy engine, which this gateway was started without');

  let scenario;
  try {
    scenario = loadScenario(found.path);
  } catch (error) {
    throw new JajuError('invalid_request', (error as Error).message);
  }
  let records = 0;
  const scan = dashboard.ledger.scan({ ...(from ? { sinceTime: from.toISOString() } : {}), kinds: ['dispatch', 'complete', 'deny'] });
  const counted = (async function* () {
    for await (const record of scan) {
      records += 1;
      yield record;
    }
  })();
  let report;
  try {
    report = await runDrill({ config: dashboard.estate.config, engine: dashboard.engine, records: counted, scenario, ...(from ? { from } : {}), now: new Date(dashboard.clock()) });
  } catch (error) {
    if (error instanceof ScenarioError) throw new JajuError('invalid_request', error.message);
    throw error;
  }
  if (input['save'] !== false) {
    saveContinuityResult(dashboard.dataDir, continuityResultOf(report));
    dashboard.indicators.invalidate();
  }
  const { path: _path, ...info } = found;
  const body: DrillRunResponse = { scenario: info, since: from?.toISOString() ?? null, records, report };
  sendJson(context.response, 200, body);
}

function invalid(param: string, message: string): JajuError {
  return new JajuError('invalid_request', `${param}: ${message}`, { details: { param } });
}
