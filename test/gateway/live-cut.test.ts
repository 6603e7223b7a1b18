import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/config/index.js';
import type { AuditRecord } from '../../src/domain/index.js';
import { createLogger } from '../../src/gateway/logger.js';
import { startJaju, type RunningJaju } from '../../src/serve/start-jaju.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A live cut under streaming load, on the real gateway (detection, Cedar, SQLite ledger): calls in
 * flight finish normally, new calls go to the next permitted target or get 503, a restore brings the
 * target back, and the ledger holds the cut and the restore, each before what it affected.
 */

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const ADMIN_KEY = 'live-cut-admin';
const RESEARCH_KEY = 'live-cut-research';
const MINWON_KEY = 'live-cut-minwon';
const IN_FLIGHT = 3;

interface StreamRead {
  /** Resolves once the first content chunk has arrived. */
  started: Promise<void>;
  /** Resolves with the whole stream once it ends. */
  finished: Promise<{ status: number; provider: string | null; content: string; done: boolean; errors: string[] }>;
  isFinished(): boolean;
}

function readStream(url: string, key: string, text: string): StreamRead {
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  let finishedFlag = false;
  const finished = (async () => {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', stream: true, messages: [{ role: 'user', content: text }] }),
    });
    const decoder = new TextDecoder();
    let buffer = '';
    let content = '';
    let done = false;
    const errors: string[] = [];
    for await (const bytes of response.body!) {
      buffer += decoder.decode(bytes as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const frame = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 2);
        if (!frame.startsWith('data: ')) continue;
        const data = frame.slice(6);
        if (data === '[DONE]') {
          done = true;
          continue;
        }
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string } }[]; error?: { message: string } };
        if (chunk.error) errors.push(chunk.error.message);
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) {
          content += delta;
          markStarted();
        }
      }
    }
    finishedFlag = true;
    markStarted();
    return { status: response.status, provider: response.headers.get('x-jaju-provider'), content, done, errors };
  })();
  return { started, finished, isFinished: () => finishedFlag };
}

describe('live cut during streaming load', () => {
  let onprem: FakeUpstream;
  let krcloud: FakeUpstream;
  let running: RunningJaju;

  const post = (path: string, body: unknown, key = ADMIN_KEY) =>
    fetch(`${running.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function chat(key: string, alias: string, text: string) {
    const response = await fetch(`${running.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: alias, messages: [{ role: 'user', content: text }] }),
    });
    return { status: response.status, provider: response.headers.get('x-jaju-provider'), body: (await response.json()) as Record<string, any> };
  }

  before(async () => {
    onprem = await startFakeUpstream('openai');
    krcloud = await startFakeUpstream('openai');
    const domestic = { operatorCountry: 'KR', hostingCountry: 'KR', retainsData: false, trainsOnData: false } as const;
    const config = parseConfig(
      {
        home: 'KR',
        server: { logLevel: 'silent', adminKeyEnv: 'LIVE_CUT_ADMIN_KEY' },
        store: { sqlite: join(dir, 'jaju.db') },
        providers: [
          { id: 'onprem', type: 'openai-compatible', baseUrl: onprem.baseUrl, maxRetries: 0, sovereignty: { ...domestic, deployment: 'on-premises' } },
          { id: 'krcloud', type: 'openai-compatible', baseUrl: krcloud.baseUrl, maxRetries: 0, sovereignty: { ...domestic, deployment: 'domestic-cloud', certifications: ['CSAP-high'] } },
        ],
        models: [
          { alias: 'chat', targets: [{ provider: 'onprem', model: 'exaone' }, { provider: 'krcloud', model: 'solar' }] },
          { alias: 'onprem-only', targets: [{ provider: 'onprem', model: 'exaone' }] },
        ],
        apps: [
          { id: 'research', keySha256: sha(RESEARCH_KEY), grade: 'O' },
          { id: 'minwon', keySha256: sha(MINWON_KEY), grade: 'S' },
        ],
      },
      null,
      dir,
    );
    running = await startJaju({ config, env: { LIVE_CUT_ADMIN_KEY: ADMIN_KEY }, port: 0, host: '127.0.0.1', logger: createLogger('silent') });
  });
  after(async () => {
    await running?.close();
    await onprem?.close();
    await krcloud?.close();
  });
  // The folder's removal is registered after the close above, so the ledger closes before its folder goes.
  const dir = tempDir();

  it('lets in-flight streams finish, moves new calls to the next permitted target or 503, and restores', async () => {
    onprem.script = Array.from({ length: IN_FLIGHT }, () => ({ kind: 'slow-stream' as const, chunkDelayMs: 250, chunks: 8 }));
    const texts = Array.from({ length: IN_FLIGHT }, (_, index) => `stream number ${index} keeps going while the vendor is cut`);
    const streams = texts.map((text) => readStream(running.url, RESEARCH_KEY, text));
    await Promise.all(streams.map((stream) => stream.started));
    assert.ok(streams.every((stream) => !stream.isFinished()), 'the streams are still in flight when the cut is made');

    const cut = await post('/admin/cuts', { provider: 'onprem', reason: 'live drill' });
    const cutBody = (await cut.json()) as { changed: boolean; aliases: { alias: string; remaining: string[]; cut: string[] }[] };
    assert.equal(cut.status, 200);
    assert.equal(cutBody.changed, true);
    assert.deepEqual(cutBody.aliases.find((alias) => alias.alias === 'chat'), { alias: 'chat', remaining: ['krcloud/solar'], cut: ['onprem/exaone'] });

    // New calls: the next permitted target, or 503 when none is left (never a wider plan).
    const failedOver = await chat(RESEARCH_KEY, 'chat', 'after the cut');
    assert.equal(failedOver.status, 200);
    assert.equal(failedOver.provider, 'krcloud');
    const unavailable = await chat(MINWON_KEY, 'onprem-only', '민원');
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.body['error'].code, 'no_provider_available');
    const newStream = await readStream(running.url, RESEARCH_KEY, 'a new stream after the cut').finished;
    assert.equal(newStream.provider, 'krcloud');
    assert.equal(newStream.done, true);

    // The streams that were in flight complete normally, with every chunk and no error event.
    const results = await Promise.all(streams.map((stream) => stream.finished));
    results.forEach((result, index) => {
      assert.equal(result.status, 200);
      assert.equal(result.provider, 'onprem');
      assert.equal(result.content, `echo: ${texts[index]}`);
      assert.equal(result.done, true);
      assert.deepEqual(result.errors, []);
    });
    assert.equal(onprem.aborted, 0);

    const restore = await post('/admin/cuts/restore', { provider: 'onprem', reason: 'drill over' });
    assert.equal(restore.status, 200);
    assert.equal(((await restore.json()) as { changed: boolean }).changed, true);
    const back = await chat(RESEARCH_KEY, 'chat', 'after the restore');
    assert.equal(back.status, 200);
    assert.equal(back.provider, 'onprem');

    // The ledger: cut and restore records, in order with the calls they affected.
    const records: AuditRecord[] = [];
    for (let waited = 0; waited < 5_000; waited += 20) {
      records.length = 0;
      for await (const record of running.composed.ledger.scan()) records.push(record);
      if (records.filter((record) => record.kind === 'complete').length === IN_FLIGHT + 3) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cutRecord = records.find((record) => record.kind === 'cut')!;
    const restoreRecord = records.find((record) => record.kind === 'restore')!;
    assert.deepEqual(cutRecord.detail, { scope: { provider: 'onprem' }, reason: 'live drill' });
    assert.deepEqual(restoreRecord.detail, { scope: { provider: 'onprem' }, reason: 'drill over' });
    assert.ok(cutRecord.seq < restoreRecord.seq);
    const dispatches = records.filter((record) => record.kind === 'dispatch');
    const toOnprem = dispatches.filter((record) => record.provider === 'onprem');
    // The in-flight calls were dispatched before the cut, the one after the restore after it; none between.
    assert.equal(toOnprem.length, IN_FLIGHT + 1);
    assert.ok(toOnprem.slice(0, IN_FLIGHT).every((record) => record.seq < cutRecord.seq));
    assert.ok(toOnprem[IN_FLIGHT]!.seq > restoreRecord.seq);
    assert.ok(dispatches.filter((record) => record.provider === 'krcloud').every((record) => record.seq > cutRecord.seq && record.seq < restoreRecord.seq));
    const denial = records.find((record) => record.kind === 'deny')!;
    assert.equal(denial.status, 503);
    assert.ok(denial.seq > cutRecord.seq && denial.seq < restoreRecord.seq);
    const inFlightCompletes = records.filter((record) => record.kind === 'complete' && record.provider === 'onprem' && record.seq > cutRecord.seq && record.seq < restoreRecord.seq);
    assert.equal(inFlightCompletes.length, IN_FLIGHT);
    assert.ok(inFlightCompletes.every((record) => record.outcome === 'ok'));
  });

  it('refuses a wrong admin key and an unknown provider, and records nothing for them', async () => {
    const before = await running.composed.ledger.head();
    const wrongKey = await post('/admin/cuts', { provider: 'onprem' }, 'not-the-key');
    assert.equal(wrongKey.status, 401);
    const unknown = await post('/admin/cuts', { provider: 'nope' });
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as { error: { message: string } }).error.message, /unknown provider "nope"/);
    assert.deepEqual(await running.composed.ledger.head(), before);
    assert.deepEqual(running.gateway.runtime.cuts.list(), []);
  });
});
