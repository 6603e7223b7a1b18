import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { before, describe, it } from 'node:test';
import { openLedger } from '../../src/audit/index.js';
import type { CliIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/run-cli.js';
import { loadConfigFile } from '../../src/config/index.js';
import type { SovereigntyIndicators } from '../../src/control/indicators/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { estateConfig, recordInput, requestRecord } from '../control/drill/drill-fixtures.js';

async function jaju(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: process.cwd() };
  return { code: await runCli(args, io), stdout: out, stderr: err };
}

describe('jaju indicators', () => {
  // At suite level: tempDir registers its clean-up with the suite, not with a hook.
  const dir = tempDir();
  const configFile = join(dir, 'jaju.yaml');

  before(async () => {
    writeFileSync(configFile, JSON.stringify(estateConfig({ sqlite: './data/jaju.db' })));
    const ledger = await openLedger(loadConfigFile(configFile), { anchorTimer: false });
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const served = (seq: number, minutesAgo: number, app: string, alias: string, grade: 'S' | 'O', provider: string, country: string, tokens: number) => [
      { ...recordInput(requestRecord(seq, at(minutesAgo), { app, alias, grade, provider })), operatorCountry: country, hostingCountry: country },
      { ...recordInput(requestRecord(seq, at(minutesAgo), { app, alias, grade, provider, kind: 'complete', outcome: 'ok' })), operatorCountry: country, hostingCountry: country, tokens: { prompt: 0, completion: tokens, total: tokens } },
    ];
    for (const record of [
      ...served(1, 120, 'minwon', 'chat', 'S', 'onprem', 'KR', 300),
      ...served(2, 100, 'research', 'gpt', 'O', 'openai', 'US', 100),
      // 40 days ago: outside the default 30-day window.
      ...served(3, 40 * 24 * 60, 'research', 'gpt', 'O', 'openai', 'US', 10_000),
    ]) {
      await ledger.append(record);
    }
    await ledger.close();
  });

  it('prints the indicators of the last 30 days as JSON', async () => {
    const result = await jaju(['indicators', '--config', configFile, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const indicators = JSON.parse(result.stdout) as SovereigntyIndicators;
    assert.equal(indicators.requests.total, 2);
    assert.equal(indicators.tokens, 400);
    assert.deepEqual(indicators.domestic.tokens, { count: 300, of: 400, share: 0.75 });
    // 75 % and 25 %: 5625 + 625.
    assert.equal(indicators.concentration.byOperator.hhi, 6250);
    assert.deepEqual(indicators.sensitiveInCountry.all, { count: 1, of: 1, share: 1 });
    assert.equal(indicators.sensitiveInCountry.alarm, false);
  });

  it('reaches further back with --since and prints a readable report by default', async () => {
    const result = await jaju(['indicators', '--config', configFile, '--since', '60d']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Sovereignty indicators \(home KR\)$/m);
    assert.match(result.stdout, /requests\s+3 \(served 3, denied 0/);
    assert.match(result.stdout, /domestic share \(tokens\)\s+2\.9% \(300 of 10,400\)/);
    assert.match(result.stdout, /continuity: no saved drill results/);
  });

  it('skips an unreadable saved drill result with a warning, and still answers', async () => {
    mkdirSync(join(dir, 'data', 'drills'), { recursive: true });
    writeFileSync(join(dir, 'data', 'drills', 'broken.json'), '{ not json');
    const result = await jaju(['indicators', '--config', configFile, '--json']);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /^jaju indicators: skipping .*broken\.json: /);
    assert.deepEqual((JSON.parse(result.stdout) as SovereigntyIndicators).continuity, []);
  });

  it('rejects bad flags with one line and exit 2, and a missing ledger with exit 1', async () => {
    for (const [args, pattern] of [
      [['indicators', '--since', 'last-week'], /^jaju indicators: --since: expected an ISO 8601 time or a duration/],
      [['indicators', '--bogus'], /^jaju indicators: Unknown option '--bogus'/],
      [['indicators', '--json', 'extra'], /^jaju indicators: Unexpected argument 'extra'/],
    ] as const) {
      const result = await jaju([...args]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1);
    }
    const empty = tempDir();
    const file = join(empty, 'jaju.yaml');
    writeFileSync(file, JSON.stringify(estateConfig({ sqlite: './none/jaju.db' })));
    const missing = await jaju(['indicators', '--config', file]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^jaju indicators: .*no audit ledger/);
  });
});
