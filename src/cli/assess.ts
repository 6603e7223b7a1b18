import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSince } from '../audit/index.js';
import {
  compareAssessments,
  inventoryJsonSchema,
  OBJECTIVE_IDS,
  renderAssessmentHtml,
  renderAssessmentTable,
  renderComparisonHtml,
  renderComparisonTable,
  runAssessment,
  type AssessmentOptions,
  type ObjectiveId,
  type Seal,
} from '../control/assess/index.js';
import { CliUsageError, parseCliArgs, writeLine, type CliCommand, type CliIo } from './command.js';

const FORMATS = ['table', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

export const assessCommand: CliCommand = {
  name: 'assess',
  summary: 'sovereignty assessment SOV-1…8 with SEAL levels, dependency maps and ledger evidence',
  help: `Usage:
  jaju assess --inventory FILE [--answers FILE] [--config FILE] [--since 30d] [--weights document|annex|FILE]
              [--min-seal N|SOV-n=N,…] [--gaiax FILE]… [--format table|json|html] [--out FILE]
  jaju assess compare --inventory A --inventory B [--answers FILE [--answers FILE]] [same options]
  jaju assess schema [--out FILE]

Scores an AI estate layer by layer (accelerators, servers, data centres, cloud, models, datasets,
software, operations, energy) against the eight objectives of the Cloud Sovereignty Framework v1.2.1,
with the home jurisdiction (and allies) in place of the EU. Each criterion gets a value (0–100) and a
SEAL level (0–4): derived from the inventory where a documented rule decides it, else from the answers
file, else unanswered (0). Overall SEAL = the minimum over all answers; overall score = Σ weight × score.

Options:
  --inventory FILE  the estate inventory (YAML; schema: schema/jaju-assess-inventory.schema.json)
  --answers FILE    answers to the criteria the inventory cannot decide (YAML)
  --config FILE     a jaju gateway config: its providers join the cloud and model layers, its ledger's
                    indicators and saved drill continuity scores add observed answers, and inventory
                    claims the ledger contradicts are reported
  --since WHEN      ledger window start: 90m, 12h, 30d, 4w or an ISO 8601 date (default 30d)
  --weights W       document (15/10/10/15/20/15/10/5 %, default), annex (20/10/10/15/10/15/15/5 %),
                    or a YAML file { weights: {SOV-1: …}, minimumSeal: N | {SOV-n: N} }
  --min-seal G      minimum-SEAL gate: one level for every objective (2) or per objective (SOV-2=3,SOV-3=2)
  --gaiax FILE      Gaia-X credentials (JSON-LD) to import as components (repeatable; signatures are
                    not verified)
  --format FORMAT   table (default), json, or html (a self-contained report that opens offline)
  --out FILE        write the report to FILE instead of standard output
Exit code 0 (also when the gate fails: the report says so), 2 on bad input. Method: docs/assess.md.`,

  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      {
        inventory: { type: 'string', multiple: true },
        answers: { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        since: { type: 'string' },
        weights: { type: 'string' },
        'min-seal': { type: 'string' },
        gaiax: { type: 'string', multiple: true },
        format: { type: 'string' },
        out: { type: 'string' },
      },
      true,
    );
    const [sub, ...rest] = positionals;
    const format = formatOption(values.format);
    const out = values.out === undefined ? undefined : resolve(io.cwd, values.out);
    if (sub === 'schema') {
      if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`);
      emit(`${JSON.stringify(inventoryJsonSchema(), null, 2)}\n`, out, io);
      return 0;
    }
    const base: Omit<AssessmentOptions, 'inventory'> = {
      config: values.config,
      since: values.since === undefined ? undefined : sinceOption(values.since),
      weights: values.weights,
      minimumSeal: values['min-seal'] === undefined ? undefined : minSealOption(values['min-seal']),
      gaiaX: values.gaiax,
      cwd: io.cwd,
      onWarning: (message) => writeLine(io.stderr, `jaju assess: ${message}`),
    };
    const inventories = [...(values.inventory ?? [])];
    const answers = values.answers ?? [];
    if (sub === 'compare') {
      inventories.push(...rest);
      if (inventories.length !== 2) throw new CliUsageError(`compare needs two inventories (--inventory A --inventory B), got ${inventories.length}`);
      if (answers.length > 2) throw new CliUsageError('compare takes at most two --answers files (one for both, or one each)');
      const [a, b] = await Promise.all([0, 1].map((index) => runAssessment({ ...base, inventory: inventories[index]!, answers: answers[Math.min(index, answers.length - 1)] })));
      const comparison = compareAssessments(a!, b!);
      emit(format === 'json' ? `${JSON.stringify(comparison, null, 2)}\n` : format === 'html' ? renderComparisonHtml(comparison) : renderComparisonTable(comparison), out, io);
      return 0;
    }
    if (sub !== undefined) throw new CliUsageError(`unknown subcommand "${sub}" (compare | schema, or none to assess)`);
    if (inventories.length !== 1) throw new CliUsageError(inventories.length === 0 ? 'missing --inventory FILE' : 'give one --inventory (two only with compare)');
    if (answers.length > 1) throw new CliUsageError('give one --answers file');
    const assessment = await runAssessment({ ...base, inventory: inventories[0]!, answers: answers[0] });
    emit(format === 'json' ? `${JSON.stringify(assessment, null, 2)}\n` : format === 'html' ? renderAssessmentHtml(assessment) : renderAssessmentTable(assessment), out, io);
    return 0;
  },
};

function formatOption(value: string | undefined): Format {
  if (value === undefined) return 'table';
  if (!(FORMATS as readonly string[]).includes(value)) throw new CliUsageError(`--format expects table, json or html, got "${value}"`);
  return value as Format;
}

function sinceOption(value: string): Date {
  try {
    return new Date(parseSince(value));
  } catch (error) {
    throw new CliUsageError(`--since: ${(error as Error).message}`);
  }
}

function minSealOption(value: string): Partial<Record<ObjectiveId, Seal>> {
  const level = (text: string) => {
    if (!/^[0-4]$/.test(text)) throw new CliUsageError(`--min-seal: expected a SEAL level 0–4, got "${text}"`);
    return Number(text) as Seal;
  };
  if (!value.includes('=')) {
    const seal = level(value);
    return Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, seal]));
  }
  const gate: Partial<Record<ObjectiveId, Seal>> = {};
  for (const part of value.split(',')) {
    const [id, text] = part.split('=');
    if (!(OBJECTIVE_IDS as readonly string[]).includes(id ?? '')) throw new CliUsageError(`--min-seal: unknown objective "${id}" (SOV-1 … SOV-8)`);
    gate[id as ObjectiveId] = level(text ?? '');
  }
  return gate;
}

function emit(text: string, out: string | undefined, io: CliIo): void {
  if (out === undefined) io.stdout.write(text);
  else writeFileSync(out, text);
}
