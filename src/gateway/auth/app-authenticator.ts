import { timingSafeEqual } from 'node:crypto';
import type { App } from '../../domain/index.js';
import type { AppConfig } from '../../config/index.js';
import { ConfigError } from '../../config/index.js';
import { sha256 } from '../../http/bearer-token.js';

/**
 * Maps API keys to apps. Keys are held only as SHA-256 digests. A presented key is hashed, the digest
 * looked up, and the match confirmed with a constant-time comparison: since the lookup works on a digest
 * of the attacker's input, its timing reveals nothing about any stored key.
 */
export class AppAuthenticator {
  private readonly byDigest = new Map<string, { digest: Buffer; app: App; config: AppConfig }>();
  private readonly byAppId = new Map<string, { app: App; config: AppConfig }>();
  /**
   * Keys already proven valid → their app, so a busy app does not pay a SHA-256 per request. Only valid
   * keys enter (a flood of wrong keys cannot grow it), and it is bounded all the same.
   */
  private readonly verified = new Map<string, { digest: Buffer; app: App; config: AppConfig }>();
  private readonly verifiedLimit: number;

  /**
   * `requireKeys: false` (a process that serves no app traffic, e.g. `jaju serve --role console`) knows
   * every app by id but does not need the apps' key variables: an app whose key is not set cannot authenticate.
   */
  constructor(apps: readonly AppConfig[], env: NodeJS.ProcessEnv, options: { requireKeys?: boolean } = {}) {
    this.verifiedLimit = Math.max(64, apps.length * 4);
    apps.forEach((config, index) => {
      const app: App = { id: config.id, grade: config.grade, purpose: config.purpose, highImpact: config.highImpact };
      this.byAppId.set(config.id, { app, config });
      let digest: Buffer;
      if (config.keySha256 !== undefined) digest = Buffer.from(config.keySha256.toLowerCase(), 'hex');
      else {
        const key = env[config.keyEnv ?? ''];
        if (!key) {
          if (options.requireKeys === false) return;
          throw new ConfigError(null, [{ path: `apps[${index}].keyEnv`, message: `environment variable ${config.keyEnv} is not set (the key of app "${config.id}")` }]);
        }
        digest = sha256(key);
      }
      this.byDigest.set(digest.toString('hex'), { digest, app, config });
    });
  }

  authenticate(key: string | undefined): { app: App; config: AppConfig } | undefined {
    if (!key) return undefined;
    const known = this.verified.get(key);
    if (known) return known;
    const digest = sha256(key);
    const entry = this.byDigest.get(digest.toString('hex'));
    if (!entry || !timingSafeEqual(entry.digest, digest)) return undefined;
    if (this.verified.size >= this.verifiedLimit) this.verified.clear();
    this.verified.set(key, entry);
    return entry;
  }

  /** Looks an app up by id (admin/operator previews on an app's behalf). */
  byId(id: string): { app: App; config: AppConfig } | undefined {
    return this.byAppId.get(id);
  }

  get size(): number {
    return this.byAppId.size;
  }
}
