import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RequestContext } from '../http/request-context.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.webmanifest']);

/**
 * The page may load and contact nothing but this origin: the dashboard must work offline in an
 * operations room, and a CSP makes the browser itself refuse any CDN or web font that slipped in.
 * Inline styles are allowed because the chart library sets style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

interface StaticFile {
  body: Buffer;
  gzip: Buffer | undefined;
  contentType: string;
  etag: string;
  cacheControl: string;
}

/**
 * The built dashboard (dist/web), read into memory once (a few hundred kB, gzip precomputed), so that
 * serving a page never touches the disk. Files under assets/ carry a content hash in their name and are
 * cached for a year; everything else (index.html) is revalidated on every load.
 */
export class StaticFiles {
  private files = new Map<string, StaticFile>();
  private loaded = false;

  constructor(readonly root: string) {
    this.load();
  }

  get available(): boolean {
    return this.loaded;
  }

  /** URL paths at the top level (e.g. /favicon.svg), for exact routes. */
  topLevelPaths(): string[] {
    return [...this.files.keys()].filter((path) => path.lastIndexOf('/') === 0);
  }

  /** Serves `urlPath`, or index.html when `spa` is set (client routes); 404 for a missing asset. */
  serve(context: RequestContext, urlPath: string): void {
    if (!this.loaded) this.load();
    const { request, response } = context;
    if (!this.loaded) {
      const text = 'jaju: the dashboard is not built. Run `npm run build` (or `npm start`, which builds as needed).\n';
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : text);
      return;
    }
    const file = this.files.get(urlPath);
    if (!file) {
      const text = 'not found\n';
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : text);
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': file.contentType,
      'cache-control': file.cacheControl,
      etag: file.etag,
      vary: 'accept-encoding',
      ...SECURITY_HEADERS,
    };
    if (request.headers['if-none-match'] === file.etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const body = acceptsGzip && file.gzip ? file.gzip : file.body;
    if (body === file.gzip) headers['content-encoding'] = 'gzip';
    headers['content-length'] = body.length;
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  private load(): void {
    if (!existsSync(join(this.root, 'index.html'))) return;
    const files = new Map<string, StaticFile>();
    for (const path of walk(this.root)) {
      const urlPath = `/${relative(this.root, path).split(sep).join('/')}`;
      const extension = extname(path).toLowerCase();
      const body = readFileSync(path);
      files.set(urlPath, {
        body,
        gzip: COMPRESSIBLE.has(extension) && body.length > 1024 ? gzipSync(body, { level: 9 }) : undefined,
        contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        cacheControl: urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    this.files = files;
    this.loaded = true;
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}
