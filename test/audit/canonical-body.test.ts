import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { recordHash, sha256 } from '../../src/audit/chain-hash.js';
import { AuditRecordError } from '../../src/audit/errors.js';
import { prepareRow } from '../../src/audit/prepare-row.js';
import { composeBody } from '../../src/audit/record-row.js';
import { AUDIT_KINDS, FINDING_TYPES, type AuditRecordInput } from '../../src/domain/index.js';
import { record } from './helpers/records.js';
import { rfc8785 } from './helpers/rfc8785.js';

const storable = (value: string) => !/\p{Cs}|\u0000/u.test(value);
const text = fc.string({ unit: 'binary', maxLength: 24 }).filter(storable);
const nullableText = fc.option(text, { nil: null });
const real = fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null });
const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const json = fc.jsonValue({ maxDepth: 3 }).filter((value) => storable(JSON.stringify(value)));

const recordInput: fc.Arbitrary<AuditRecordInput> = fc.record({
  kind: fc.constantFrom(...AUDIT_KINDS),
  time: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
  requestId: nullableText,
  app: nullableText,
  alias: nullableText,
  grade: fc.constantFrom('C', 'S', 'O', null),
  purpose: nullableText,
  highImpact: fc.boolean(),
  findings: fc.dictionary(fc.constantFrom(...FINDING_TYPES), count, { maxKeys: 5 }),
  decision: fc.option(fc.record({ permitted: fc.array(text, { maxLength: 3 }), denied: fc.array(text, { maxLength: 3 }), rules: fc.array(text, { maxLength: 3 }) }), { nil: null }),
  provider: nullableText,
  model: nullableText,
  operatorCountry: nullableText,
  hostingCountry: nullableText,
  mode: fc.constantFrom('raw', 'pseudonymized', null),
  outcome: fc.constantFrom('ok', 'error', 'denied', 'aborted', 'unavailable', null),
  status: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }),
  latencyMs: real,
  tokens: fc.option(fc.record({ prompt: count, completion: count, total: count }), { nil: null }),
  energyWh: real,
  co2g: real,
  detail: fc.option(fc.dictionary(text, json, { maxKeys: 4 }), { nil: null }),
}) as fc.Arbitrary<AuditRecordInput>;

const PREV = 'ab'.repeat(32);

describe('canonical record body', () => {
  it('equals a generic RFC 8785 serialisation of the record without its hash, for any record', () => {
    fc.assert(
      fc.property(recordInput, fc.integer({ min: 1, max: 2 ** 50 }), (input, seq) => {
        const { pending, record: prepared } = prepareRow(input, () => new Date());
        const body = composeBody(pending, PREV, seq);
        const { hash: _placeholder, ...withoutHash } = prepared;
        assert.equal(body, rfc8785({ ...withoutHash, seq, prevHash: PREV }));
        assert.deepEqual(JSON.parse(body), { ...withoutHash, seq, prevHash: PREV });
      }),
      { numRuns: 400 },
    );
  });

  it('serialises free-form JSON like the generic implementation', () => {
    fc.assert(fc.property(json, (value) => assert.equal(canonicalJson(value), rfc8785(value))), { numRuns: 400 });
  });

  it('matches the RFC 8785 examples: key order by UTF-16 code units, escapes, numbers', () => {
    const keys = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    assert.equal(
      canonicalJson(keys),
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    const example = { numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001], string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/', literals: [null, true, false] };
    assert.equal(canonicalJson(example), '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
    const numbers: [number, string][] = [
      [-0, '0'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'],
      [295147905179352830000, '295147905179352830000'],
      [1e23, '1e+23'],
      [1e21, '1e+21'],
      [0.000001, '0.000001'],
      [9.999999999999997e-7, '9.999999999999997e-7'],
      [-0.0000033333333333333333, '-0.0000033333333333333333'],
      [1424953923781206.2, '1424953923781206.2'],
    ];
    for (const [value, expected] of numbers) assert.equal(canonicalJson(value), expected);
  });

  it('hashes as sha256(prevHash + body), hex', () => {
    const body = '{"a":1}';
    assert.equal(recordHash(PREV, body), sha256(PREV + body));
    assert.equal(sha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses what cannot be stored or hashed faithfully', () => {
    const bad: Partial<AuditRecordInput>[] = [
      { latencyMs: Number.POSITIVE_INFINITY },
      { status: 200.5 },
      { app: 'nul\u0000byte' },
      { purpose: 'lone \udc00 surrogate' },
      { findings: { KR_RRN: -1 } },
      { findings: { 'lower-case': 1 } as never },
      { detail: { when: new Date() } },
      { detail: { big: 10n } as never },
      { detail: [1, 2] as never },
      { grade: 'X' as never },
      { time: 'not a time' },
      { highImpact: 'yes' as never },
      { decision: { permitted: [1], denied: [], rules: [] } as never },
    ];
    for (const overrides of bad) {
      assert.throws(() => prepareRow(record(overrides), () => new Date()), AuditRecordError, JSON.stringify(overrides, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value)));
    }
  });
});
