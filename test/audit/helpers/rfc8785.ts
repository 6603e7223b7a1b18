/**
 * A generic RFC 8785 (JSON Canonicalization Scheme) serializer, written independently of src/audit
 * (character by character, its own key order) to check the ledger's hand-written one against.
 */
export function rfc8785(value: unknown): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return serializeNumber(value);
  if (typeof value === 'string') return serializeString(value);
  if (Array.isArray(value)) return `[${value.map((item) => rfc8785(item)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => compareUtf16(a, b));
    return `{${entries.map(([key, item]) => `${serializeString(key)}:${rfc8785(item)}`).join(',')}}`;
  }
  throw new TypeError(`not JSON: ${typeof value}`);
}

/** §3.2.2.3: the ECMAScript Number serialisation; -0 is 0; NaN and Infinity are not JSON. */
function serializeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
  if (value === 0) return '0';
  return String(value);
}

const SHORT_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

/** §3.2.2.2: only ", \ and the C0 controls are escaped (short forms where JSON has them, else \u00xx lower-case). */
function serializeString(value: string): string {
  let out = '"';
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new TypeError('lone surrogate (not I-JSON)');
      out += value[index]! + value[index + 1]!;
      index += 1;
      continue;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) throw new TypeError('lone surrogate (not I-JSON)');
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) out += short;
    else if (unit < 0x20) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    else out += value[index];
  }
  return `${out}"`;
}

/** §3.2.3: property names sorted by their UTF-16 code units, compared as unsigned integers. */
function compareUtf16(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const difference = a.charCodeAt(index) - b.charCodeAt(index);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
