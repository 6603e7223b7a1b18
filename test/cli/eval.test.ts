import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import stringWidth from 'string-width';
import { latestRunPerModel, listSavedRuns, loadSuite, type EvalReport } from '../../src/control/evaluate/index.js';
import { runJaju } from '../helpers/cli.js';
import { startFakeModel, type FakeModel } from '../helpers/fake-model.js';
import { JAJU_BIN, stopProcess } from '../helpers/spawn-serve.js';
import { tempDir } from '../helpers/temp-dir.js';
import { suiteJsonl, syntheticSuite } from '../control/evaluate/suite-fixtures.js';

const dir = tempDir('jaju-eval-cli-');
const ENV = { ...process.env, EVAL_KEY: 'any-key' };

async function usageError(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = ENV): Promise<void> {
  const result = await runJaju(args, { env, cwd: dir });
  assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^jaju eval: /);
  assert.match(result.stderr, pattern);
}

describe('jaju eval: bad input', () => {
  before(() => {
    writeFileSync(join(dir, 'ok.jsonl'), '{"question":"q","choices":["a","b"],"answer":"A"}\n');
    writeFileSync(join(dir, 'bad.csv'), 'question,A,B,C,D,answer,category\n좋은 문항,가,나,다,라,2,역사\n나쁜 문항,가,나,다,라,Z,역사\n');
  });

  it('rejects bad flags, files and combinations with one line and exit 2', async () => {
    const url = ['--url', 'http://127.0.0.1:9', '--key-env', 'EVAL_KEY'];
    await usageError(['eval'], /expected a subcommand: run \| check \| runs/);
    await usageError(['eval', 'grade'], /unknown subcommand "grade"/);
    await usageError(['eval', 'run', '--models', 'a', ...url], /--suite FILE is required/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', ...url], /--models ALIAS\[,ALIAS …\] is required/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a'], /give either --url URL --key-env VAR .* or --config FILE --app ID/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url, '--config', 'x.yaml', '--app', 'x'], /give either/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', '--url', 'http://127.0.0.1:9'], /--url and --key-env go together/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', '--config', 'x.yaml'], /--config and --app go together/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', '--url', 'ftp://x', '--key-env', 'EVAL_KEY'], /--url expects an http/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', '--url', 'http://127.0.0.1:9', '--key-env', 'UNSET_VARIABLE'], /environment variable UNSET_VARIABLE is not set/);
    await usageError(['eval', 'run', '--suite', 'bad.csv', '--models', 'a', ...url], /bad\.csv:3: field "answer": expected a letter A, B, C, D or a number 1–4 \(1 = A\), got "Z"/);
    await usageError(['eval', 'run', '--suite', 'missing.jsonl', '--models', 'a', ...url], /missing\.jsonl: file not found/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url, '--examples', 'bad.csv'], /bad\.csv:3: field "answer"/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url, '--format', 'pdf'], /--format expects one of table, json, html/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url, '--concurrency', '0'], /--concurrency expects a whole number ≥ 1/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url, '--concurrency', '1000'], /--concurrency expects at most 256/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url, '--target', 'high'], /--target expects a ratio such as 0\.95, got "high"/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url, '--timeout=-1'], /--timeout expects seconds/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url, '--timeout', '-1'], /Option '--timeout' argument is ambiguous/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url, '--bogus'], /Unknown option '--bogus'/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', '--config', 'nope.yaml', '--app', 'x'], /nope\.yaml/);
    await usageError(['eval', 'run', '--suite', 'ok.jsonl', '--models', 'a', ...url], /cannot reach http:\/\/127\.0\.0\.1:9/);
    await usageError(['eval', 'check', '--suite', 'bad.csv'], /bad\.csv:3: field "answer"/);
  });
});

describe('jaju eval run against loopback fake models', () => {
  const suite = syntheticSuite(24, 'kor');
  let fake: FakeModel;
  const data = join(dir, 'data');
  let report: EvalReport;

  before(async () => {
    writeFileSync(join(dir, 'kor.jsonl'), suiteJsonl(suite));
    const right = new Set(suite.items.filter((_, index) => index < 20).map((item) => item.key));
    fake = await startFakeModel(suite.items, { global: { kind: 'right' }, domestic: { kind: 'right-on', keys: right }, chatty: { kind: 'prose' }, slow: { kind: 'slow', delayMs: 40 } });
  });
  after(async () => {
    await fake.close();
  });

  it('prints the documented JSON: runs with counts, accuracy and Wilson intervals by category, ratios with a verdict', async () => {
    const result = await runJaju(['eval', 'run', '--suite', 'kor.jsonl', '--models', 'domestic,chatty', '--reference', 'global', '--url', fake.url, '--key-env', 'EVAL_KEY', '--data', 'data', '--format', 'json', '--quiet'], { env: ENV, cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    report = JSON.parse(result.stdout) as EvalReport;
    assert.deepEqual(
      report.runs.map((run) => run.model),
      ['domestic', 'chatty', 'global'],
      'the reference is run too',
    );
    const domestic = report.runs[0]!;
    for (const key of ['model', 'items', 'correct', 'unparseable', 'denied', 'failed', 'accuracy', 'ci95', 'byCategory']) assert.ok(key in domestic, key);
    assert.deepEqual([domestic.items, domestic.correct, domestic.unparseable, domestic.denied, domestic.failed], [24, 20, 0, 0, 0]);
    assert.equal(domestic.accuracy, 20 / 24);
    assert.equal(domestic.ci95!.length, 2);
    assert.ok(domestic.ci95![0] < 20 / 24 && domestic.ci95![1] > 20 / 24);
    assert.deepEqual(Object.keys(domestic.byCategory), ['문법', '역사']);
    for (const score of Object.values(domestic.byCategory)) for (const key of ['items', 'correct', 'accuracy']) assert.ok(key in score, key);
    // Items 0–19 right: 10 문법 + 10 역사; 20–23 wrong: 2 + 2.
    assert.deepEqual([domestic.byCategory['문법']!.items, domestic.byCategory['문법']!.correct, domestic.byCategory['문법']!.accuracy], [12, 10, 10 / 12]);
    const chatty = report.runs[1]!;
    assert.deepEqual([chatty.correct, chatty.unparseable, chatty.accuracy], [0, 24, 0], 'unparseable counts as wrong');
    assert.deepEqual(
      report.ratios!.map((ratio) => [ratio.model, ratio.ratio, ratio.verdict]),
      [
        ['domestic', 20 / 24, 'undecided'],
        ['chatty', 0, 'below'],
      ],
    );
    // 24 items are too few to tell 0.83 from 0.95: the interval straddles the target.
    assert.ok(report.ratios![0]!.ci95![0] < 0.95 && report.ratios![0]!.ci95![1] > 0.95, JSON.stringify(report.ratios![0]!.ci95));
    assert.equal(report.disagreements.length, 24);
  });

  it('saved the run where the dashboard and the assessment read it', () => {
    const saved = listSavedRuns(data);
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.reference, 'global');
    const latest = latestRunPerModel(data);
    assert.deepEqual(
      latest.map((entry) => [entry.model, entry.accuracy, entry.ratio?.verdict ?? null]),
      [
        ['chatty', 0, 'below'],
        ['domestic', 20 / 24, 'undecided'],
        ['global', 1, null],
      ],
    );
  });

  it('answers again from the cache, prints a table padded by display width, and an offline HTML report', async () => {
    const table = await runJaju(['eval', 'run', '--suite', 'kor.jsonl', '--models', 'domestic', '--reference', 'global', '--url', fake.url, '--key-env', 'EVAL_KEY', '--data', 'data', '--no-save'], { env: ENV, cwd: dir });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /domestic: 0 asked, 24 from cache/);
    assert.match(table.stderr, /eval: 48\/48 \(100%\)/, 'quiet progress lines when not on a terminal');
    const lines = table.stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('category'));
    const rows = lines.slice(header, header + 3);
    assert.equal(new Set(rows.map((line) => stringWidth(line))).size, 1, `rows of one display width:\n${rows.join('\n')}`);
    assert.match(table.stdout, /ratio to the reference global \(target 0\.95/);
    assert.match(table.stdout, /domestic\s+0\.833\s+0\.\d{3}–0\.\d{3}\s+undecided\s+24/);

    const html = await runJaju(['eval', 'run', '--suite', 'kor.jsonl', '--models', 'domestic', '--reference', 'global', '--url', fake.url, '--key-env', 'EVAL_KEY', '--data', 'data', '--format', 'html', '--out', 'report.html', '--quiet', '--no-save'], { env: ENV, cwd: dir });
    assert.equal(html.code, 0, html.stderr);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<svg[^>]*role="img"/);
    assert.match(page, /Accuracy with Wilson 95% interval/);
    assert.match(page, /target 0\.95/);
    assert.match(page, /문법/);
    assert.doesNotMatch(page.replace(/<script type="application\/json"[\s\S]*?<\/script>/, ''), /(src|href)=["']?https?:|<script(?! type="application\/json")/, 'no external reference, no running script');
    assert.equal(listSavedRuns(data).length, 1, '--no-save kept nothing new');
  });

  it('lists saved runs and checks suites', async () => {
    const runs = await runJaju(['eval', 'runs', '--data', 'data'], { env: ENV, cwd: dir });
    assert.equal(runs.code, 0, runs.stderr);
    assert.match(runs.stdout, /kor\(24\)\s+domestic 83\.3%, chatty 0\.0%, global 100\.0%\s+domestic\/global 0\.833 undecided, chatty\/global 0\.000 below/);
    const check = await runJaju(['eval', 'check', '--suite', 'kor.jsonl', '--suite', 'builtin'], { env: ENV, cwd: dir });
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /kor: 24 items, 0 examples/);
    assert.match(check.stdout, new RegExp(`builtin: ${loadSuite('builtin', process.cwd()).items.length} items, 9 examples \\(9 files\\)`));
    assert.match(check.stdout, /왜곡 점검: \d+/);
  });

  it('resumes after the run is killed: items answered before the kill are not asked again', async () => {
    const big = syntheticSuite(60, 'resume');
    const slowFake = await startFakeModel(big.items, { slow: { kind: 'slow', delayMs: 40 } });
    try {
      const work = tempDir('jaju-eval-kill-');
      writeFileSync(join(work, 'resume.jsonl'), suiteJsonl(big));
      const args = ['eval', 'run', '--suite', 'resume.jsonl', '--models', 'slow', '--url', slowFake.url, '--key-env', 'EVAL_KEY', '--data', 'data', '--concurrency', '2', '--quiet'];
      const child = spawn(process.execPath, [JAJU_BIN, ...args], { cwd: work, env: ENV, stdio: 'ignore' });
      const cacheFile = join(work, 'data', 'eval', 'cache', 'resume', 'slow.jsonl');
      const answered = () => (existsSync(cacheFile) ? readFileSync(cacheFile, 'utf8').split('\n').filter((line) => line.endsWith('}')).length : 0);
      const deadline = Date.now() + 60_000;
      while (answered() < 10 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await stopProcess(child, 'SIGKILL');
      const kept = answered();
      assert.ok(kept >= 10 && kept < 60, `killed mid-way with ${kept} answers cached`);
      const before = slowFake.totalCalls();
      const rerun = await runJaju([...args.filter((arg) => arg !== '--quiet'), '--format', 'json', '--quiet'], { env: ENV, cwd: work });
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.equal(slowFake.totalCalls() - before, 60 - kept, 'only the items not cached were asked');
      const resumed = JSON.parse(rerun.stdout) as EvalReport;
      assert.deepEqual(resumed.runs[0]!.calls, { fresh: 60 - kept, cached: kept });
      assert.equal(resumed.runs[0]!.correct, 60);
    } finally {
      await slowFake.close();
    }
  });
});
