import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenCounts } from './chat-endpoint.js';

/** One model's raw answer to one item, as kept on disk. The outcome is derived again on every run. */
export interface CachedAnswer {
  /** `suite/id` */
  key: string;
  /** Who asked (see AnswerCache): the same alias may route differently for another app. */
  scope: string;
  /** promptHash of the request body: a changed question, option or prompt setting misses the cache. */
  prompt: string;
  reply: string;
  tokens: TokenCounts | null;
  provider: string | null;
  latencyMs: number;
  /** When it was answered (ISO 8601). */
  at: string;
}

/** Longest reply kept: enough for any letter-answer, bounded for a model that rambles. */
export const MAX_CACHED_REPLY = 4096;

/** A file-name-safe spelling of a suite or alias name (reversible, so two names never share a file). */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]|^\./g, (char) => `%${char.codePointAt(0)!.toString(16).padStart(2, '0')}`);
}

/** The cache scope of a caller reached by URL and key: a digest, so the key is never written down. */
export function urlScope(url: string, apiKey: string): string {
  const base = url.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `url:${createHash('sha256').update(`${base}\u0000${apiKey}`).digest('hex').slice(0, 16)}`;
}

/** The cache scope of an app evaluated in-process. */
export function appScope(appId: string): string {
  return `app:${appId}`;
}

export function cacheDirectory(dataDir: string): string {
  return join(dataDir, 'eval', 'cache');
}

/**
 * Answers already received, per suite and model, in append-only JSONL files under
 * `<data>/eval/cache/<suite>/<model>.jsonl`, per suite, item, model, prompt and caller. Each answer is appended (one write) the moment it
 * arrives, so a run killed half-way keeps what it had and the next run asks only for the rest. A torn
 * last line (killed mid-write) is skipped. Denials and failures are not kept: they are asked again.
 */
export class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private readonly files = new Map<string, number>();

  constructor(
    private readonly directory: string,
    /** false = --no-cache: read nothing, still record the fresh answers for next time. */
    private readonly read: boolean,
    /**
     * Who asks: an alias is routed by the caller's grade and app, so an answer another app received
     * is not reused (a C app must not be credited with what the O app's route answered). A digest of
     * the gateway URL and key with --url, the app id in-process; never the key itself.
     */
    readonly scope: string,
  ) {}

  private fileOf(suite: string, model: string): string {
    return join(this.directory, safeFileName(suite), `${safeFileName(model)}.jsonl`);
  }

  private static id(model: string, key: string, prompt: string): string {
    return `${model}\u0000${key}\u0000${prompt}`;
  }

  /** Loads the cached answers of these suites and models (call once before the run). */
  load(suites: readonly string[], models: readonly string[]): number {
    if (!this.read) return 0;
    let loaded = 0;
    for (const suite of suites) {
      for (const model of models) {
        let text: string;
        try {
          text = readFileSync(this.fileOf(suite, model), 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw error;
        }
        for (const line of text.split('\n')) {
          if (line === '') continue;
          let entry: CachedAnswer;
          try {
            entry = JSON.parse(line) as CachedAnswer;
          } catch {
            continue; // a line torn by a kill mid-write
          }
          if (entry.scope !== this.scope || typeof entry.key !== 'string' || typeof entry.prompt !== 'string' || typeof entry.reply !== 'string') continue;
          this.entries.set(AnswerCache.id(model, entry.key, entry.prompt), entry);
          loaded += 1;
        }
      }
    }
    return loaded;
  }

  get(model: string, key: string, prompt: string): CachedAnswer | undefined {
    return this.entries.get(AnswerCache.id(model, key, prompt));
  }

  /** Appends one answer with a single write(2) on an O_APPEND descriptor. */
  put(suite: string, model: string, answer: Omit<CachedAnswer, 'scope'>): void {
    const file = this.fileOf(suite, model);
    let fd = this.files.get(file);
    if (fd === undefined) {
      mkdirSync(join(this.directory, safeFileName(suite)), { recursive: true });
      fd = openSync(file, 'a');
      this.files.set(file, fd);
    }
    const entry: CachedAnswer = { ...answer, scope: this.scope };
    writeSync(fd, `${JSON.stringify(entry)}\n`);
    this.entries.set(AnswerCache.id(model, entry.key, entry.prompt), entry);
  }

  close(): void {
    for (const fd of this.files.values()) closeSync(fd);
    this.files.clear();
  }
}
