import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { toYaml } from '../../../src/control/compute/export/manifest-yaml.js';
import { PROPERTY_RUNS } from './fixtures.js';

describe('manifest YAML writer', () => {
  it('writes block YAML that reads back as the same data (property, read by the yaml library)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.equal(JSON.stringify(parse(toYaml(value))), JSON.stringify(value));
      }),
      { ...PROPERTY_RUNS, numRuns: 300 },
    );
  });

  it('quotes strings that would read back as something else', () => {
    assert.equal(toYaml({ a: 'true', b: '5', c: 'null', d: 'x: y', e: 'nvidia.com/gpu', f: '', g: 'No' }), 'a: "true"\nb: "5"\nc: "null"\nd: "x: y"\ne: nvidia.com/gpu\nf: ""\ng: "No"\n');
    assert.equal(toYaml({ list: [{ name: 'h100', resources: [] }], empty: {} }), 'list:\n  - name: h100\n    resources: []\nempty: {}\n');
  });
});
