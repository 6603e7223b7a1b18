import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { StaticFiles } from '../../src/console/static-files.js';
import type { RequestContext } from '../../src/http/request-context.js';
import { tempDir } from '../helpers/temp-dir.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files of the dashboard', () => {
  const root = tempDir();
  const script = `console.log(${JSON.stringify('x'.repeat(5000))});`;
  let server: Server;
  let url = '';
  let files: StaticFiles;

  before(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>jaju</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), script);
    files = new StaticFiles(root);
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      files.serve({ request, response, path } as RequestContext, path === '/' || path.startsWith('/audit') ? '/index.html' : path);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves index.html for the page and its client routes, revalidated on every load, with a strict CSP', async () => {
    for (const path of ['/', '/audit/42']) {
      const answer = await get(`${url}${path}`);
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(answer.headers['cache-control'], 'no-cache');
      assert.match(String(answer.headers['content-security-policy']), /default-src 'self'/);
      assert.match(String(answer.headers['content-security-policy']), /connect-src 'self'/);
      assert.equal(answer.headers['x-content-type-options'], 'nosniff');
      assert.equal(answer.body.toString(), '<!doctype html><title>jaju</title>');
    }
  });

  it('caches hashed assets for a year, gzips them when asked, and answers 304 to a matching ETag', async () => {
    const plain = await get(`${url}/assets/index-abc123.js`);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(plain.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(plain.body.toString(), script);
    const zipped = await get(`${url}/assets/index-abc123.js`, { 'accept-encoding': 'gzip, br' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.ok(zipped.body.length < plain.body.length / 10, 'zipped.body.length < plain.body.length / 10');
    assert.equal(gunzipSync(zipped.body).toString(), script);
    const again = await get(`${url}/assets/index-abc123.js`, { 'if-none-match': String(plain.headers['etag']) });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
  });

  it('answers HEAD without a body and 404 for a missing asset', async () => {
    const head = await get(`${url}/assets/index-abc123.js`, {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(Number(head.headers['content-length']), script.length);
    assert.equal(head.body.length, 0);
    assert.equal((await get(`${url}/assets/missing.js`)).status, 404);
    const traversal = await new Promise<number>((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      // A raw path (not normalised by a URL parser): only the files read at start can ever be served.
      httpRequest({ host: '127.0.0.1', port, path: '/assets/../../../etc/passwd' }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(traversal, 404);
  });

  it('says how to build the page when it is not built', async () => {
    const empty = new StaticFiles(join(root, 'nothing-here'));
    assert.equal(empty.available, false);
    const server2 = createServer((request, response) => empty.serve({ request, response, path: '/' } as RequestContext, '/index.html'));
    await new Promise<void>((resolve) => server2.listen(0, '127.0.0.1', resolve));
    const answer = await get(`http://127.0.0.1:${(server2.address() as AddressInfo).port}/`);
    await new Promise<void>((resolve) => server2.close(() => resolve()));
    assert.equal(answer.status, 503);
    assert.match(answer.body.toString(), /npm run build/);
  });
});
