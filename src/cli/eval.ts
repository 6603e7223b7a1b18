import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openLedger } from '../audit/index.js';
import { dataDirectory, loadConfigFile, type AppConfig, type Config } from '../config/index.js';
import {
  AnswerCache,
  appScope,
  cacheDirectory,
  ChatEndpoint,
  EndpointError,
  listSavedRuns,
  loadExamples,
  loadSuites,
  progressReporter,
  renderEvalHtml,
  renderEvalTable,
  runEvaluation,
  saveRun,
  scoreEvaluation,
  SuiteError,
  type EnergyByRequest,
  type EvalSettings,
  type RunVia,
  type Suite,
  urlScope,
} from '../control/evaluate/index.js';
import { createLogger } from '../gateway/logger.js';
import { startJaju } from '../serve/start-jaju.js';
import { CliUsageError, integerOption, parseCliArgs, writeLine, type CliCommand, type CliIo } from './command.js';

const HELP = `Usage:
  jaju eval run --suite FILE [--suite FILE …] --models ALIAS[,ALIAS …] [--reference ALIAS] [--target 0.95]
                (--url URL --key-env VAR | --config FILE --app ID) [options]
  jaju eval check --suite FILE [--suite FILE …]
  jaju eval runs [--config FILE | --data DIR] [--json]

run asks every model (a model alias of the gateway) every multiple-choice item of the suites and
scores the answers: accuracy per category and overall with Wilson 95% intervals and, with --reference,
the ratio of each model to the reference with a paired bootstrap 95% interval and a verdict against
--target: meets, below, or undecided (the interval straddles the target). Items the gateway denies on
policy grounds are reported as denied, upstream failures as failed: neither counts as a wrong answer.

Where the items go:
  --url URL --key-env VAR   a running gateway (or any OpenAI-compatible server); the app key is read
                            from the environment variable VAR. Results are kept under --data (default ./data)
  --config FILE --app ID    in-process: starts this config's gateway on a loopback port and sends the
                            items as app ID, so the run obeys the same policies, pseudonymization and
                            audit ledger as production traffic. Results are kept in the config's data folder
Suites:
  --suite FILE              a KMMLU-style CSV (question, A, B, C, D, answer, category) or a JSONL file,
                            or "builtin" (the project's own Korean language and culture suite)
  --examples FILE           few-shot examples (e.g. KMMLU's dev split), used with --shots
  --shots K                 worked examples before each question (default 0: zero-shot)
Options:
  --models A,B              aliases to evaluate (the reference is added when missing)
  --reference ALIAS         the model others are compared to
  --target RATIO            the ratio to meet (default 0.95)
  --concurrency N           calls in flight at once (default 4)
  --retries N               retries on 429, 5xx, timeouts (default 3; Retry-After honoured)
  --timeout SECONDS         per-request timeout (default 60)
  --max-tokens N            answer length cap (default 32; 0 = none)
  --seed N, --resamples N   bootstrap seed (default 19) and resamples (default 10000)
  --format FORMAT           table (default), json, or html (a self-contained report with charts)
  --out FILE                write the report to FILE instead of standard output
  --no-cache                ask again even what was answered before (answers are cached on disk per
                            suite, item, model and prompt, so an interrupted run resumes where it stopped)
  --no-save                 do not keep this run under <data>/eval/runs (the dashboard and the
                            assessment read the latest saved run of each model)
  --quiet                   no progress output
check validates suite files and prints their items per category; runs lists the saved runs.
Formats and JSON fields: docs/eval.md.`;

const FORMATS = ['table', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

function suites(paths: string[] | undefined, cwd: string): Suite[] {
  if (!paths || paths.length === 0) throw new CliUsageError('--suite FILE is required (a .csv or .jsonl file, or builtin)');
  try {
    return loadSuites(paths, cwd);
  } catch (error) {
    if (error instanceof SuiteError) throw new CliUsageError(error.message);
    throw error;
  }
}

function numberOption(name: string, value: string | undefined, fallback: number, check: (value: number) => boolean, expected: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed)) throw new CliUsageError(`--${name} expects ${expected}, got "${value}"`);
  return parsed;
}

function modelList(values: string[] | undefined, reference: string | undefined): string[] {
  const models = (values ?? []).flatMap((value) => value.split(',')).map((model) => model.trim()).filter((model) => model !== '');
  if (models.length === 0) throw new CliUsageError('--models ALIAS[,ALIAS …] is required');
  if (reference !== undefined && !models.includes(reference)) models.push(reference);
  return [...new Set(models)];
}

/** A gateway started for this run only: the config's, with the evaluated app alone and a one-time key. */
interface EvaluationGateway {
  url: string;
  apiKey: string;
  close(): Promise<void>;
}

/**
 * In-process mode, composed here at the top (control/ never imports the gateway): the config's own
 * gateway — its policies, detectors, pseudonymizer and ledger — on an ephemeral loopback port. The
 * evaluated app keeps its id, grade and purpose; only its key is replaced by a random one for this
 * run (the configured key may be a digest we cannot present), and the other apps are left out.
 */
async function startEvaluationGateway(config: Config, app: AppConfig, io: CliIo): Promise<EvaluationGateway> {
  const apiKey = randomBytes(24).toString('base64url');
  const { keyEnv: _configuredKey, ...evaluated } = app;
  const evaluationConfig: Config = { ...config, apps: [{ ...evaluated, keySha256: createHash('sha256').update(apiKey).digest('hex') }] };
  const running = await startJaju({ config: evaluationConfig, role: 'gateway', env: io.env, port: 0, host: '127.0.0.1', logger: createLogger('error', io.stderr) });
  return { url: running.url, apiKey, close: () => running.close() };
}

/** Energy of this run's calls as the ledger recorded them (complete records of the answering target). */
async function energyFromLedger(config: Config, appId: string, since: string, requestIds: ReadonlySet<string>): Promise<EnergyByRequest> {
  const energy = new Map<string, { energyWh: number; co2g: number } | null>();
  if (requestIds.size === 0) return energy;
  const ledger = await openLedger(config, { readOnly: true });
  try {
    for await (const record of ledger.scan({ sinceTime: since, kinds: ['complete'] })) {
      if (record.app !== appId || record.outcome !== 'ok' || record.requestId === null || !requestIds.has(record.requestId)) continue;
      energy.set(record.requestId, record.energyWh === null || record.co2g === null ? null : { energyWh: record.energyWh, co2g: record.co2g });
    }
  } finally {
    await ledger.close();
  }
  return energy;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, {
    suite: { type: 'string', multiple: true, short: 's' },
    models: { type: 'string', multiple: true, short: 'm' },
    reference: { type: 'string' },
    target: { type: 'string' },
    url: { type: 'string' },
    'key-env': { type: 'string' },
    config: { type: 'string', short: 'c' },
    app: { type: 'string' },
    data: { type: 'string' },
    examples: { type: 'string' },
    shots: { type: 'string' },
    concurrency: { type: 'string' },
    retries: { type: 'string' },
    timeout: { type: 'string' },
    'max-tokens': { type: 'string' },
    seed: { type: 'string' },
    resamples: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    'no-cache': { type: 'boolean' },
    'no-save': { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  });
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new CliUsageError(`--format expects one of ${FORMATS.join(', ')}, got "${values.format}"`);
  const models = modelList(values.models, values.reference);
  const target = numberOption('target', values.target, 0.95, (value) => value > 0 && value <= 10, 'a ratio such as 0.95');
  const concurrency = integerOption('concurrency', values.concurrency, 4, 1);
  if (concurrency > 256) throw new CliUsageError(`--concurrency expects at most 256, got ${concurrency}`);
  const shots = integerOption('shots', values.shots, 0);
  const retries = integerOption('retries', values.retries, 3);
  const timeoutSeconds = numberOption('timeout', values.timeout, 60, (value) => value > 0 && value <= 3600, 'seconds between 0 and 3600');
  const maxTokens = integerOption('max-tokens', values['max-tokens'], 32);
  const seed = integerOption('seed', values.seed, 19);
  const resamples = integerOption('resamples', values.resamples, 10_000, 100);

  const byUrl = values.url !== undefined || values['key-env'] !== undefined;
  const inProcess = values.config !== undefined || values.app !== undefined;
  if (byUrl === inProcess) throw new CliUsageError('give either --url URL --key-env VAR (a running gateway) or --config FILE --app ID (in-process)');
  if (byUrl && (values.url === undefined || values['key-env'] === undefined)) throw new CliUsageError('--url and --key-env go together: --url URL --key-env VAR');
  if (inProcess && (values.config === undefined || values.app === undefined)) throw new CliUsageError('--config and --app go together: --config FILE --app ID');
  if (inProcess && values.data !== undefined) throw new CliUsageError('--data is for --url runs; in-process runs keep results in the config\'s data folder');
  if (byUrl && !/^https?:\/\/[^/]+/.test(values.url!)) throw new CliUsageError(`--url expects an http:// or https:// URL, got "${values.url}"`);

  const loaded = suites(values.suite, io.cwd);
  let examples;
  try {
    examples = values.examples === undefined ? [] : loadExamples(values.examples, io.cwd);
  } catch (error) {
    if (error instanceof SuiteError) throw new CliUsageError(error.message);
    throw error;
  }

  let config: Config | undefined;
  let app: AppConfig | undefined;
  let apiKey: string;
  let via: RunVia;
  let dataDir: string;
  if (byUrl) {
    const variable = values['key-env']!;
    const key = io.env[variable];
    if (!key) throw new CliUsageError(`--key-env: environment variable ${variable} is not set (it holds the app key)`);
    apiKey = key;
    via = { mode: 'url', url: values.url! };
    dataDir = resolve(io.cwd, values.data ?? 'data');
  } else {
    config = loadConfigFile(resolve(io.cwd, values.config!));
    app = config.apps.find((candidate) => candidate.id === values.app);
    if (!app) throw new CliUsageError(`--app: no app "${values.app}" in ${values.config} (apps: ${config.apps.map((candidate) => candidate.id).join(', ') || 'none'})`);
    apiKey = '';
    via = { mode: 'in-process', app: values.app!, config: values.config! };
    dataDir = dataDirectory(config);
  }

  const gateway = config && app ? await startEvaluationGateway(config, app, io) : undefined;
  const endpoint = new ChatEndpoint({
    url: gateway?.url ?? values.url!,
    apiKey: gateway?.apiKey ?? apiKey,
    connections: concurrency,
    timeoutMs: timeoutSeconds * 1000,
    retries,
    backoffMs: 500,
    maxBackoffMs: 30_000,
  });
  const cache = new AnswerCache(cacheDirectory(dataDir), values['no-cache'] !== true, config ? appScope(values.app!) : urlScope(values.url!, apiKey));
  const progress = values.quiet ? undefined : progressReporter(io.stderr as NodeJS.WritableStream & { isTTY?: boolean });
  let evaluation;
  try {
    const offered = await endpoint.models();
    const missing = offered === null ? [] : models.filter((model) => !offered.includes(model));
    if (missing.length > 0) throw new CliUsageError(`${missing.map((model) => `"${model}"`).join(', ')} not offered to this app (it may use: ${offered!.join(', ') || 'nothing'})`);
    cache.load(
      loaded.map((suite) => suite.name),
      models,
    );
    evaluation = await runEvaluation({
      suites: loaded,
      models,
      examples,
      prompt: { shots, maxTokens: maxTokens === 0 ? null : maxTokens },
      source: endpoint,
      cache,
      concurrency,
      ...(progress ? { onProgress: (event) => progress.update(event) } : {}),
    });
  } catch (error) {
    if (error instanceof EndpointError) throw new CliUsageError(error.message);
    throw error;
  } finally {
    progress?.finish();
    cache.close();
    await endpoint.close();
    await gateway?.close();
  }

  const settings: EvalSettings = { shots, maxTokens: maxTokens === 0 ? null : maxTokens, target, reference: values.reference ?? null, seed, resamples, via };
  let energy: EnergyByRequest | undefined;
  if (config) {
    const requestIds = new Set<string>();
    for (const results of evaluation.results.values()) for (const result of results) if (result.requestId) requestIds.add(result.requestId);
    energy = await energyFromLedger(config, values.app!, evaluation.startedAt, requestIds);
  }
  const report = scoreEvaluation(evaluation, { suites: loaded, settings, requests: endpoint.requests, ...(energy ? { energy } : {}) });
  if (values['no-save'] !== true) {
    const file = saveRun(dataDir, report, evaluation);
    if (!values.quiet) writeLine(io.stderr, `run saved to ${file}`);
  }
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? renderEvalHtml(report) : `${renderEvalTable(report)}\n`;
  if (values.out) {
    const out = resolve(io.cwd, values.out);
    writeFileSync(out, text);
    writeLine(io.stderr, `evaluation report written to ${out}`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}

function check(args: string[], io: CliIo): number {
  const { values } = parseCliArgs(args, { suite: { type: 'string', multiple: true, short: 's' }, json: { type: 'boolean' } });
  const loaded = suites(values.suite, io.cwd);
  const summary = loaded.map((suite) => {
    const categories: Record<string, number> = {};
    for (const item of suite.items) categories[item.category] = (categories[item.category] ?? 0) + 1;
    return { suite: suite.name, files: suite.files, items: suite.items.length, examples: suite.examples.length, categories };
  });
  if (values.json) writeLine(io.stdout, JSON.stringify(summary, null, 2));
  else {
    for (const entry of summary) {
      writeLine(io.stdout, `${entry.suite}: ${entry.items} items, ${entry.examples} examples (${entry.files.length} file${entry.files.length === 1 ? '' : 's'})`);
      for (const [category, count] of Object.entries(entry.categories)) writeLine(io.stdout, `  ${category}: ${count}`);
    }
  }
  return 0;
}

function runs(args: string[], io: CliIo): number {
  const { values } = parseCliArgs(args, { config: { type: 'string', short: 'c' }, data: { type: 'string' }, json: { type: 'boolean' } });
  if (values.config !== undefined && values.data !== undefined) throw new CliUsageError('give --config FILE or --data DIR, not both');
  const dataDir = values.config !== undefined ? dataDirectory(loadConfigFile(resolve(io.cwd, values.config))) : resolve(io.cwd, values.data ?? 'data');
  const saved = listSavedRuns(dataDir, (file, problem) => writeLine(io.stderr, `skipped ${file}: ${problem}`));
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(saved, null, 2));
    return 0;
  }
  if (saved.length === 0) writeLine(io.stdout, `no saved evaluation runs in ${dataDir}`);
  for (const entry of saved) {
    const scores = entry.runs.map((run) => `${run.model} ${run.accuracy === null ? 'n/a' : `${(run.accuracy * 100).toFixed(1)}%`}`).join(', ');
    const ratios = entry.ratios.map((ratio) => `${ratio.model}/${ratio.reference} ${ratio.ratio === null ? 'n/a' : ratio.ratio.toFixed(3)} ${ratio.verdict}`).join(', ');
    writeLine(io.stdout, `${entry.finishedAt}  ${entry.suites.map((suite) => `${suite.name}(${suite.items})`).join(' ')}  ${scores}${ratios ? `  ${ratios}` : ''}`);
  }
  return 0;
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'evaluate models on Korean language and culture through the gateway, with confidence intervals',
  help: HELP,
  async run(args, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'run':
        return run(rest, io);
      case 'check':
        return check(rest, io);
      case 'runs':
        return runs(rest, io);
      case undefined:
        throw new CliUsageError('expected a subcommand: run | check | runs (jaju eval --help)');
      default:
        throw new CliUsageError(`unknown subcommand "${sub}" (run | check | runs)`);
    }
  },
};
