// Benchmark: what one Cedar authorization call costs, and where the time goes.
//   npx tsx bench/policy/cedar-call.ts [--iterations N]
// Same request and target throughout (O grade, one finding type, a foreign target); each row changes
// one thing, so the differences show what the request conversion and validation cost.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { parseConfig } from '../../src/config/index.js';
import type { Target } from '../../src/domain/index.js';
import { loadPolicyEngine } from '../../src/policy/index.js';
import { authorizationCall, type StepInput } from '../../src/policy/cedar-request.js';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '2000' } } });
const iterations = Number(values.iterations);

const engine = await loadPolicyEngine(parseConfig({}));
const prepared = { policySetId: `jaju-${engine.version}`, schemaName: `jaju-schema-${engine.version}` };
cedar.preparsePolicySet('bench-empty', { staticPolicies: {} });

const target: Target = {
  provider: 'openai',
  model: 'gpt-4.1',
  order: 0,
  profile: { operatorCountry: 'US', hostingCountry: 'US', deployment: 'foreign-cloud', accreditedGrades: [], certifications: [], weightsOrigin: 'US', openWeights: false, retainsData: true, trainsOnData: false },
};
const input: StepInput = { app: { id: 'research-assistant', grade: 'O', purpose: 'research', highImpact: false }, grade: 'O', home: 'KR', crisis: false, types: ['KR_RRN'], counts: { KR_RRN: 1 }, pseudonymized: false };
const call = authorizationCall(input, target, false, prepared);
const { preparsedSchemaName: _unused, ...withoutSchema } = call;

/** Enumerated values sent as plain strings (what the call would cost without enum entity types). */
function stringsInsteadOfEnums(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringsInsteadOfEnums);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const reference = record['__entity'] as { id: string } | undefined;
    if (reference) return reference.id;
    return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, stringsInsteadOfEnums(inner)]));
  }
  return value;
}
const stringsCall = { ...withoutSchema, context: stringsInsteadOfEnums(call.context), entities: stringsInsteadOfEnums(call.entities), validateRequest: false } as typeof call;

function measure(label: string, body: () => unknown): void {
  for (let index = 0; index < 200; index += 1) body();
  const samples = new Float64Array(iterations);
  for (let index = 0; index < iterations; index += 1) {
    const start = process.hrtime.bigint();
    body();
    samples[index] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  console.log(`${label.padEnd(62)} p50 ${samples[Math.floor(iterations / 2)]!.toFixed(1).padStart(7)} µs`);
}

console.log(`command: npx tsx bench/policy/cedar-call.ts --iterations ${iterations}`);
console.log(`node ${process.version}, ${cpus().length} cpus (${cpus()[0]?.model ?? 'unknown'}), cedar ${cedar.getCedarVersion()}, ${engine.rules.length} policies`);
measure('as jaju calls it (schema, validateRequest, enum entities)', () => cedar.statefulIsAuthorized(call));
measure('without request validation', () => cedar.statefulIsAuthorized({ ...call, validateRequest: false }));
measure('without the schema', () => cedar.statefulIsAuthorized({ ...withoutSchema, validateRequest: false }));
measure('without the schema, enums as plain strings', () => cedar.statefulIsAuthorized(stringsCall));
measure('no policies, no schema (request conversion only)', () => cedar.statefulIsAuthorized({ ...withoutSchema, validateRequest: false, preparsedPolicySetId: 'bench-empty' }));
measure('building the request object in JS', () => authorizationCall(input, target, false, prepared));
