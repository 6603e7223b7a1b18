import { Redis } from 'ioredis';
import { cutScopeKey, cutScopeMatches, parseCutScope, type CutScope, type SovereigntyProfile } from '../domain/index.js';
import type { CutRegistry } from './cut-registry.js';

export interface RedisCutRegistryOptions {
  /** Prefix of the hash and channel names, so several jaju deployments can share one Redis. */
  keyPrefix?: string;
  /** Safety net against a missed message (e.g. across a reconnect): full re-read this often. */
  resyncIntervalMs?: number;
  onError?: (error: Error) => void;
}

/**
 * Cuts shared by every gateway instance (docs/design.md §7): the set lives in a Redis hash, changes are
 * announced on a pub/sub channel, and each instance keeps a local snapshot so that the request path
 * checks cuts without a network round trip. A cut made on one instance reaches the others within the
 * pub/sub latency (milliseconds on a LAN), and within `resyncIntervalMs` even if a message is lost.
 * If Redis goes away, each instance keeps enforcing the last cuts it saw — a cut is never silently lifted.
 */
export class RedisCutRegistry implements CutRegistry {
  private snapshot = new Map<string, CutScope>();
  private readonly listeners = new Set<() => void>();
  private changeCount = 0;
  private readonly hashKey: string;
  private readonly channel: string;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly client: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisCutRegistryOptions,
  ) {
    const prefix = options.keyPrefix ?? 'jaju:';
    this.hashKey = `${prefix}cuts`;
    this.channel = `${prefix}cuts:changed`;
    this.timer = setInterval(() => void this.reload().catch((error: Error) => this.options.onError?.(error)), options.resyncIntervalMs ?? 5_000);
    this.timer.unref();
  }

  /** Connects (failing start-up if Redis does not answer) and loads the cuts in force. */
  static async connect(url: string, options: RedisCutRegistryOptions = {}): Promise<RedisCutRegistry> {
    const redisOptions = { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 3_000, enableOfflineQueue: false };
    const client = new Redis(url, redisOptions);
    const subscriber = new Redis(url, { ...redisOptions, maxRetriesPerRequest: null, enableOfflineQueue: true });
    const report = (error: Error) => options.onError?.(error);
    client.on('error', report);
    subscriber.on('error', report);
    try {
      await client.connect();
      await subscriber.connect();
    } catch (error) {
      client.disconnect();
      subscriber.disconnect();
      throw new Error(`cannot connect to Redis for shared cuts: ${(error as Error).message}`);
    }
    const registry = new RedisCutRegistry(client, subscriber, options);
    subscriber.on('message', (channel) => {
      if (channel === registry.channel) void registry.reload().catch(report);
    });
    await subscriber.subscribe(registry.channel);
    await registry.reload();
    return registry;
  }

  get version(): number {
    return this.changeCount;
  }

  list(): CutScope[] {
    return [...this.snapshot.values()];
  }

  isCut(provider: string, profile: SovereigntyProfile): boolean {
    if (this.snapshot.size === 0) return false;
    for (const scope of this.snapshot.values()) if (cutScopeMatches(scope, provider, profile)) return true;
    return false;
  }

  async cut(scope: CutScope): Promise<boolean> {
    const added = await this.client.hsetnx(this.hashKey, cutScopeKey(scope), JSON.stringify(scope));
    if (added === 1) await this.client.publish(this.channel, cutScopeKey(scope));
    await this.reload();
    return added === 1;
  }

  async restore(scope: CutScope): Promise<boolean> {
    const removed = await this.client.hdel(this.hashKey, cutScopeKey(scope));
    if (removed === 1) await this.client.publish(this.channel, cutScopeKey(scope));
    await this.reload();
    return removed === 1;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.subscriber.disconnect();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Replaces the snapshot with what Redis holds; notifies listeners when it changed. */
  private async reload(): Promise<void> {
    const entries = await this.client.hgetall(this.hashKey);
    const next = new Map<string, CutScope>();
    for (const [key, value] of Object.entries(entries)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      const scope = parseCutScope(parsed);
      // An entry we cannot read is kept as a provider cut of its raw key: unreadable must not mean "lifted".
      next.set(key, typeof scope === 'string' ? { provider: key } : scope);
    }
    const same = next.size === this.snapshot.size && [...next.keys()].every((key) => this.snapshot.has(key));
    this.snapshot = next;
    if (!same) {
      this.changeCount += 1;
      for (const listener of this.listeners) listener();
    }
  }
}
