import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { CrdVersion } from './crd-catalog.js';

type Schema = Record<string, unknown>;

/**
 * Turns a CRD version's structural `openAPIV3Schema` into a JSON Schema that Ajv validates the way the
 * API server does when `kubectl apply` uses strict field validation (its default): unknown fields are
 * errors (except under `x-kubernetes-preserve-unknown-fields`), int-or-string is integer or string,
 * and list-type `map`/`set` lists may not repeat keys. Descriptions are dropped; CEL rules and defaults
 * are applied separately (cel-rules.ts), as the API server does after defaulting.
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const source = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'description' || key === 'default' || key === 'x-kubernetes-validations' || key === 'example') continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([name, child]) => [name, toJsonSchema(child)]));
    } else if (key === 'x-kubernetes-list-type') {
      out['x-jaju-list'] = { type: value, keys: source['x-kubernetes-list-map-keys'] ?? [] };
    } else if (key.startsWith('x-kubernetes-')) {
      continue;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (source['x-kubernetes-int-or-string'] === true) {
    delete out['anyOf'];
    out['type'] = ['integer', 'string'];
  }
  if (source['properties'] !== undefined && source['additionalProperties'] === undefined && source['x-kubernetes-preserve-unknown-fields'] !== true) {
    out['additionalProperties'] = false;
  }
  return out;
}

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

/** ObjectMeta as clients may write it; the API server rejects other fields under strict validation. */
const OBJECT_META: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    labels: stringMap,
    annotations: stringMap,
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: { type: 'array', items: { type: 'object' } },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: ['string', 'null'] },
    deletionTimestamp: { type: 'string' },
    deletionGracePeriodSeconds: { type: 'integer' },
    managedFields: { type: 'array', items: { type: 'object' } },
    selfLink: { type: 'string' },
  },
};

let ajv: Ajv | undefined;
const compiled = new Map<CrdVersion, ValidateFunction>();

function instance(): Ajv {
  if (ajv !== undefined) return ajv;
  // CRD patterns are Go (RE2) regular expressions; the only RE2-only syntax in Kueue's is an inline (?i).
  const goRegExp = Object.assign((pattern: string, flags: string) => (pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags)), {
    code: 'new RegExp',
  });
  ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, code: { regExp: goRegExp } });
  ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1 });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
  ajv.addKeyword({
    keyword: 'x-jaju-list',
    type: 'array',
    errors: true,
    validate: function listType(this: unknown, spec: { type: string; keys: string[] }, data: unknown[]) {
      const self = listType as unknown as { errors: Partial<ErrorObject>[] };
      self.errors = [];
      if (spec.type !== 'map' && spec.type !== 'set') return true;
      const seen = new Map<string, number>();
      data.forEach((item, index) => {
        const key =
          spec.type === 'map' && typeof item === 'object' && item !== null
            ? JSON.stringify(spec.keys.map((name) => (item as Schema)[name] ?? null))
            : JSON.stringify(item);
        if (seen.has(key)) {
          self.errors.push({
            keyword: 'x-jaju-list',
            params: { index, first: seen.get(key) },
            message: spec.type === 'map' ? `duplicate entry: ${spec.keys.join(', ')} ${key.slice(1, -1)} is also at [${seen.get(key)}]` : `duplicate value ${key} (also at [${seen.get(key)}])`,
          });
        } else {
          seen.set(key, index);
        }
      });
      return self.errors.length === 0;
    },
  });
  return ajv;
}

/** The compiled validator of a CRD version (compiled once per process). */
export function crdValidator(crd: CrdVersion): ValidateFunction {
  let validate = compiled.get(crd);
  if (validate === undefined) {
    const schema = toJsonSchema(crd.schema) as Schema;
    const properties = { ...(schema['properties'] as Schema), metadata: OBJECT_META };
    validate = instance().compile({ ...schema, properties, required: [...new Set([...((schema['required'] as string[]) ?? []), 'apiVersion', 'kind', 'metadata'])], additionalProperties: false });
    compiled.set(crd, validate);
  }
  return validate;
}

/** A JSON pointer (`/spec/resourceGroups/0`) as path segments. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** One readable problem per Ajv error: the path of the offending field and what is wrong with it. */
export function describeSchemaError(error: ErrorObject, where: string): { segments: (string | number)[]; message: string } {
  const segments = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { segments: [...segments, String(params['additionalProperty'])], message: `unknown field (${where} has no such field)` };
    case 'required':
      return { segments: [...segments, String(params['missingProperty'])], message: 'required' };
    case 'enum':
      return { segments, message: `must be one of ${(params['allowedValues'] as unknown[]).join(', ')}` };
    case 'type': {
      const type = params['type'];
      return { segments, message: `must be of type ${Array.isArray(type) ? type.join(' or ') : String(type)}` };
    }
    case 'pattern':
      return { segments, message: `must match ${String(params['pattern'])}` };
    case 'maxItems':
      return { segments, message: `must have at most ${String(params['limit'])} items` };
    case 'minItems':
      return { segments, message: `must have at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}` };
    case 'maxLength':
      return { segments, message: `must be at most ${String(params['limit'])} characters` };
    case 'minLength':
      return { segments, message: `must be at least ${String(params['limit'])} character${params['limit'] === 1 ? '' : 's'}` };
    case 'maxProperties':
      return { segments, message: `must have at most ${String(params['limit'])} entries` };
    case 'minimum':
      return { segments, message: `must be ${String(params['comparison'])} ${String(params['limit'])}` };
    case 'format':
      return { segments, message: `must be a valid ${String(params['format'])}` };
    default:
      return { segments, message: error.message ?? error.keyword };
  }
}
