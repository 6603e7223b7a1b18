import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JAJU_BIN as BIN, spawnServe, stopProcess } from '../helpers/spawn-serve.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('jaju serve', () => {
  it('starts with zero configuration, prints where it listens, answers /healthz and stops cleanly', async () => {
    const cwd = tempDir();
    const { child, url, output } = await spawnServe(['--port', '0'], cwd, { JAJU_OPERATOR_KEY: '' });
    try {
      assert.match(output(), /built-in defaults/);
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      const body = (await health.json()) as { status: string; providers: number };
      assert.equal(body.status, 'ok');
      assert.equal(body.providers, 0);
      assert.ok(existsSync(join(cwd, 'data', 'jaju.db')), 'the SQLite ledger lives under ./data');
      const keyFile = join(cwd, 'data', 'operator.key');
      assert.ok(existsSync(keyFile));
      assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'the generated operator key is private');
      assert.ok(!output().includes(String((await import('node:fs')).readFileSync(keyFile, 'utf8')).trim()), 'the key itself is never printed');
    } finally {
      assert.equal(await stopProcess(child), 0);
    }
  });

  it('refuses a bad config with a one-line error naming the path', async () => {
    const cwd = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(cwd, 'bad.yaml'), 'providers:\n  - id: x\n    type: openai-compatible\n    baseUrl: http://127.0.0.1:1/v1\n    sovereignty: { operatorCountry: KR, hostingCountry: KR, deployment: cloud }\n');
    const child = spawn(process.execPath, [BIN, 'serve', '--config', 'bad.yaml', '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolvePromise) => child.on('exit', resolvePromise));
    assert.equal(code, 2);
    assert.match(stderr, /providers\[0\]\.sovereignty\.deployment: expected one of on-premises/);
  });

  it('refuses an unknown option', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--prot', '1'], { cwd: tempDir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolvePromise) => child.on('exit', resolvePromise));
    assert.equal(code, 2);
    assert.match(stderr, /^jaju serve: .*--prot/);
    assert.equal(stderr.trim().split('\n').length, 1, 'one line');
  });
});
