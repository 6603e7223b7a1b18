import { basename, extname } from 'node:path';
import { readYamlFile, type ConfigIssue } from '../../config/index.js';
import { formatIssues } from '../../config/format-issues.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';

/** A scenario file that cannot be used; the message names the file and every bad path. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly issues: ConfigIssue[];
  readonly source: string | null;

  constructor(source: string | null, issues: ConfigIssue[]) {
    const lines = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    super(`${source ?? 'scenario'}: ${lines.join('; ')}`);
    this.issues = issues;
    this.source = source;
  }
}

/** Validates an already-parsed scenario (YAML, JSON or code); the name defaults to `fallbackName`. */
export function parseScenario(input: unknown, source: string | null = null, fallbackName = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(input ?? {}, { reportInput: true });
  if (!result.success) throw new ScenarioError(source, formatIssues(result.error.issues));
  const name = result.data.name ?? fallbackName;
  return { ...result.data, name, file: source };
}

/** The file name without extension, made into a scenario identifier. */
function nameFromFile(path: string): string {
  const stem = basename(path, extname(path)).replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return stem.slice(0, 64) || 'scenario';
}

/** Reads and validates a scenario YAML file. Throws ScenarioError (file not found, YAML syntax, schema). */
export function loadScenario(file: string): Scenario {
  const { path, value } = readYamlFile(file, (where, problems) => new ScenarioError(where, problems.map((message) => ({ path: '', message: message.replace(/^cannot read:/, 'cannot read scenario:') }))));
  return parseScenario(value, path, nameFromFile(path));
}
