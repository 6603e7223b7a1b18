import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { openLedger } from '../../src/audit/index.js';
import { loadConfigFile } from '../../src/config/index.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { spawnServe, stopProcess } from '../helpers/spawn-serve.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'crash-test-app-key';

interface Outcome {
  /** The client saw at least the response headers (a response byte). */
  sawBytes: boolean;
  decisionId: string | null;
}

/** One request that records whether any response byte arrived, whatever happens to the server. */
async function request(url: string, stream: boolean, index: number): Promise<Outcome> {
  const outcome: Outcome = { sawBytes: false, decisionId: null };
  try {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', stream, messages: [{ role: 'user', content: `요청 ${index}: 연락처 010-1234-${String(5000 + index).slice(-4)}` }] }),
    });
    outcome.sawBytes = true;
    outcome.decisionId = response.headers.get('x-jaju-decision-id');
    await response.text().catch(() => undefined);
  } catch {
    // connection reset by the SIGKILL: what matters is whether bytes arrived before it
  }
  return outcome;
}

describe('crash safety: SIGKILL mid-load', () => {
  let upstream: FakeUpstream;
  const dir = tempDir();
  const configFile = join(dir, 'jaju.yaml');

  before(async () => {
    upstream = await startFakeUpstream();
    upstream.fallback = { kind: 'slow-stream', chunkDelayMs: 15, chunks: 6 };
    writeFileSync(
      configFile,
      stringify({
        store: { sqlite: './data/jaju.db' },
        server: { logLevel: 'silent' },
        providers: [{ id: 'onprem', type: 'openai-compatible', baseUrl: upstream.baseUrl, sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises' } }],
        models: [{ alias: 'chat', targets: [{ provider: 'onprem', model: 'm' }] }],
        apps: [{ id: 'bot', keySha256: createHash('sha256').update(KEY).digest('hex'), grade: 'O' }],
      }),
    );
  });
  after(() => upstream.close());

  it('every request whose client saw a response byte has its dispatch record; verify passes the chain and reports incomplete pairs', async () => {
    const { child, url } = await spawnServe(['--config', configFile, '--port', '0'], dir);
    const outcomes: Promise<Outcome>[] = [];
    let index = 0;
    let answeredSoFar = 0;
    let killed = false;
    // Keep ~48 requests in flight (half streaming); kill once 80 have been answered, mid-load (the
    // trigger is progress, not time, so a slow machine does not change what is tested).
    await new Promise<void>((resolveLoad) => {
      const deadline = setTimeout(kill, 60_000);
      function kill() {
        if (killed) return;
        killed = true;
        clearTimeout(deadline);
        child.kill('SIGKILL');
        resolveLoad();
      }
      const launch = () => {
        if (killed) return;
        const current = index++;
        const promise = request(url, current % 2 === 0, current);
        outcomes.push(promise);
        void promise.then((outcome) => {
          if (outcome.sawBytes) answeredSoFar += 1;
          if (answeredSoFar >= 80) kill();
          launch();
        });
      };
      for (let slot = 0; slot < 48; slot += 1) launch();
    });
    await new Promise<void>((resolveExit) => (child.exitCode !== null || child.signalCode !== null ? resolveExit() : child.once('exit', () => resolveExit())));
    const results = await Promise.all(outcomes);
    const answered = results.filter((outcome) => outcome.sawBytes && outcome.decisionId);
    assert.ok(answered.length >= 80, `requests got an answer before the kill (${answered.length} of ${results.length})`);
    assert.ok(results.length > answered.length || results.length > 80, 'the kill came mid-load');

    // Restart on the same data: the ledger opens, and the new process serves.
    const restarted = await spawnServe(['--config', configFile, '--port', '0'], dir);
    try {
      const health = await fetch(`${restarted.url}/healthz`);
      assert.equal(health.status, 200);
    } finally {
      await stopProcess(restarted.child);
    }

    const ledger = await openLedger(loadConfigFile(configFile), { readOnly: true });
    try {
      const report = await ledger.verify();
      assert.equal(report.ok, true, `chain intact: ${JSON.stringify(report.firstBad)}`);
      assert.equal(report.orphans.length, 0);
      const dispatched = new Set<string>();
      for await (const record of ledger.scan({ kinds: ['dispatch'] })) if (record.requestId) dispatched.add(record.requestId);
      const missing = answered.filter((outcome) => !dispatched.has(outcome.decisionId!));
      assert.deepEqual(missing, [], 'a dispatch record for every request that got response bytes');
      // Streams cut by the kill leave dispatch records without a complete: reported, honestly.
      const incompleteIds = new Set(report.incomplete.map((entry) => entry.requestId));
      for (const id of incompleteIds) assert.ok(dispatched.has(id));
      process.stderr.write(`crash test: ${results.length} requests, ${answered.length} answered, ${report.records} records, ${report.incomplete.length} incomplete pairs\n`);
    } finally {
      await ledger.close();
    }
  });
});
