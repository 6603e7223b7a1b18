import { once } from 'node:events';
import { resolve } from 'node:path';
import { csvHeader, csvLine, jsonLine, openLedger, parseSince, type AuditLedger, type VerifyReport } from '../audit/index.js';
import { loadConfigFile, parseConfig, type Config } from '../config/index.js';
import { CliUsageError, parseCliArgs, writeLine, type CliCommand, type CliIo } from './command.js';

const HELP = `Usage:
  jaju audit verify [--config FILE] [--json]
      Checks the hash chain (every record's hash and link, seq continuity, anchors) and the
      pairing of request records (dispatch/complete; deny and refuse alone). Prints a one-line summary and lists dispatch records that have
      no complete record (calls in flight or cut short, e.g. by a crash: reported, not a failure).
      Exit 0 when the chain is intact, 1 with the first broken record.
  jaju audit export [--config FILE] [--since T] [--format jsonl|csv]
      Streams records in seq order to stdout. --since takes an ISO 8601 time or a duration back
      from now (30m, 24h, 7d, 2w). jsonl lines are the records' canonical JSON, hash included, so
      an export can be re-checked: hash = sha256(prevHash + line without "hash").

Without --config both use the built-in defaults (SQLite at ./data/jaju.db).`;

/** Incomplete pairs listed one per line; more than this and the rest are counted (all are in --json). */
const LISTED_INCOMPLETE = 100;

function loadConfig(file: string | undefined, io: CliIo): Config {
  return file === undefined ? parseConfig({}, null, io.cwd) : loadConfigFile(resolve(io.cwd, file));
}

async function withLedger<T>(config: Config, use: (ledger: AuditLedger) => Promise<T>): Promise<T> {
  const ledger = await openLedger(config, { readOnly: true });
  try {
    return await use(ledger);
  } finally {
    await ledger.close();
  }
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The human summary: first line says it all; then the honest list of open pairs. */
function printReport(report: VerifyReport, io: CliIo): void {
  const incomplete = plural(report.incomplete.length, 'incomplete pair');
  const pruned = report.pruned > 0 ? `, ${plural(report.pruned, 'pruned record')} bridged` : '';
  if (report.firstBad !== undefined) {
    const { seq, damage, message } = report.firstBad;
    writeLine(io.stdout, `BROKEN at seq ${seq}: ${damage} — ${message}`);
    writeLine(io.stdout, `  ${plural(report.records, 'record')} verified before it${pruned}`);
  } else if (report.orphans.length > 0) {
    const first = report.orphans[0]!;
    writeLine(io.stdout, `BROKEN at seq ${first.seq}: ${plural(report.orphans.length, 'complete record')} without a dispatch record (first: request ${first.requestId})`);
    for (const orphan of report.orphans.slice(0, LISTED_INCOMPLETE)) writeLine(io.stdout, `  orphan: seq ${orphan.seq} request ${orphan.requestId}`);
  } else if (report.conflicts.length > 0) {
    const first = report.conflicts[0]!;
    writeLine(io.stdout, `BROKEN at seq ${first.seq}: ${plural(report.conflicts.length, 'deny/refuse record')} written while a dispatch of the same request was open (first: ${first.kind}, request ${first.requestId})`);
    for (const conflict of report.conflicts.slice(0, LISTED_INCOMPLETE)) writeLine(io.stdout, `  conflict: seq ${conflict.seq} ${conflict.kind} request ${conflict.requestId}`);
  } else if (report.head === null) {
    writeLine(io.stdout, `ok: 0 records (empty ledger)${pruned}`);
  } else {
    writeLine(io.stdout, `ok: ${plural(report.records, 'record')}, head seq ${report.head.seq}, ${incomplete}${pruned}`);
  }
  if (report.incomplete.length > 0) {
    for (const open of report.incomplete.slice(0, LISTED_INCOMPLETE)) writeLine(io.stdout, `  incomplete: seq ${open.seq} request ${open.requestId}`);
    if (report.incomplete.length > LISTED_INCOMPLETE) writeLine(io.stdout, `  … and ${report.incomplete.length - LISTED_INCOMPLETE} more (--json lists all)`);
    writeLine(
      io.stdout,
      `note: ${plural(report.incomplete.length, 'dispatch record')} ${report.incomplete.length === 1 ? 'has' : 'have'} no complete record: calls still in flight, or cut short (e.g. by a crash) after they were recorded. This alone does not fail verification.`,
    );
  }
}

async function verify(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, { config: { type: 'string' }, json: { type: 'boolean' } });
  const report = await withLedger(loadConfig(values.config, io), (ledger) => ledger.verify());
  if (values.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
  else printReport(report, io);
  return report.ok ? 0 : 1;
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function exportRecords(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, { config: { type: 'string' }, since: { type: 'string' }, format: { type: 'string' } });
  const format = values.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw new CliUsageError(`--format expects jsonl or csv, got "${format}"`);
  let sinceTime: string | undefined;
  if (values.since !== undefined) {
    try {
      sinceTime = parseSince(values.since);
    } catch (error) {
      throw new CliUsageError(`--since ${(error as Error).message}`);
    }
  }
  const config = loadConfig(values.config, io);
  // `jaju audit export | head` closes the pipe early: that ends the export quietly, it is not an error.
  let broken: NodeJS.ErrnoException | null = null;
  const onError = (error: NodeJS.ErrnoException) => {
    broken = error;
  };
  io.stdout.on('error', onError);
  try {
    await withLedger(config, async (ledger) => {
      if (format === 'csv') await write(io.stdout, `${csvHeader()}\n`);
      const line = format === 'csv' ? csvLine : jsonLine;
      for await (const entry of ledger.scan(sinceTime === undefined ? {} : { sinceTime })) {
        if (broken !== null) break;
        await write(io.stdout, `${line(entry)}\n`);
      }
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  } finally {
    io.stdout.off('error', onError);
  }
  const failure = broken as NodeJS.ErrnoException | null;
  if (failure !== null && failure.code !== 'EPIPE') throw failure;
  return 0;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify the audit ledger or export its records',
  help: HELP,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'verify') return verify(rest, io);
    if (sub === 'export') return exportRecords(rest, io);
    throw new CliUsageError(sub === undefined ? 'expected a subcommand: verify | export' : `unknown subcommand "${sub}" (verify | export)`);
  },
};
