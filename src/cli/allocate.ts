import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  allManifests,
  allocate,
  allocationHtml,
  allocationTable,
  exportKueue,
  exportSlurm,
  formatManifestIssue,
  kueueFiles,
  KUEUE_VERSION,
  loadAllocationInput,
  manifestsValid,
  loadScenarioFile,
  parseManifestYaml,
  planHtml,
  planTable,
  reportFromAllocation,
  runPlan,
  validateKueueManifests,
} from '../control/compute/index.js';
import { readInputText } from '../control/compute/input/read-input-file.js';
import { CliUsageError, parseCliArgs, writeLine, type CliCommand, type CliIo } from './command.js';

const FORMATS = ['table', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

export const allocateCommand: CliCommand = {
  name: 'allocate',
  summary: 'allocate national GPUs by priority tier within power budgets; export Kueue and Slurm quotas',
  help: `Usage:
  jaju allocate --sites FILE --applications FILE --policy FILE [options]
  jaju allocate plan --scenario FILE [--format table|json|html] [--out FILE]
  jaju allocate check-kueue FILE... [--partial]

Allocates accelerators to applications by strict tier priority with reserves, weighted max-min fair
share inside each tier (minimum useful shares honoured), site constraints (accelerator type, data-grade
accreditation, power budget) and per-organisation caps. Every application gets an explanation.

Options:
  --sites FILE          sites: region, operator, ownership, power budget, PUE, accelerators (YAML)
  --applications FILE   applications (YAML, or CSV when the name ends in .csv)
  --policy FILE         tiers, reserves, public/private split, organisation cap, regional preference (YAML)
  --format FORMAT       table (default), json or html (a self-contained report with charts)
  --out FILE            write the report to FILE instead of standard output
  --explain             with --format table: print each application's explanation under it
  --kueue DIR           write Kueue v1beta2 manifests to DIR, validated first (then: kubectl apply -f DIR)
  --kueue-per-site      with --kueue: one folder per Kueue site (DIR/<site>/), for one cluster per site
  --slurm FILE          write the sacctmgr script for sites scheduled by Slurm to FILE

plan: runs the allocator for each year of a multi-year scenario (arrivals, power additions, retirements,
demand growth per tier) and reports demand met per tier, public supply share, power, energy and CO2.
check-kueue: validates Kueue manifests (multi-document YAML, every kind and served version of the
vendored Kueue CRDs) against their schemas, CEL rules and webhook checks; --partial skips the check
that referenced objects (flavors, cluster queues, admission checks, …) are in the same files.
File formats: docs/compute.md. Examples: examples/compute/.`,

  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      {
        sites: { type: 'string' },
        applications: { type: 'string' },
        policy: { type: 'string' },
        scenario: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        explain: { type: 'boolean' },
        kueue: { type: 'string' },
        slurm: { type: 'string' },
        'kueue-per-site': { type: 'boolean' },
        partial: { type: 'boolean' },
      },
      true,
    );
    const [sub, ...rest] = positionals;
    const path = (file: string) => resolve(io.cwd, file);
    const format = formatOption(values.format);
    const only = (allowed: readonly string[], mode: string) => {
      for (const name of ['sites', 'applications', 'policy', 'scenario', 'explain', 'kueue', 'kueue-per-site', 'slurm', 'partial', 'format', 'out'] as const) {
        if (values[name] !== undefined && !allowed.includes(name)) throw new CliUsageError(`--${name} does not apply to ${mode}`);
      }
    };

    if (sub === 'check-kueue') {
      only(['partial'], 'check-kueue');
      if (rest.length === 0) throw new CliUsageError('check-kueue needs at least one FILE');
      return checkKueue(rest.map(path), values.partial ?? false, io);
    }
    if (sub === 'plan') {
      only(['scenario', 'format', 'out'], 'plan');
      if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`);
      if (values.scenario === undefined) throw new CliUsageError('plan needs --scenario FILE');
      const report = runPlan(loadScenarioFile(path(values.scenario)));
      const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? planHtml(report) : planTable(report);
      emit(text, values.out === undefined ? undefined : path(values.out), io);
      return 0;
    }
    if (sub !== undefined) throw new CliUsageError(`unknown subcommand "${sub}" (plan | check-kueue, or no subcommand to allocate)`);
    only(['sites', 'applications', 'policy', 'format', 'out', 'explain', 'kueue', 'kueue-per-site', 'slurm'], 'allocate');
    if (values['kueue-per-site'] && values.kueue === undefined) throw new CliUsageError('--kueue-per-site needs --kueue DIR');
    for (const name of ['sites', 'applications', 'policy'] as const) {
      if (values[name] === undefined) throw new CliUsageError(`missing --${name} FILE`);
    }
    if (values.explain && format !== 'table') throw new CliUsageError('--explain applies to --format table (json and html always carry explanations)');

    const allocation = allocate(loadAllocationInput({ sites: path(values.sites!), applications: path(values.applications!), policy: path(values.policy!) }));
    if (values.kueue !== undefined) {
      const folder = path(values.kueue);
      const kueueSites = allocation.input.sites.filter((site) => site.scheduler === 'kueue').map((site) => site.id);
      const sets = values['kueue-per-site'] ? kueueSites.map((site) => ({ folder: join(folder, site), manifests: exportKueue(allocation, { sites: [site] }) })) : [{ folder, manifests: exportKueue(allocation) }];
      // Every set is validated before anything is written: a partial write would leave a cluster half-configured.
      for (const set of sets) {
        const issues = validateKueueManifests(allManifests(set.manifests));
        if (!manifestsValid(issues)) {
          throw new Error(`the Kueue manifests would not validate against Kueue ${KUEUE_VERSION}, nothing written:\n  ${issues.slice(0, 20).map(formatManifestIssue).join('\n  ')}`);
        }
      }
      let objects = 0;
      for (const set of sets) {
        mkdirSync(set.folder, { recursive: true });
        for (const file of kueueFiles(set.manifests, allocation.input.policy)) writeFileSync(join(set.folder, file.name), file.text);
        objects += allManifests(set.manifests).length;
      }
      writeLine(io.stderr, `wrote ${objects} Kueue objects to ${folder} (apply with: kubectl apply -f ${values['kueue-per-site'] ? `${folder}/<site>` : folder}; merge kueue-configuration.snippet into Kueue's Configuration)`);
    }
    if (values.slurm !== undefined) {
      writeFileSync(path(values.slurm), exportSlurm(allocation), { mode: 0o755 });
      writeLine(io.stderr, `wrote sacctmgr commands to ${path(values.slurm)}`);
    }
    // Degenerate inputs are not errors (exit 0), but they must not pass silently.
    for (const warning of allocation.warnings) writeLine(io.stderr, `warning: ${warning.message}`);
    const report = reportFromAllocation(allocation);
    const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? allocationHtml(report) : allocationTable(report, { explain: values.explain ?? false });
    emit(text, values.out === undefined ? undefined : path(values.out), io);
    return 0;
  },
};

function formatOption(value: string | undefined): Format {
  if (value === undefined) return 'table';
  if (!(FORMATS as readonly string[]).includes(value)) throw new CliUsageError(`--format expects table, json or html, got "${value}"`);
  return value as Format;
}

function emit(text: string, out: string | undefined, io: CliIo): void {
  if (out === undefined) io.stdout.write(text);
  else writeFileSync(out, text);
}

function checkKueue(files: string[], partial: boolean, io: CliIo): number {
  const documents: unknown[] = [];
  const lines: string[] = [];
  for (const file of files) {
    const parsed = parseManifestYaml(readInputText(file, 'manifest'));
    for (const issue of parsed.issues) lines.push(`${file}: ${formatManifestIssue(issue)}`);
    documents.push(...parsed.documents);
  }
  const issues = validateKueueManifests(documents, { references: !partial });
  for (const issue of issues.filter((entry) => entry.severity === 'warning')) writeLine(io.stderr, formatManifestIssue(issue));
  for (const issue of issues.filter((entry) => entry.severity === 'error')) lines.push(formatManifestIssue(issue));
  if (lines.length > 0) {
    for (const line of lines) writeLine(io.stderr, line);
    writeLine(io.stderr, `${lines.length} problem${lines.length === 1 ? '' : 's'} in ${documents.length} objects (Kueue ${KUEUE_VERSION} CRDs)`);
    return 1;
  }
  writeLine(io.stdout, `ok: ${documents.length} objects valid against the Kueue ${KUEUE_VERSION} CRDs`);
  return 0;
}
