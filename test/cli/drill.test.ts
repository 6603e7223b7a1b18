import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { openLedger } from '../../src/audit/index.js';
import { loadConfigFile } from '../../src/config/index.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliIo } from '../../src/cli/command.js';
import { startFakeUpstream } from '../helpers/fake-upstream.js';
import { startGateway, type RunningGateway } from '../helpers/gateway-harness.js';
import { standinPorts } from '../helpers/standin-ports.js';
import { tempDir } from '../helpers/temp-dir.js';
import { estateConfig, recordInput, requestRecord } from '../control/drill/drill-fixtures.js';

const ADMIN_KEY = 'cli-admin-key';

async function jaju(args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env, cwd };
  const code = await runCli(args, io);
  return { code, stdout: out, stderr: err };
}

/** Exit 2 and exactly one line on stderr, naming the command. */
async function usageError(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const result = await jaju(args, env);
  assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^jaju drill: /);
  assert.match(result.stderr, pattern);
}

async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('jaju drill: bad input', () => {
  it('rejects bad flags and subcommands with one line and exit 2', async () => {
    await usageError(['drill'], /expected a subcommand: cut \| restore \| status \| run/);
    await usageError(['drill', 'fly'], /unknown subcommand "fly"/);
    await usageError(['drill', 'cut'], /expected exactly one of --provider ID, --jurisdiction CC, --deployment TIER/);
    await usageError(['drill', 'cut', '--provider', 'a', '--jurisdiction', 'US'], /expected exactly one of/);
    await usageError(['drill', 'cut', '--deployment', 'moon'], /--deployment: expected one of on-premises, national-network, domestic-cloud, foreign-cloud/);
    await usageError(['drill', 'cut', '--jurisdiction', 'usa'], /--jurisdiction: expected an ISO 3166-1 alpha-2 code/);
    await usageError(['drill', 'restore', '--provider', 'a', '--bogus'], /Unknown option '--bogus'/);
    await usageError(['drill', 'cut', '--provider', 'a'], /no admin key: set JAJU_ADMIN_KEY/);
    await usageError(['drill', 'status', '--url', 'ftp://x'], /--url expects an http:\/\/ or https:\/\/ URL/, { JAJU_ADMIN_KEY: 'k' });
    await usageError(['drill', 'run'], /--config FILE is required/);
    await usageError(['drill', 'run', '--config', 'x.yaml'], /--scenario FILE is required/);
    await usageError(['drill', 'run', '--config', 'x.yaml', '--scenario', 's.yaml', '--format', 'pdf'], /--format expects one of table, json, html, got "pdf"/);
    await usageError(['drill', 'run', '--config', 'x.yaml', '--scenario', 's.yaml', '--since', 'yesterday'], /--since: expected an ISO 8601 time or a duration/);
    await usageError(['drill', 'run', '--config', '/nonexistent/jaju.yaml', '--scenario', 's.yaml'], /cannot read config: file not found/);
  });

  it('prints its help', async () => {
    const result = await jaju(['drill', '--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /jaju drill run\s+--config FILE --scenario FILE/);
  });

  it('says clearly when no gateway answers', async () => {
    const port = await refusedPort();
    const result = await jaju(['drill', 'cut', '--provider', 'onprem', '--url', `http://127.0.0.1:${port}`], { JAJU_ADMIN_KEY: ADMIN_KEY });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `jaju drill: cannot reach the gateway at http://127.0.0.1:${port}: connection refused (is \`jaju serve\` running there?)\n`);
  });
});

describe('jaju drill: gateways that cannot do it', () => {
  it('reports an admin API that is switched off, and a URL that is not a jaju gateway', async () => {
    const closed = await startGateway(estateConfig(), standinPorts());
    const upstream = await startFakeUpstream('openai');
    try {
      const off = await jaju(['drill', 'cut', '--provider', 'onprem', '--url', closed.url], { JAJU_ADMIN_KEY: ADMIN_KEY });
      assert.equal(off.code, 1);
      assert.equal(off.stderr, 'jaju drill: the gateway refused: admin API disabled: set the admin key in DRILL_TEST_ADMIN_KEY (HTTP 403)\n');
      const other = await jaju(['drill', 'status', '--url', upstream.url], { JAJU_ADMIN_KEY: ADMIN_KEY });
      assert.equal(other.code, 1);
      assert.equal(other.stderr, `jaju drill: ${upstream.url} is not a jaju gateway (unexpected answer on /admin/status)\n`);
    } finally {
      await closed.close();
      await upstream.close();
    }
  });
});

describe('jaju drill cut | restore | status against a running gateway', () => {
  let gateway: RunningGateway;
  const env = { JAJU_ADMIN_KEY: ADMIN_KEY };
  const ports = standinPorts();

  before(async () => {
    gateway = await startGateway(estateConfig(), ports, { secrets: { adminKey: ADMIN_KEY } });
  });
  after(async () => {
    await gateway?.close();
  });

  it('refuses a wrong key and an unknown provider with the gateway’s reason, exit 1', async () => {
    const wrong = await jaju(['drill', 'cut', '--provider', 'onprem', '--url', gateway.url], { JAJU_ADMIN_KEY: 'wrong' });
    assert.equal(wrong.code, 1);
    assert.equal(wrong.stderr, 'jaju drill: the gateway rejected the admin key (admin key required)\n');
    const unknown = await jaju(['drill', 'cut', '--provider', 'nope', '--url', gateway.url], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'jaju drill: the gateway refused: provider: unknown provider "nope" (HTTP 400)\n');
    assert.deepEqual(gateway.gateway.runtime.cuts.list(), []);
  });

  it('cuts, shows and restores a jurisdiction, each recorded by the gateway', async () => {
    const cut = await jaju(['drill', 'cut', '--jurisdiction', 'US', '--reason', 'sanctions drill', '--url', gateway.url], env);
    assert.equal(cut.code, 0, cut.stderr);
    assert.match(cut.stdout, /^cut in force: jurisdiction US \(recorded in the audit ledger\)$/m);
    assert.match(cut.stdout, /^ {2}gpt: NOTHING LEFT \(requests get 503 no_provider_available\); cut openai\/gpt$/m);
    assert.match(cut.stdout, /^ {2}chat: remaining onprem\/exaone, krcloud\/solar; cut openai\/gpt$/m);
    assert.deepEqual(gateway.gateway.runtime.cuts.list(), [{ jurisdiction: 'US' }]);

    const again = await jaju(['drill', 'cut', '--jurisdiction', 'US', '--url', gateway.url], env);
    assert.match(again.stdout, /^jurisdiction US was already cut/m);

    const status = await jaju(['drill', 'status', '--url', gateway.url, '--json'], env);
    assert.equal(status.code, 0);
    const parsed = JSON.parse(status.stdout) as { cuts: { jurisdiction?: string }[]; providers: { id: string; cut: boolean }[] };
    assert.deepEqual(parsed.cuts.map((scope) => scope.jurisdiction), ['US']);
    assert.deepEqual(parsed.providers.filter((provider) => provider.cut).map((provider) => provider.id), ['openai']);
    const text = await jaju(['drill', 'status', '--url', gateway.url], env);
    assert.match(text.stdout, /^cuts in force: jurisdiction US$/m);
    assert.match(text.stdout, /^ {2}openai\s+CUT \(jurisdiction US\)/m);

    const restore = await jaju(['drill', 'restore', '--jurisdiction', 'US', '--url', gateway.url], env);
    assert.equal(restore.code, 0);
    assert.match(restore.stdout, /^restored: jurisdiction US/m);
    assert.deepEqual(gateway.gateway.runtime.cuts.list(), []);
    const kinds = ports.audit.records.filter((record) => record.kind === 'cut' || record.kind === 'restore');
    assert.deepEqual(
      kinds.map((record) => [record.kind, record.detail]),
      [
        ['cut', { scope: { jurisdiction: 'US' }, reason: 'sanctions drill' }],
        ['cut', { scope: { jurisdiction: 'US' } }],
        ['restore', { scope: { jurisdiction: 'US' } }],
      ],
    );
  });

  it('finds the gateway and the admin key variable from --config', async () => {
    const dir = tempDir();
    const file = join(dir, 'jaju.yaml');
    const port = new URL(gateway.url).port;
    writeFileSync(file, JSON.stringify({ ...estateConfig(), server: { host: '127.0.0.1', port: Number(port), adminKeyEnv: 'MY_ADMIN_KEY' } }));
    const result = await jaju(['drill', 'status', '--config', file], { MY_ADMIN_KEY: ADMIN_KEY });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^crisis mode: off$/m);
    await usageError(['drill', 'status', '--config', file], /no admin key: set MY_ADMIN_KEY/, { JAJU_ADMIN_KEY: ADMIN_KEY });
  });
});

describe('jaju drill run', () => {
  // At suite level: tempDir registers its clean-up with the suite, not with a hook.
  const dir = tempDir();
  const configFile = join(dir, 'jaju.yaml');

  before(async () => {
    writeFileSync(configFile, JSON.stringify(estateConfig({ sqlite: './data/jaju.db' })));
    const config = loadConfigFile(configFile);
    const ledger = await openLedger(config, { anchorTimer: false });
    const now = Date.now();
    let seq = 0;
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    for (let index = 0; index < 6; index += 1) {
      const record = requestRecord(++seq, at(60 - index), { app: 'minwon', alias: 'chat', grade: 'S', provider: 'onprem' });
      await ledger.append(recordInput(record));
    }
    for (let index = 0; index < 2; index += 1) {
      const record = requestRecord(++seq, at(30 - index), { app: 'research', alias: 'embed', grade: 'O', provider: 'onprem' });
      await ledger.append(recordInput(record));
    }
    // Ten days ago: outside the default --since 7d.
    const old = requestRecord(++seq, at(10 * 24 * 60), { app: 'research', alias: 'gpt', grade: 'O', provider: 'openai' });
    await ledger.append(recordInput(old));
    await ledger.close();
    writeFileSync(join(dir, 'onprem-down.yaml'), 'name: onprem-down\ntitle: On-prem down\ncuts:\n  - deployment: on-premises\n');
    writeFileSync(join(dir, 'typo.yaml'), 'title: Typo\ncuts:\n  - provider: onprem\ncapactiy: []\n');
    writeFileSync(join(dir, 'ghost.yaml'), 'title: Ghost\ncuts:\n  - provider: ghost\n');
  });

  it('prints the table: per app and alias, the score, the reasons', async () => {
    const result = await jaju(['drill', 'run', '--config', 'jaju.yaml', '--scenario', 'onprem-down.yaml'], {}, dir);
    assert.equal(result.code, 0, result.stderr);
    // minwon/chat (criticality 3) fails over to krcloud; research/embed (1) stops: 6 × 3 / (6 × 3 + 2).
    assert.match(result.stdout, /continuity score: 90\.0% \(weighted by app criticality; 75\.0% of requests\) — 6 of 8 requests served/);
    assert.match(result.stdout, /^minwon\s+chat\s+3\s+6\s+0\s+6 → krcloud\/solar\s+—\s+100\.0%\s+degraded$/m);
    assert.match(result.stdout, /^research\s+embed\s+1\s+2\s+0\s+—\s+2 no-permitted-target\s+0\.0%\s+down$/m);
    assert.match(result.stdout, /research \/ embed: 2 — unavailable: every target permitted for this request is cut \(onprem\)/);
    assert.doesNotMatch(result.stdout, /gpt/, 'the record older than 7 days is not replayed');
  });

  it('writes JSON and a self-contained HTML report, and reaches back with --since', async () => {
    const json = await jaju(['drill', 'run', '--config', configFile, '--scenario', join(dir, 'onprem-down.yaml'), '--format', 'json', '--since', '30d'], {});
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as { totals: { recorded: number }; continuity: { inScope: number; served: number } };
    assert.equal(report.totals.recorded, 9);
    assert.deepEqual([report.continuity.inScope, report.continuity.served], [9, 7]);
    const html = await jaju(['drill', 'run', '--config', configFile, '--scenario', join(dir, 'onprem-down.yaml'), '--format', 'html', '--out', 'report.html'], {}, dir);
    assert.equal(html.code, 0, html.stderr);
    assert.equal(html.stdout, '');
    assert.match(html.stderr, /drill report written to .*report\.html/);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<svg /);
  });

  it('saves the continuity score for `jaju indicators` with --save', async () => {
    const result = await jaju(['drill', 'run', '--config', configFile, '--scenario', join(dir, 'onprem-down.yaml'), '--save'], {});
    assert.equal(result.code, 0, result.stderr);
    const saved = join(dir, 'data', 'drills', 'onprem-down.json');
    assert.ok(existsSync(saved));
    assert.match(result.stderr, /continuity score saved to .*onprem-down\.json/);
    const stored = JSON.parse(readFileSync(saved, 'utf8')) as { scenario: string; score: number; requests: number; served: number };
    assert.deepEqual([stored.scenario, stored.score, stored.requests, stored.served], ['onprem-down', 18 / 20, 8, 6]);
    const indicators = await jaju(['indicators', '--config', configFile, '--json'], {});
    assert.equal(indicators.code, 0, indicators.stderr);
    assert.deepEqual((JSON.parse(indicators.stdout) as { continuity: { scenario: string; score: number }[] }).continuity.map((entry) => [entry.scenario, entry.score]), [['onprem-down', 0.9]]);
  });

  it('names a bad scenario file and a provider the config lacks on one line, exit 2', async () => {
    await usageError(['drill', 'run', '--config', configFile, '--scenario', join(dir, 'typo.yaml')], /typo\.yaml: capactiy: unknown key/);
    await usageError(['drill', 'run', '--config', configFile, '--scenario', join(dir, 'ghost.yaml')], /ghost\.yaml: cuts\[0\]\.provider: unknown provider "ghost"/);
    await usageError(['drill', 'run', '--config', configFile, '--scenario', join(dir, 'absent.yaml')], /absent\.yaml: cannot read scenario: file not found/);
  });

  it('fails with exit 1 when there is no ledger to replay', async () => {
    const empty = tempDir();
    const file = join(empty, 'jaju.yaml');
    writeFileSync(file, JSON.stringify(estateConfig({ sqlite: './nothing/jaju.db' })));
    const result = await jaju(['drill', 'run', '--config', file, '--scenario', join(dir, 'onprem-down.yaml')], {});
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^jaju drill: .*no audit ledger/);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1);
  });
});
