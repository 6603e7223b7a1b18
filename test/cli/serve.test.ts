import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp-dir.js';

const BIN = resolve('bin/jaju.js');

/** Starts `jaju serve` as a real process and resolves with the URL it prints. */
function startServe(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd, env: { ...process.env, ...env, JAJU_OPERATOR_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const match = /jaju listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        clearInterval(poll);
        resolvePromise({ child, url: match[1]!, output: () => output });
      }
    }, 25);
    child.on('exit', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise) => {
    child.once('exit', (code) => resolvePromise(code));
    child.kill('SIGTERM');
  });
}

describe('jaju serve', () => {
  it('starts with zero configuration, prints where it listens, answers /healthz and stops cleanly', async () => {
    const cwd = tempDir();
    const { child, url, output } = await startServe(['--port', '0'], cwd);
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
      assert.equal(await stop(child), 0);
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
