import { dirname, isAbsolute, resolve } from 'node:path';
import { readYamlFile } from './read-yaml-file.js';
import { ConfigError } from './config-error.js';
import { formatIssues } from './format-issues.js';
import { configSchema, type ParsedConfig } from './schema.js';

/** A validated config plus where it came from; relative paths in it are resolved against `baseDir`. */
export type Config = ParsedConfig & {
  /** The file it was read from, or null for the built-in defaults. */
  source: string | null;
  /** The config file's folder (or the working directory for the defaults). */
  baseDir: string;
};

/** Validates an already-parsed object (from YAML, JSON or code). Throws ConfigError naming every bad path. */
export function parseConfig(input: unknown, source: string | null = null, baseDir = process.cwd()): Config {
  const result = configSchema.safeParse(input ?? {}, { reportInput: true });
  if (!result.success) throw new ConfigError(source, formatIssues(result.error.issues));
  return { ...result.data, source, baseDir };
}

/** Reads and validates a YAML (or JSON) config file. */
export function loadConfigFile(file: string): Config {
  const { path, value } = readYamlFile(file, (where, problems) => new ConfigError(where, problems.map((message) => ({ path: '', message: message.replace(/^cannot read:/, 'cannot read config:') }))));
  return parseConfig(value, path, dirname(path));
}

/** The built-in defaults of `jaju serve` with no config: SQLite under ./data, all packs, no providers. */
export function defaultConfig(): Config {
  return parseConfig({}, null, process.cwd());
}

/** Resolves a path from the config (e.g. the SQLite file) against the config's folder. */
export function resolveConfigPath(config: Pick<Config, 'baseDir'>, path: string): string {
  return isAbsolute(path) ? path : resolve(config.baseDir, path);
}
