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

/** The part of a schema that leads to CEL rules: checking an object walks only these branches. */
interface RuleTree {
  /** The full schema node here, for defaults. */
  schema: Schema;
  rules: Rule[];
  properties: Map<string, RuleTree>;
  items: RuleTree | null;
  additional: RuleTree | null;
}

const trees = new WeakMap<object, RuleTree | null>();

function ruleTree(schema: unknown): RuleTree | null {
  if (typeof schema !== 'object' || schema === null) return null;
  if (trees.has(schema)) return trees.get(schema)!;
  const node = schema as Schema;
  // Transition rules (those reading `oldSelf`) apply only to updates: a manifest is checked as a create.
  const rules = ((node['x-kubernetes-validations'] as Rule[] | undefined) ?? []).filter((rule) => !/\boldSelf\b/.test(rule.rule));
  const properties = new Map<string, RuleTree>();
  for (const [name, child] of Object.entries((node['properties'] as Record<string, unknown> | undefined) ?? {})) {
    const tree = ruleTree(child);
    if (tree !== null) properties.set(name, tree);
  }
  const items = ruleTree(node['items']);
  const additional = ruleTree(node['additionalProperties']);
  const tree = rules.length === 0 && properties.size === 0 && items === null && additional === null ? null : { schema: node, rules, properties, items, additional };
  trees.set(schema, tree);
  return tree;
}

/**
 * Evaluates the schema's `x-kubernetes-validations` rules against an object, where the field a rule sits
 * on is present, after applying the schema's defaults to that field (as the API server does).
 */
export function celFailures(schema: unknown, value: unknown): RuleFailure[] {
  const failures: RuleFailure[] = [];
  const tree = ruleTree(schema);
  if (tree !== null) walk(tree, value, [], failures);
  return failures;
}

function walk(tree: RuleTree, value: unknown, segments: (string | number)[], failures: RuleFailure[]): void {
  if (value === undefined || value === null) return;
  const self = tree.rules.length > 0 ? withDefaults(tree.schema, value) : value;
  for (const rule of tree.rules) {
    const where = rule.fieldPath === undefined ? segments : [...segments, ...rule.fieldPath.replace(/^\./, '').split('.')];
    try {
      if (program(rule.rule)({ self: celValue(self) }) !== true) failures.push({ segments: where, message: rule.message ?? `failed rule: ${rule.rule}` });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      failures.push({ segments: where, message: `${rule.message ?? `rule ${rule.rule}`} (${reason})` });
    }
  }
  if (Array.isArray(self)) {
    if (tree.items !== null) self.forEach((item, index) => walk(tree.items!, item, [...segments, index], failures));
    return;
  }
  if (typeof self !== 'object') return;
  const record = self as Record<string, unknown>;
  for (const [name, child] of tree.properties) {
    // An absent field with a default is there for its rules, as after the API server's defaulting.
    const item = record[name] === undefined && child.schema['default'] !== undefined ? structuredClone(child.schema['default']) : record[name];
    walk(child, item, [...segments, name], failures);
  }
  if (tree.additional !== null) for (const [name, item] of Object.entries(record)) walk(tree.additional, item, [...segments, name], failures);
}
