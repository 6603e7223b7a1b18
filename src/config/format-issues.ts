import type { z } from 'zod';
import { formatPath, type ConfigIssue } from './config-error.js';

type ZodIssue = z.core.$ZodIssue;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

/** Turns zod issues into path-named, operator-readable lines. */
export function formatIssues(issues: readonly ZodIssue[]): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push({ path: formatPath([...issue.path, key]), message: 'unknown key (not part of the jaju config schema)' });
        }
        break;
      case 'invalid_value':
        out.push({
          path,
          message: `expected one of ${issue.values.map((v) => String(v)).join(', ')} (got ${describe(issue.input)})`,
        });
        break;
      case 'invalid_type':
        out.push({
          path,
          message: issue.input === undefined ? `required (expected ${issue.expected})` : `expected ${issue.expected}, got ${describe(issue.input)}`,
        });
        break;
      case 'invalid_union': {
        // Report the alternative that got furthest, rather than a wall of every branch's complaints.
        const branches = issue.errors.filter((branch) => branch.length > 0);
        const best = branches.sort((a, b) => a.length - b.length)[0];
        if (path === 'store') {
          out.push({ path, message: 'expected { sqlite: PATH } or { postgres: URL }' });
        } else if (best) {
          out.push(...formatIssues(best));
        } else {
          out.push({ path, message: issue.message });
        }
        break;
      }
      default:
        out.push({ path, message: issue.message });
    }
  }
  return out;
}
