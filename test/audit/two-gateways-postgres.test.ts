import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { stringify } from 'yaml';
import { openLedger } from '../../src/audit/index.js';
import { loadConfigFile } from '../../src/config/index.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { tempDir } from '../helpers/temp-dir.js';
import { spawnServe, stopProcess } from '../helpers/spawn-serve.js';
import { describeWithPostgres, freshSchema } from './helpers/postgres-test.js';

const KEY = 'two-gateways-key';

await describeWithPostgres('two gateway processes writing to one PostgreSQL ledger', () => {
  let upstream: FakeUpstream;
  const schema = freshSchema('jaju_two_gateways');
  const dirs = [tempDir(), tempDir()];
  const configFiles = dirs.map((dir) => join(dir, 'jaju.yaml'));
  const children: ChildProcess[] = [];

  before(async () => {
    upstream = await startFakeUpstream();
    for (const file of configFiles) {
      writeFileSync(
        file,
        stringify({
          store: { postgres: schema.url },
          server: { logLevel: 'silent' },
          providers: [{ id: 'onprem', type: 'openai-compatible', baseUrl: upstream.baseUrl, sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises' } }],
          models: [{ alias: 'chat', targets: [{ provider: 'onprem', model: 'm' }] }],
          apps: [{ id: 'bot', keySha256: createHash('sha256').update(KEY).digest('hex'), grade: 'O' }],
        }),
      );
    }
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await upstream.close();
    await schema.drop();
  });

  it('keeps one valid, gap-free chain under concurrent load from both', async () => {
    const servers = await Promise.all(configFiles.map((file, index) => spawnServe(['--config', file, '--port', '0'], dirs[index]!)));
    children.push(...servers.map((server) => server.child));
    const perServer = 150;
    const ids: string[] = [];
    await Promise.all(
      servers.map(async (server, serverIndex) => {
        for (let batch = 0; batch < perServer / 25; batch += 1) {
          await Promise.all(
            Array.from({ length: 25 }, async (_, index) => {
              const response = await fetch(`${server.url}/v1/chat/completions`, {
                method: 'POST',
                headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
                body: JSON.stringify({ model: 'chat', stream: index % 3 === 0, messages: [{ role: 'user', content: `서버 ${serverIndex} 요청 ${batch}-${index}` }] }),
              });
              assert.equal(response.status, 200);
              ids.push(response.headers.get('x-jaju-decision-id')!);
              await response.text();
            }),
          );
        }
      }),
    );
    // Let the background complete records land, then stop both cleanly.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all(servers.map((server) => stopProcess(server.child)));
    const ledger = await openLedger(loadConfigFile(configFiles[0]!), { readOnly: true });
    try {
      const report = await ledger.verify();
      assert.equal(report.ok, true, JSON.stringify(report.firstBad));
      assert.deepEqual(report.incomplete, []);
      assert.deepEqual(report.orphans, []);
      let previous = 0;
      const kinds = new Map<string, number>();
      for await (const record of ledger.scan()) {
        assert.equal(record.seq, previous + 1, 'seq is gap-free across both writers');
        previous = record.seq;
        kinds.set(record.kind, (kinds.get(record.kind) ?? 0) + 1);
      }
      assert.equal(kinds.get('dispatch'), 2 * perServer);
      assert.equal(kinds.get('complete'), 2 * perServer);
      assert.equal(new Set(ids).size, 2 * perServer);
    } finally {
      await ledger.close();
    }
  });
});
