import { parse } from '@marcbachmann/cel-js';

type Schema = Record<string, unknown>;
type Rule = { rule: string; message?: string; fieldPath?: string };

/**
 * Applies the schema's `default`s to a copy of an object, as the API server does before it validates:
 * CEL rules such as `self.whenCanBorrow == 'TryNextFlavor'` read defaulted fields.
 */
export function withDefaults(schema: unknown, value: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return value;
  const node = schema as Schema;
  if (Array.isArray(value)) return node['items'] === undefined ? value : value.map((item) => withDefaults(node['items'], item));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const properties = node['properties'] as Record<string, Schema> | undefined;
  if (properties !== undefined) {
    for (const [name, child] of Object.entries(properties)) {
      if (out[name] === undefined && child['default'] !== undefined) out[name] = structuredClone(child['default']);
      if (out[name] !== undefined) out[name] = withDefaults(child, out[name]);
    }
  }
  const additional = node['additionalProperties'];
  if (typeof additional === 'object' && additional !== null) {
    for (const [name, item] of Object.entries(out)) out[name] = withDefaults(additional, item);
  }
  return out;
}

const programs = new Map<string, ReturnType<typeof parse>>();

function program(rule: string): ReturnType<typeof parse> {
  let compiled = programs.get(rule);
  if (compiled === undefined) {
    compiled = parse(rule);
    programs.set(rule, compiled);
  }
  return compiled;
}

/** JSON → CEL values: integers are CEL ints (bigint), as the API server types schema integers. */
function celValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(celValue);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, celValue(item)]));
  return value;
}

export interface RuleFailure {
  segments: (string | number)[];
  message: string;
}

/**
 * Evaluates every `x-kubernetes-validations` rule of the schema against a (defaulted) object, where the
 * field it sits on is present. Transition rules (those reading `oldSelf`) apply only to updates and are
 * skipped: a manifest is checked as a create.
 */
export function celFailures(schema: unknown, value: unknown, segments: (string | number)[] = []): RuleFailure[] {
  if (typeof schema !== 'object' || schema === null || value === undefined || value === null) return [];
  const node = schema as Schema;
  const failures: RuleFailure[] = [];
  for (const rule of (node['x-kubernetes-validations'] as Rule[] | undefined) ?? []) {
    if (/\boldSelf\b/.test(rule.rule)) continue;
    const where = rule.fieldPath === undefined ? segments : [...segments, ...rule.fieldPath.replace(/^\./, '').split('.')];
    try {
      if (program(rule.rule)({ self: celValue(value) }) !== true) failures.push({ segments: where, message: rule.message ?? `failed rule: ${rule.rule}` });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      failures.push({ segments: where, message: `${rule.message ?? `rule ${rule.rule}`} (${reason})` });
    }
  }
  if (Array.isArray(value)) {
    if (node['items'] !== undefined) value.forEach((item, index) => failures.push(...celFailures(node['items'], item, [...segments, index])));
    return failures;
  }
  if (typeof value !== 'object') return failures;
  const record = value as Record<string, unknown>;
  const properties = node['properties'] as Record<string, unknown> | undefined;
  if (properties !== undefined) {
    for (const [name, child] of Object.entries(properties)) failures.push(...celFailures(child, record[name], [...segments, name]));
  }
  const additional = node['additionalProperties'];
  if (typeof additional === 'object' && additional !== null) {
    for (const [name, item] of Object.entries(record)) failures.push(...celFailures(additional, item, [...segments, name]));
  }
  return failures;
}
