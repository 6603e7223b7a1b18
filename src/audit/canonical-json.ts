import { AuditRecordError } from './errors.js';

// A lone UTF-16 surrogate cannot be stored as UTF-8 (SQLite and PostgreSQL would alter it, and the
// record would no longer match its hash); NUL cannot be stored in PostgreSQL text at all. The cheap
// test (any surrogate at all) runs on every string; the exact one only on strings with surrogates.
const MAYBE_UNSTORABLE = /[\u0000\ud800-\udfff]/;
const UNSTORABLE = /\p{Cs}|\u0000/u;

/** Throws unless the string survives a UTF-8 round trip through both stores unchanged. */
export function assertStorableString(value: string, path: string): void {
  if (MAYBE_UNSTORABLE.test(value) && UNSTORABLE.test(value)) throw new AuditRecordError(`${path}: contains a NUL or a lone UTF-16 surrogate`);
}

/**
 * RFC 8785 canonical JSON of an arbitrary JSON value (used for the free-form `detail` field): object
 * keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string serialisation.
 * Properties whose value is undefined are left out, as JSON.stringify does; anything that is not
 * plain JSON (NaN, Infinity, Date, Map, class instances, bigint) is rejected rather than coerced.
 */
export function canonicalJson(value: unknown, path = 'value'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new AuditRecordError(`${path}: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      assertStorableString(value, path);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let text = '[';
        for (let index = 0; index < value.length; index += 1) text += `${index === 0 ? '' : ','}${canonicalJson(value[index], `${path}[${index}]`)}`;
        return `${text}]`;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) throw new AuditRecordError(`${path}: not a plain JSON object`);
      const record = value as Record<string, unknown>;
      let text = '{';
      for (const key of Object.keys(record).sort()) {
        const item = record[key];
        if (item === undefined) continue;
        assertStorableString(key, path);
        text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item, path)}`;
      }
      return `${text}}`;
    }
    default:
      throw new AuditRecordError(`${path}: a ${typeof value} is not JSON`);
  }
}
