import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../../../config/config-error.js';
import { formatIssues } from '../../../config/format-issues.js';

/**
 * Allocation inputs reuse the config module's error type, so that `jaju allocate` reports a bad input
 * exactly like `jaju config check` does: one line per problem, each naming the path of the bad value.
 */
export function inputIssues(issues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  return formatIssues(issues).map((issue) =>
    issue.message.startsWith('unknown key') ? { path: issue.path, message: 'unknown key' } : issue,
  );
}

export function inputError(source: string | null, issues: ConfigIssue[]): ConfigError {
  return new ConfigError(source, issues);
}

export { ConfigError, type ConfigIssue };
