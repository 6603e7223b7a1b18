import { createHash } from 'node:crypto';
import type { DetailedError, PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';
import { cedarMessage, type Cedar } from './cedar-module.js';
import { PolicyLoadError } from './policy-load-error.js';
import { readsContextAttribute } from './reads-context-attribute.js';
import { lineAtByteOffset, splitPolicyStatements } from './source-text.js';

/** One policy file's text and where it came from. */
export interface PolicySource {
  /** Path shown in errors and explanations. */
  file: string;
  /** Built-in pack name, or null for an operator file. */
  pack: string | null;
  text: string;
}

/** What the engine knows about one loaded policy, for explanations and `jaju policy test`. */
export interface PolicyRule {
  id: string;
  effect: 'permit' | 'forbid';
  /** The policy's @reason annotation, if it has one. */
  reason: string | null;
  file: string;
  line: number;
  pack: string | null;
}

/** A validated policy set, ready to be preparsed. */
export interface CompiledPolicySet {
  /** Hash of the schema and every policy's id and text: changes whenever the policy set does. */
  version: string;
  schemaText: string;
  /** Policy id → policy text, the form Cedar reports determining policies by. */
  policies: Record<string, string>;
  rules: Map<string, PolicyRule>;
  /** Whether any policy can read context.findingCounts (if none can, counts stay out of the cache key). */
  readsFindingCounts: boolean;
}

const POLICY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function firstLocation(errors: readonly DetailedError[]): number | null {
  for (const error of errors) {
    const location = error.sourceLocations?.[0];
    if (location) return location.start;
  }
  return null;
}

function describeErrors(errors: readonly DetailedError[]): string {
  const [first, ...rest] = errors;
  if (!first) return 'unknown Cedar error';
  return rest.length === 0 ? cedarMessage(first) : `${cedarMessage(first)} (and ${rest.length} more)`;
}

function checkSchema(cedar: Cedar, schema: { file: string; text: string }): void {
  const answer = cedar.checkParseSchema(schema.text);
  if (answer.type === 'success') return;
  const offset = firstLocation(answer.errors);
  throw new PolicyLoadError(schema.file, offset === null ? null : lineAtByteOffset(schema.text, offset), describeErrors(answer.errors));
}

function parseSource(cedar: Cedar, source: PolicySource, rules: Map<string, PolicyRule>, policies: Record<string, string>): boolean {
  // Cedar's own whole-file parse first: its messages for a broken file are the most faithful.
  const whole = cedar.checkParsePolicySet({ staticPolicies: source.text });
  if (whole.type === 'failure') {
    const offset = firstLocation(whole.errors);
    if (offset !== null) throw new PolicyLoadError(source.file, lineAtByteOffset(source.text, offset), describeErrors(whole.errors));
  }
  let readsCounts = false;
  for (const statement of splitPolicyStatements(source.text)) {
    const parsed = cedar.policyToJson(statement.text);
    if (parsed.type === 'failure') {
      const offset = firstLocation(parsed.errors);
      const line = offset === null ? statement.line : lineAtByteOffset(statement.text, offset, statement.line);
      throw new PolicyLoadError(source.file, line, describeErrors(parsed.errors));
    }
    const json: PolicyJson = parsed.json;
    const id = json.annotations?.['id'];
    if (typeof id !== 'string' || !POLICY_ID.test(id)) {
      throw new PolicyLoadError(
        source.file,
        statement.line,
        typeof id === 'string'
          ? `@id("${id}") is not a usable policy id (letters, digits, ".", "_", ":" or "-", starting with a letter or digit)`
          : 'policy has no @id("…") annotation; every policy needs one so that decisions can name it',
      );
    }
    const existing = rules.get(id);
    if (existing) {
      throw new PolicyLoadError(source.file, statement.line, `duplicate policy id "${id}" (already defined at ${existing.file}:${existing.line})`);
    }
    const reason = json.annotations?.['reason'];
    rules.set(id, {
      id,
      effect: json.effect,
      reason: typeof reason === 'string' && reason !== '' ? reason : null,
      file: source.file,
      line: statement.line,
      pack: source.pack,
    });
    policies[id] = statement.text;
    readsCounts ||= readsContextAttribute(json, 'findingCounts');
  }
  if (whole.type === 'failure') {
    // Every statement parsed on its own, yet the file as a whole did not: report Cedar's message.
    throw new PolicyLoadError(source.file, null, describeErrors(whole.errors));
  }
  return readsCounts;
}

/**
 * Parses every source, checks each policy's @id, and validates the whole set against the schema in
 * strict mode. Throws PolicyLoadError naming the file and line of the first problem.
 */
export function compilePolicySet(cedar: Cedar, schema: { file: string; text: string }, sources: readonly PolicySource[]): CompiledPolicySet {
  checkSchema(cedar, schema);
  const rules = new Map<string, PolicyRule>();
  const policies: Record<string, string> = {};
  let readsFindingCounts = false;
  for (const source of sources) readsFindingCounts = parseSource(cedar, source, rules, policies) || readsFindingCounts;

  const validation = cedar.validate({ schema: schema.text, policies: { staticPolicies: policies }, validationSettings: { mode: 'strict' } });
  if (validation.type === 'failure') {
    const offset = firstLocation(validation.errors);
    throw new PolicyLoadError(schema.file, offset === null ? null : lineAtByteOffset(schema.text, offset), describeErrors(validation.errors));
  }
  const [problem, ...others] = validation.validationErrors;
  if (problem) {
    const rule = rules.get(problem.policyId);
    const text = policies[problem.policyId] ?? '';
    const offset = problem.error.sourceLocations?.[0]?.start;
    const more = others.length === 0 ? '' : ` (and ${others.length} more validation ${others.length === 1 ? 'error' : 'errors'})`;
    throw new PolicyLoadError(
      rule?.file ?? 'policies',
      rule ? (offset === undefined ? rule.line : lineAtByteOffset(text, offset, rule.line)) : null,
      `${cedarMessage(problem.error)}${more}`,
    );
  }

  const hash = createHash('sha256').update(schema.text).update('\0');
  for (const [id, text] of Object.entries(policies)) hash.update(id).update('\0').update(text).update('\0');
  return { version: hash.digest('hex').slice(0, 16), schemaText: schema.text, policies, rules, readsFindingCounts };
}
