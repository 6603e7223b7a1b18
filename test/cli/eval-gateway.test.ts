import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { openLedger } from '../../src/audit/index.js';
import { loadConfigFile } from '../../src/config/index.js';
import { latestRunPerModel, loadSuite, type EvalReport } from '../../src/control/evaluate/index.js';
import { runJaju } from '../helpers/cli.js';
import { startFakeModel, type FakeModel } from '../helpers/fake-model.js';
import { spawnServe, stopProcess } from '../helpers/spawn-serve.js';
import { tempDir } from '../helpers/temp-dir.js';

const ENV = { ...process.env, OPEN_KEY: 'open-app-key', SECRET_KEY: 'secret-app-key', WRONG_KEY: 'not-a-key' };

/**
 * The built-in suite through a real `jaju serve` process: an on-premises domestic model and a foreign
 * cloud model behind it (loopback fakes that know the answer key), an O-grade app and a C-grade app.
 * The C app's run must come back denied for the foreign alias — by the gateway's Cedar policy, not by
 * anything in the evaluator — and nothing of it may reach the foreign model.
 */
describe('jaju eval through a real gateway process', () => {
  const dir = tempDir('jaju-eval-e2e-');
  const configFile = join(dir, 'jaju.yaml');
  const suite = loadSuite('builtin', process.cwd());
  // The domestic model misses every 25th item; the foreign one is always right.
  const missed = suite.items.filter((_, index) => index % 25 === 0);
  const domesticRight = new Set(suite.items.filter((_, index) => index % 25 !== 0).map((item) => item.key));
  let domestic: FakeModel;
  let foreign: FakeModel;
  let gateway: Awaited<ReturnType<typeof spawnServe>>;

  const sovereignty = (country: string, deployment: string) => ({ operatorCountry: country, hostingCountry: country, deployment, weightsOrigin: country, retainsData: country !== 'KR' });

  before(async () => {
    domestic = await startFakeModel(suite.items, { 'exaone-test': { kind: 'right-on', keys: domesticRight } });
    foreign = await startFakeModel(suite.items, { 'global-test': { kind: 'right' } });
    writeFileSync(
      configFile,
      stringify({
        home: 'KR',
        store: { sqlite: './data/jaju.db' },
        server: { logLevel: 'silent' },
        providers: [
          { id: 'onprem', type: 'openai-compatible', baseUrl: domestic.baseUrl, joulesPerToken: 0.5, sovereignty: sovereignty('KR', 'on-premises') },
          { id: 'foreign', type: 'openai-compatible', baseUrl: foreign.baseUrl, sovereignty: sovereignty('US', 'foreign-cloud') },
        ],
        models: [
          { alias: 'ko-local', targets: [{ provider: 'onprem', model: 'exaone-test' }] },
          { alias: 'global', targets: [{ provider: 'foreign', model: 'global-test' }] },
        ],
        apps: [
          { id: 'open-app', keyEnv: 'OPEN_KEY', grade: 'O' },
          { id: 'secret-app', keyEnv: 'SECRET_KEY', grade: 'C' },
        ],
      }),
    );
    gateway = await spawnServe(['--config', configFile, '--port', '0'], dir, ENV);
  });
  after(async () => {
    if (gateway) await stopProcess(gateway.child);
    await domestic?.close();
    await foreign?.close();
  });

  const run = (keyEnv: string, extra: string[] = []) =>
    runJaju(['eval', 'run', '--suite', 'builtin', '--models', 'ko-local,global', '--reference', 'global', '--url', gateway.url, '--key-env', keyEnv, '--concurrency', '8', '--format', 'json', '--quiet', ...extra], { env: ENV, cwd: dir });

  it('an O-grade app gets answers from both models, and the domestic one is measured against the global one', async () => {
    const result = await run('OPEN_KEY');
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as EvalReport;
    const [local, global] = report.runs;
    assert.deepEqual([local!.model, local!.items, local!.correct, local!.denied, local!.failed], ['ko-local', suite.items.length, suite.items.length - missed.length, 0, 0]);
    assert.deepEqual([global!.model, global!.correct, global!.denied], ['global', suite.items.length, 0]);
    assert.deepEqual(local!.providers, { onprem: suite.items.length });
    assert.deepEqual(global!.providers, { foreign: suite.items.length });
    const ratio = report.ratios![0]!;
    assert.equal(ratio.ratio, (suite.items.length - missed.length) / suite.items.length);
    assert.equal(ratio.pairedItems, suite.items.length);
    assert.deepEqual(
      report.disagreements.map((entry) => entry.key),
      missed.map((item) => item.key),
    );
    assert.equal(foreign.calls.get('global-test'), suite.items.length);
  });

  it('a C-grade app is denied the foreign alias by policy: reported as denied, not wrong, and nothing reaches the foreign model', async () => {
    const foreignCallsBefore = foreign.totalCalls();
    const result = await run('SECRET_KEY');
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as EvalReport;
    const [local, global] = report.runs;
    assert.deepEqual([local!.correct, local!.denied, local!.calls.fresh], [suite.items.length - missed.length, 0, suite.items.length], 'another app does not reuse the O app\'s cached answers');
    assert.deepEqual([global!.items, global!.denied, global!.correct, global!.wrong, global!.unparseable, global!.failed, global!.accuracy, global!.ci95], [suite.items.length, suite.items.length, 0, 0, 0, 0, null, null]);
    assert.equal(global!.denials.length, 1);
    assert.equal(global!.denials[0]!.code, 'policy_denied');
    assert.equal(global!.denials[0]!.items, suite.items.length);
    assert.deepEqual(report.ratios, [{ model: 'ko-local', reference: 'global', ratio: null, ci95: null, verdict: 'undecided', target: 0.95, pairedItems: 0 }]);
    assert.equal(foreign.totalCalls(), foreignCallsBefore, 'no C-grade item reached the foreign model');
  });

  it('a wrong key stops the run with one line and exit 2', async () => {
    const result = await run('WRONG_KEY');
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^jaju eval: .* refused the API key \(401/);
  });

  it('in-process (--config --app) runs through the same policies and ledger, and reads energy from the ledger', async () => {
    await stopProcess(gateway.child);
    const unknown = await runJaju(['eval', 'run', '--suite', 'builtin', '--models', 'ko-local', '--config', 'jaju.yaml', '--app', 'nobody'], { env: ENV, cwd: dir });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^jaju eval: --app: no app "nobody" in jaju\.yaml \(apps: open-app, secret-app\)\n$/);
    writeFileSync(join(dir, 'few.jsonl'), suite.items.slice(0, 12).map((item) => JSON.stringify({ id: item.id, question: item.question, choices: item.choices, answer: item.answer + 1, category: item.category })).join('\n'));
    const result = await runJaju(['eval', 'run', '--suite', 'few.jsonl', '--models', 'ko-local,global', '--config', 'jaju.yaml', '--app', 'secret-app', '--format', 'json', '--quiet'], { env: ENV, cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as EvalReport;
    assert.deepEqual(report.settings.via, { mode: 'in-process', app: 'secret-app', config: 'jaju.yaml' });
    const [local, global] = report.runs;
    assert.equal(global!.denied, 12);
    assert.equal(local!.items, 12);
    // 0.5 J/token × 41 tokens × PUE 1.56 / 3600 = 0.008883 Wh per call, as the ledger recorded it.
    assert.equal(local!.energy!.known, 12);
    assert.ok(Math.abs(local!.energy!.energyWh - 12 * ((0.5 * 41 * 1.56) / 3600)) < 1e-4, String(local!.energy!.energyWh));
    assert.ok(local!.energy!.co2g > 0);
    const config = loadConfigFile(configFile);
    const ledger = await openLedger(config, { readOnly: true });
    try {
      const denials = await ledger.query({ app: 'secret-app', kind: 'deny', from: report.startedAt, withTotal: true });
      assert.equal(denials.total, 12, 'each denied item is on the record');
    } finally {
      await ledger.close();
    }
    // The saved runs of both modes are in the config's data folder; the latest per model is the in-process one.
    const latest = latestRunPerModel(join(dir, 'data'));
    assert.deepEqual(
      latest.map((entry) => [entry.model, entry.items, entry.denied]),
      [
        ['global', 12, 12],
        ['ko-local', 12, 0],
      ],
    );
  });
});
