import { AUDIT_KINDS, GRADES, JajuError, type AuditKind, type AuditOutcome } from '../../domain/index.js';
import type { AuditQuery, VerifyReport } from '../../audit/index.js';
import { sendJson } from '../../http/send.js';
import type { RequestContext } from '../../http/request-context.js';
import type { AuditListResponse, AuditRecordResponse } from '../api-types.js';
import type { DashboardContext } from '../dashboard-context.js';
import { recordHashMatches } from '../record-hash.js';
import { choiceParam, integerParam, optionalParam, pathTail } from './query-params.js';

const OUTCOMES: AuditOutcome[] = ['ok', 'error', 'denied', 'aborted', 'unavailable'];
export const AUDIT_RECORD_PREFIX = '/api/audit/records/';

/** GET /api/audit?app&grade&provider&outcome&kind(,kind…)&from&to&cursor&limit&order&total=1 */
export async function handleAuditList(context: RequestContext, dashboard: DashboardContext): Promise<void> {
  const { query } = context;
  const filter: AuditQuery = { limit: integerParam(query, 'limit', 50, 1, 500) };
  const app = optionalParam(query, 'app');
  if (app !== undefined) filter.app = app;
  const grade = choiceParam(query, 'grade', GRADES);
  if (grade !== undefined) filter.grade = grade;
  const provider = optionalParam(query, 'provider');
  if (provider !== undefined) filter.provider = provider;
  const outcome = choiceParam(query, 'outcome', OUTCOMES);
  if (outcome !== undefined) filter.outcome = outcome;
  const requestId = optionalParam(query, 'requestId');
  if (requestId !== undefined) filter.requestId = requestId;
  const kinds = optionalParam(query, 'kind')?.split(',').map((kind) => kind.trim()).filter(Boolean);
  if (kinds !== undefined && kinds.length > 0) {
    for (const kind of kinds) {
      if (!(AUDIT_KINDS as readonly string[]).includes(kind)) {
        throw new JajuError('invalid_request', `kind: expected one of ${AUDIT_KINDS.join(', ')}`, { details: { param: 'kind' } });
      }
    }
    filter.kind = kinds as AuditKind[];
  }
  for (const name of ['from', 'to'] as const) {
    const value = optionalParam(query, name);
    if (value !== undefined) filter[name] = toIsoTime(value, name);
  }
  const cursor = optionalParam(query, 'cursor');
  if (cursor !== undefined) filter.cursor = cursor;
  const order = choiceParam(query, 'order', ['asc', 'desc'] as const);
  if (order !== undefined) filter.order = order;
  if (query.get('total') === '1') filter.withTotal = true;

  const page = await dashboard.ledger.query(filter);
  const { config } = dashboard.estate;
  const body: AuditListResponse = {
    ...page,
    choices: {
      apps: config.apps.map((entry) => entry.id).sort(),
      providers: config.providers.map((entry) => entry.id).sort(),
      grades: [...GRADES],
      outcomes: OUTCOMES,
      kinds: [...AUDIT_KINDS],
    },
  };
  sendJson(context.response, 200, body);
}

/** GET /api/audit/records/{seq}: one record with its neighbours in the chain. */
export async function handleAuditRecord(context: RequestContext, dashboard: DashboardContext): Promise<void> {
  const tail = pathTail(context.path, AUDIT_RECORD_PREFIX);
  if (!/^\d{1,15}$/.test(tail)) throw new JajuError('invalid_request', 'seq: expected a record number', { details: { param: 'seq' } });
  const seq = Number(tail);
  const { ledger } = dashboard;
  const record = await ledger.get(seq);
  if (!record) throw new JajuError('not_found', `no ledger record with seq ${seq}`);
  const [previous, next, head] = await Promise.all([seq > 1 ? ledger.get(seq - 1) : Promise.resolve(null), ledger.get(seq + 1), ledger.head()]);
  const body: AuditRecordResponse = {
    record,
    previous,
    next,
    head,
    hashMatches: recordHashMatches(record),
    linkMatches: previous ? previous.hash === record.prevHash : null,
  };
  sendJson(context.response, 200, body);
}

/** Per ledger, the verify run in progress (several gateways may share a process in tests). */
const verifying = new WeakMap<object, Promise<VerifyReport & { durationMs: number }>>();

/**
 * POST /api/audit/verify: the full chain check of `jaju audit verify`. Concurrent clicks (several
 * screens) share one run instead of each reading the whole ledger.
 */
export async function handleAuditVerify(context: RequestContext, dashboard: DashboardContext): Promise<void> {
  const { ledger } = dashboard;
  let run = verifying.get(ledger);
  if (!run) {
    const started = performance.now();
    run = ledger
      .verify()
      .then((report) => ({ ...report, durationMs: Math.round(performance.now() - started) }))
      .finally(() => verifying.delete(ledger));
    verifying.set(ledger, run);
  }
  const report = await run;
  sendJson(context.response, 200, { ...report, verifiedAt: new Date(dashboard.clock()).toISOString() });
}

/** ISO 8601 (the page converts its local date-time fields to ISO before sending). */
function toIsoTime(value: string, name: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new JajuError('invalid_request', `${name}: expected an ISO 8601 time`, { details: { param: name } });
  return time.toISOString();
}
