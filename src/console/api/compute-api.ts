import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadAllocationInput } from '../../control/compute/input/load-inputs.js';
import { allocationReport, type AllocationReport } from '../../control/compute/report/allocation-report.js';
import { JajuError } from '../../domain/index.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { ComputeExamplesResponse, ComputeReportResponse } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';
import { optionalParam } from './query-params.js';

interface ComputeExample {
  id: string;
  file: string;
  name: string;
  files: { sites: string; policy: string; applications: string };
}

function inputSet(dir: string): ComputeExample['files'] | undefined {
  const pick = (...names: string[]) => names.map((name) => join(dir, name)).find((path) => existsSync(path));
  const sites = pick('sites.yaml', 'sites.yml');
  const policy = pick('policy.yaml', 'policy.yml');
  const applications = pick('applications.yaml', 'applications.yml', 'applications.csv');
  return sites && policy && applications ? { sites, policy, applications } : undefined;
}

/**
 * Allocation inputs the page offers: every folder under examples/compute (and the folder itself)
 * holding sites, policy and applications files, as `jaju allocate` reads them. The client picks one
 * by id; it never sends a path.
 */
export function listComputeExamples(examplesDir: string): ComputeExample[] {
  const root = join(examplesDir, 'compute');
  if (!existsSync(root)) return [];
  const folders = [root, ...readdirSync(root).map((name) => join(root, name)).filter((path) => statSync(path).isDirectory())];
  const out: ComputeExample[] = [];
  for (const folder of folders.sort()) {
    const files = inputSet(folder);
    if (!files) continue;
    const id = relative(root, folder) || 'default';
    out.push({ id, file: `examples/compute${id === 'default' ? '' : `/${id}`}`, name: id === 'default' ? 'examples/compute' : id, files });
  }
  return out;
}

/** Reports by example id and the inputs' modification times (allocation is deterministic). */
const reportCache = new Map<string, { key: string; report: AllocationReport }>();

/** GET /api/compute: the example input sets. */
export function handleComputeExamples(context: RequestContext, dashboard: DashboardContext): void {
  const examples = listComputeExamples(dashboard.examplesDir).map(({ files: _files, ...rest }) => rest);
  const body: ComputeExamplesResponse = {
    available: true,
    ...(examples.length === 0 ? { message: 'no allocation inputs (sites, policy, applications) under examples/compute' } : {}),
    examples,
  };
  sendJson(context.response, 200, body);
}

/** GET /api/compute/report?example=ID: the allocation report (src/control/compute) of one input set. */
export function handleComputeReport(context: RequestContext, dashboard: DashboardContext): void {
  const examples = listComputeExamples(dashboard.examplesDir);
  const id = optionalParam(context.query, 'example') ?? examples[0]?.id;
  const example = examples.find((entry) => entry.id === id);
  if (!example) throw new JajuError('not_found', `no compute example "${id ?? ''}"`);
  const key = Object.values(example.files)
    .map((file) => `${file}:${statSync(file).mtimeMs}`)
    .join('|');
  let cached = reportCache.get(`${dashboard.examplesDir}|${example.id}`);
  if (!cached || cached.key !== key) {
    let report: AllocationReport;
    try {
      report = allocationReport(loadAllocationInput(example.files));
    } catch (error) {
      throw new JajuError('invalid_request', `examples/compute/${example.id}: ${(error as Error).message}`);
    }
    cached = { key, report };
    reportCache.set(`${dashboard.examplesDir}|${example.id}`, cached);
  }
  const { files: _files, ...info } = example;
  const body: ComputeReportResponse = { example: info, report: cached.report };
  sendJson(context.response, 200, body);
}
