import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the shared-state tests use (scripts/test-prerequisites.sh starts one on loopback). */
export const REDIS_URL = process.env['JAJU_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export function isCi(): boolean {
  return process.env['CI'] === 'true' || process.env['CI'] === '1';
}

/** null when Redis answers PING, else why not. */
export async function probeRedis(): Promise<string | null> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return (error as Error).message || 'no answer';
  } finally {
    client.disconnect();
  }
}

/** Skip reason for tests that need Redis: undefined when it answers; in CI an absent Redis is a failure. */
export async function redisSkipReason(): Promise<string | undefined> {
  const unreachable = await probeRedis();
  if (unreachable === null) return undefined;
  if (isCi()) throw new Error(`Redis must be reachable in CI at ${REDIS_URL}: ${unreachable}`);
  const message = `Redis not reachable at ${REDIS_URL} (${unreachable}): SKIPPING the shared-state tests`;
  process.stderr.write(`\n*** ${message} ***\n\n`);
  return message;
}

/** A key prefix no other test run uses. */
export function freshPrefix(): string {
  return `jaju-test-${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under a prefix. */
export async function dropPrefix(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
