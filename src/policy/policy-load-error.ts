/**
 * A policy file (or the schema) that cannot be used: unreadable, not Cedar, not valid against the jaju
 * schema in strict mode, or missing its @id. Start-up (and reload) stops with it, naming the place.
 */
export class PolicyLoadError extends Error {
  override name = 'PolicyLoadError';
  readonly file: string;
  /** 1-based line of the problem, or null when it concerns the whole file. */
  readonly line: number | null;
  /** The problem without the location prefix (usually Cedar's own message). */
  readonly detail: string;

  constructor(file: string, line: number | null, detail: string) {
    super(line === null ? `${file}: ${detail}` : `${file}:${line}: ${detail}`);
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}
