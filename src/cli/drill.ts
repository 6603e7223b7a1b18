import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openLedger, parseSince } from '../audit/index.js';
import { loadConfigFile, type Config } from '../config/index.js';
import {
  AdminClient,
  continuityResultOf,
  loadScenario,
  renderDrillHtml,
  renderDrillTable,
  runDrill,
  saveContinuityResult,
  ScenarioError,
  type AdminStatus,
  type CutAnswer,
} from '../control/drill/index.js';
import { describeCutScope, parseCutScope, type CutScope } from '../domain/index.js';
import { dataDirectory } from '../config/index.js';
import { loadPolicyEngine } from '../policy/index.js';
import { CliUsageError, parseCliArgs, writeLine, type CliCommand, type CliIo } from './command.js';

const HELP = `Usage:
  jaju drill cut     (--provider ID | --jurisdiction CC | --deployment TIER) [--reason TEXT] [--url URL] [--config FILE] [--json]
  jaju drill restore (--provider ID | --jurisdiction CC | --deployment TIER) [--reason TEXT] [--url URL] [--config FILE] [--json]
  jaju drill status  [--url URL] [--config FILE] [--json]
  jaju drill run     --config FILE --scenario FILE [--since 7d] [--format table|json|html] [--out FILE] [--save]

cut / restore / status act on a RUNNING gateway through its admin API: a cut removes every matching
target from every plan at once (calls in flight finish; new requests fail over to the next permitted
target, or get 503 when none is left); each cut and restore is recorded in the audit ledger first.
  --url      the gateway (default: the config's server.host:port with --config, else http://127.0.0.1:8080)
  admin key  from JAJU_ADMIN_KEY, or from the variable named by the config's server.adminKeyEnv with --config
  TIER       on-premises | national-network | domestic-cloud | foreign-cloud

run is an OFFLINE drill and changes nothing: it replays the workload recorded in the ledger (apps,
aliases, grades, finding types, volumes; no message text) through the policy planner under the
scenario's cuts and capacity limits, and reports per app and alias what keeps its target, what fails
over (to what), and what would not be served (and why), with the continuity score.
  --since    how far back to replay: 90m, 12h, 7d, 4w or an ISO 8601 date (default 7d)
  --format   table (default), json, or html (a self-contained report with charts)
  --out      write the report to FILE instead of standard output
  --save     keep the continuity score as this scenario's latest (shown by \`jaju indicators\`)
Scenario examples: examples/drills/*.yaml (docs/drills.md describes the format).`;

const SCOPE_OPTIONS = {
  provider: { type: 'string' },
  jurisdiction: { type: 'string' },
  deployment: { type: 'string' },
} as const;

function scopeFrom(values: { provider?: string | undefined; jurisdiction?: string | undefined; deployment?: string | undefined }): CutScope {
  const given = (['provider', 'jurisdiction', 'deployment'] as const).filter((key) => values[key] !== undefined);
  if (given.length !== 1) throw new CliUsageError('expected exactly one of --provider ID, --jurisdiction CC, --deployment TIER');
  const key = given[0]!;
  const scope = parseCutScope({ [key]: values[key] });
  if (typeof scope === 'string') throw new CliUsageError(`--${scope}`);
  return scope;
}

/** The gateway's URL and admin key, from the flags, the config and the environment. */
function adminClient(values: { url?: string | undefined; config?: string | undefined }, io: CliIo): AdminClient {
  let config: Config | undefined;
  if (values.config) config = loadConfigFile(resolve(io.cwd, values.config));
  let url = values.url;
  if (url === undefined) {
    const host = config?.server.host ?? '127.0.0.1';
    // A gateway listening on every interface is reached on loopback from the same machine.
    const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    url = `http://${reachable}:${config?.server.port ?? 8080}`;
  }
  if (!/^https?:\/\/[^/]+/.test(url)) throw new CliUsageError(`--url expects an http:// or https:// URL, got "${url}"`);
  const variable = config?.server.adminKeyEnv ?? 'JAJU_ADMIN_KEY';
  const key = io.env[variable];
  if (!key) throw new CliUsageError(`no admin key: set ${variable} to the gateway's admin key`);
  return new AdminClient(url, key);
}

function describeStatus(status: AdminStatus): string[] {
  const lines: string[] = [];
  lines.push(`crisis mode: ${status.crisis ? 'ON' : 'off'}`);
  lines.push(status.cuts.length === 0 ? 'cuts in force: none' : `cuts in force: ${status.cuts.map((cut) => cut.description).join(', ')}`);
  for (const alias of status.aliases) {
    if (alias.cut.length === 0) continue;
    const remaining = alias.remaining.length > 0 ? `remaining ${alias.remaining.join(', ')}` : 'NOTHING LEFT (requests get 503 no_provider_available)';
    lines.push(`  ${alias.alias}: ${remaining}; cut ${alias.cut.join(', ')}`);
  }
  return lines;
}

async function changeCut(action: 'cut' | 'restore', args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, { ...SCOPE_OPTIONS, reason: { type: 'string' }, url: { type: 'string' }, config: { type: 'string', short: 'c' }, json: { type: 'boolean' } });
  const scope = scopeFrom(values);
  const client = adminClient(values, io);
  const answer: CutAnswer = action === 'cut' ? await client.cut(scope, values.reason) : await client.restore(scope, values.reason);
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(answer, null, 2));
    return 0;
  }
  const name = describeCutScope(scope);
  if (action === 'cut') writeLine(io.stdout, answer.changed ? `cut in force: ${name} (recorded in the audit ledger)` : `${name} was already cut (recorded again in the audit ledger)`);
  else writeLine(io.stdout, answer.changed ? `restored: ${name} (recorded in the audit ledger)` : `${name} was not cut (recorded in the audit ledger)`);
  for (const line of describeStatus(answer)) writeLine(io.stdout, line);
  return 0;
}

async function status(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, { url: { type: 'string' }, config: { type: 'string', short: 'c' }, json: { type: 'boolean' } });
  const answer = await adminClient(values, io).status();
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(answer, null, 2));
    return 0;
  }
  for (const line of describeStatus(answer)) writeLine(io.stdout, line);
  for (const provider of answer.providers) {
    writeLine(io.stdout, `  ${provider.id.padEnd(24)} ${provider.cut ? `CUT (${provider.cutBy.join(', ')})` : 'available'}  circuit ${provider.circuit}`);
  }
  return 0;
}

const FORMATS = ['table', 'json', 'html'] as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, {
    config: { type: 'string', short: 'c' },
    scenario: { type: 'string', short: 's' },
    since: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    save: { type: 'boolean' },
  });
  if (!values.config) throw new CliUsageError('--config FILE is required');
  if (!values.scenario) throw new CliUsageError('--scenario FILE is required');
  const format = (values.format ?? 'table') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new CliUsageError(`--format expects one of ${FORMATS.join(', ')}, got "${values.format}"`);
  let since: Date;
  try {
    since = new Date(parseSince(values.since ?? '7d'));
  } catch (error) {
    throw new CliUsageError(`--since: ${(error as Error).message}`);
  }
  const config = loadConfigFile(resolve(io.cwd, values.config));
  let scenario;
  try {
    scenario = loadScenario(resolve(io.cwd, values.scenario));
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliUsageError(error.message);
    throw error;
  }
  const engine = await loadPolicyEngine(config);
  const ledger = await openLedger(config, { readOnly: true });
  let report;
  try {
    report = await runDrill({ config, engine, scenario, from: since, records: ledger.scan({ sinceTime: since.toISOString() }) });
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliUsageError(error.message);
    throw error;
  } finally {
    await ledger.close();
  }
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? renderDrillHtml(report) : `${renderDrillTable(report)}\n`;
  if (values.out) {
    const out = resolve(io.cwd, values.out);
    writeFileSync(out, text);
    writeLine(io.stderr, `drill report written to ${out}`);
  } else {
    io.stdout.write(text);
  }
  if (values.save) {
    const file = saveContinuityResult(dataDirectory(config), continuityResultOf(report));
    writeLine(io.stderr, `continuity score saved to ${file}`);
  }
  return 0;
}

export const drillCommand: CliCommand = {
  name: 'drill',
  summary: 'cut or restore providers on a running gateway; replay the recorded workload under a crisis scenario',
  help: HELP,
  async run(args, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'cut':
      case 'restore':
        return changeCut(sub, rest, io);
      case 'status':
        return status(rest, io);
      case 'run':
        return run(rest, io);
      case undefined:
        throw new CliUsageError('expected a subcommand: cut | restore | status | run (jaju drill --help)');
      default:
        throw new CliUsageError(`unknown subcommand "${sub}" (cut | restore | status | run)`);
    }
  },
};
