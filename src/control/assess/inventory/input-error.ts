import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../../../config/config-error.js';
import { formatIssues } from '../../../config/format-issues.js';
import { readYamlFile } from '../../../config/read-yaml-file.js';

/**
 * A bad inventory, answers, weights or credential file. It is a ConfigError, so the CLI exits with 2;
 * unlike a config error its message is one line (`FILE: path: problem; path: problem`), as the
 * assessment's contract asks.
 */
export class AssessInputError extends ConfigError {
  constructor(source: string | null, issues: ConfigIssue[]) {
    super(source, issues);
    this.name = 'AssessInputError';
    const lines = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    this.message = `${source ?? 'input'}: ${lines.join('; ')}`;
  }
}

/** Zod issues as path-named lines; a union's best branch keeps the union's own path in front. */
export function assessIssues(issues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  const flat: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union') {
      const best = issue.errors.filter((branch) => branch.length > 0).sort((a, b) => a.length - b.length)[0];
      if (best) {
        flat.push(...best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue));
        continue;
      }
    }
    flat.push(issue);
  }
  return formatIssues(flat).map((issue) => (issue.message.startsWith('unknown key') ? { path: issue.path, message: 'unknown key' } : issue));
}

/** Validates `value` against `schema`, throwing an AssessInputError that names each bad path. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, source: string | null): z.output<T> {
  const result = schema.safeParse(value ?? {}, { reportInput: true });
  if (!result.success) throw new AssessInputError(source, assessIssues(result.error.issues));
  return result.data;
}

/**
 * Reads a YAML file (duplicate keys are errors), or a `.json` file with the JSON parser: an inventory of
 * thousands of components exported from an asset database parses in milliseconds as JSON, in seconds
 * as YAML (bench/assess). Problems become an AssessInputError naming the file.
 */
export function readAssessFile(file: string, what: string): { path: string; value: unknown } {
  const fail = (where: string, problems: string[]) => new AssessInputError(where, problems.map((message) => ({ path: '', message: message.replace(/^cannot read:/, `cannot read the ${what} file:`) })));
  const path = resolve(file);
  if (extname(path).toLowerCase() !== '.json') return readYamlFile(path, fail);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fail(path, [`cannot read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`]);
  }
  try {
    return { path, value: JSON.parse(text) as unknown };
  } catch (error) {
    throw fail(path, [`JSON syntax error: ${(error as Error).message}`]);
  }
}
