import { JajuError } from '../domain/index.js';
import type { Handler } from './request-context.js';

/** Exact-path routing plus prefix routes (static files, dashboard API); 404/405 as OpenAI-style errors. */
export class Router {
  private readonly exact = new Map<string, Map<string, Handler>>();
  private readonly prefixes: { prefix: string; method: string | '*'; handler: Handler }[] = [];

  on(method: string, path: string, handler: Handler): this {
    let byMethod = this.exact.get(path);
    if (!byMethod) {
      byMethod = new Map();
      this.exact.set(path, byMethod);
    }
    byMethod.set(method, handler);
    return this;
  }

  /** Routes every path starting with `prefix` (longest prefix first). */
  onPrefix(method: string | '*', prefix: string, handler: Handler): this {
    this.prefixes.push({ prefix, method, handler });
    this.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
    return this;
  }

  /** A bounded label for metrics: the route's own path, never the raw URL. */
  routeLabel(path: string): string {
    if (this.exact.has(path)) return path;
    for (const route of this.prefixes) if (path.startsWith(route.prefix)) return `${route.prefix}*`;
    return 'unmatched';
  }

  resolve(method: string, path: string): Handler {
    const byMethod = this.exact.get(path);
    if (byMethod) {
      const handler = byMethod.get(method) ?? (method === 'HEAD' ? byMethod.get('GET') : undefined);
      if (handler) return handler;
      if (!this.prefixes.some((route) => path.startsWith(route.prefix))) {
        throw new JajuError('method_not_allowed', `${method} is not allowed on ${path} (allowed: ${[...byMethod.keys()].join(', ')})`);
      }
    }
    for (const route of this.prefixes) {
      if (path.startsWith(route.prefix) && (route.method === '*' || route.method === method || (method === 'HEAD' && route.method === 'GET'))) {
        return route.handler;
      }
    }
    throw new JajuError('not_found', `no route for ${method} ${path}`);
  }
}
