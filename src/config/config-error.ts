/** One problem in a config file, with the path of the offending value (e.g. `providers[2].sovereignty.deployment`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  readonly source: string | null;

  constructor(source: string | null, issues: ConfigIssue[]) {
    const where = source ?? 'config';
    const lines = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    super(lines.length === 1 ? `${where}: ${lines[0]}` : `${where}: ${issues.length} problems\n  ${lines.join('\n  ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
    this.source = source;
  }
}

/** `['providers', 2, 'sovereignty']` → `providers[2].sovereignty`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
