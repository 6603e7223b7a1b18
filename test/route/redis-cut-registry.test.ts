import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { RedisCutRegistry } from '../../src/route/redis-cut-registry.js';
import type { SovereigntyProfile } from '../../src/domain/index.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { startRealJaju, type RealJaju } from '../helpers/jaju-harness.js';
import { dropPrefix, freshPrefix, REDIS_URL, redisSkipReason } from '../helpers/redis-test.js';
import { tempDir } from '../helpers/temp-dir.js';

const skip = await redisSkipReason();
const us: SovereigntyProfile = {
  operatorCountry: 'US', hostingCountry: 'US', deployment: 'foreign-cloud', accreditedGrades: [], certifications: [], weightsOrigin: 'US', openWeights: false, retainsData: true, trainsOnData: false,
};

async function waitFor(condition: () => boolean, ms = 2_000): Promise<void> {
  for (let waited = 0; waited < ms && !condition(); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('cuts shared through Redis', { skip }, () => {
  const prefix = freshPrefix();
  after(() => dropPrefix(prefix));

  it('a cut made on one instance reaches another at once, and a restore too', async () => {
    const a = await RedisCutRegistry.connect(REDIS_URL, { keyPrefix: prefix });
    const b = await RedisCutRegistry.connect(REDIS_URL, { keyPrefix: prefix });
    try {
      let bChanges = 0;
      b.onChange(() => (bChanges += 1));
      assert.equal(await a.cut({ jurisdiction: 'US' }), true);
      assert.equal(await a.cut({ jurisdiction: 'US' }), false, 'cutting twice reports no change');
      assert.equal(a.isCut('openai', us), true, 'the instance that cut sees it when the call returns');
      await waitFor(() => b.isCut('openai', us));
      assert.equal(b.isCut('openai', us), true, 'the other instance sees it within the wait (pub/sub)');
      assert.deepEqual(b.list(), [{ jurisdiction: 'US' }]);
      assert.ok(bChanges >= 1);
      assert.equal(await b.restore({ jurisdiction: 'US' }), true);
      await waitFor(() => !a.isCut('openai', us));
      assert.equal(a.isCut('openai', us), false);
      assert.equal(await b.restore({ jurisdiction: 'US' }), false);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a new instance starts with the cuts already in force', async () => {
    const a = await RedisCutRegistry.connect(REDIS_URL, { keyPrefix: prefix });
    await a.cut({ provider: 'openai' });
    const late = await RedisCutRegistry.connect(REDIS_URL, { keyPrefix: prefix });
    try {
      assert.equal(late.isCut('openai', us), true);
    } finally {
      await a.restore({ provider: 'openai' });
      await a.close();
      await late.close();
    }
  });

  it('fails start-up clearly when Redis does not answer', async () => {
    await assert.rejects(RedisCutRegistry.connect('redis://127.0.0.1:1', { keyPrefix: prefix }), /cannot connect to Redis for shared cuts/);
  });

  describe('two gateway instances', () => {
    let upstream: FakeUpstream;
    let one: RealJaju;
    let two: RealJaju;
    const gatewayPrefix = freshPrefix();
    const key = 'two-instance-key';
    const admin = 'two-instance-admin';

    before(async () => {
      upstream = await startFakeUpstream();
      const config = {
        state: { redis: REDIS_URL, keyPrefix: gatewayPrefix },
        server: { adminKeyEnv: 'TWO_ADMIN' },
        providers: [
          { id: 'foreign', type: 'openai-compatible' as const, baseUrl: upstream.baseUrl, sovereignty: { operatorCountry: 'US', hostingCountry: 'US', deployment: 'foreign-cloud' as const } },
          { id: 'domestic', type: 'openai-compatible' as const, baseUrl: upstream.baseUrl, sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'domestic-cloud' as const, certifications: ['CSAP-high'], retainsData: false, trainsOnData: false } },
        ],
        models: [{ alias: 'chat', targets: [{ provider: 'foreign', model: 'f' }, { provider: 'domestic', model: 'd' }] }],
        apps: [{ id: 'bot', keySha256: createHash('sha256').update(key).digest('hex'), grade: 'O' as const }],
      };
      one = await startRealJaju(config, tempDir(), { TWO_ADMIN: admin });
      two = await startRealJaju(config, tempDir(), { TWO_ADMIN: admin });
    });
    after(async () => {
      await one.close();
      await two.close();
      await upstream.close();
      await dropPrefix(gatewayPrefix);
    });

    it('a jurisdiction cut on one instance removes the target from the other instance’s plans', async () => {
      const ask = (jaju: RealJaju) => jaju.client(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      assert.equal((await ask(two)).response.headers.get('x-jaju-provider'), 'domestic', 'sovereign-first: domestic cloud before foreign cloud');
      const cut = await one.fetch('/admin/cuts', { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: JSON.stringify({ deployment: 'domestic-cloud' }) });
      assert.equal(cut.status, 200);
      await waitFor(() => two.jaju.gateway.runtime.cuts.list().length === 1);
      assert.equal((await ask(two)).response.headers.get('x-jaju-provider'), 'foreign');
      await one.fetch('/admin/cuts', { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: JSON.stringify({ jurisdiction: 'US' }) });
      await waitFor(() => two.jaju.gateway.runtime.cuts.list().length === 2);
      await assert.rejects(ask(two), (error: unknown) => error instanceof OpenAI.APIError && error.status === 503);
      await one.fetch('/admin/cuts/restore', { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: JSON.stringify({ deployment: 'domestic-cloud' }) });
      await waitFor(() => two.jaju.gateway.runtime.cuts.list().length === 1);
      assert.equal((await ask(two)).response.headers.get('x-jaju-provider'), 'domestic');
    });
  });
});
