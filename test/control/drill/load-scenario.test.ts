import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfigFile } from '../../../src/config/index.js';
import { CapacityBucket } from '../../../src/control/drill/capacity.js';
import { checkScenario } from '../../../src/control/drill/check-scenario.js';
import { loadScenario, parseScenario, ScenarioError } from '../../../src/control/drill/index.js';
import { tempDir } from '../../helpers/temp-dir.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

function problem(input: unknown): string {
  try {
    parseScenario(input, 'drill.yaml');
  } catch (error) {
    assert.ok(error instanceof ScenarioError, `expected ScenarioError, got ${String(error)}`);
    assert.ok(!error.message.includes('\n'), 'one line');
    return error.message;
  }
  assert.fail('the scenario was accepted');
}

describe('scenario files', () => {
  it('ships the four example scenarios, valid against examples/jaju.yaml with every cut matching a provider', () => {
    const config = loadConfigFile(join(EXAMPLES, 'jaju.yaml'));
    const files = readdirSync(join(EXAMPLES, 'drills')).filter((name) => name.endsWith('.yaml')).sort();
    assert.deepEqual(files, ['domestic-cloud-outage.yaml', 'foreign-cloud-cut.yaml', 'onprem-down.yaml', 'us-operated-cut.yaml']);
    for (const file of files) {
      const scenario = loadScenario(join(EXAMPLES, 'drills', file));
      assert.equal(`${scenario.name}.yaml`, file);
      assert.ok(scenario.title.length > 0 && scenario.description.length > 0);
      assert.deepEqual(checkScenario(scenario, config), [], file);
    }
    const onpremDown = loadScenario(join(EXAMPLES, 'drills', 'onprem-down.yaml'));
    assert.deepEqual(onpremDown.cuts, [{ deployment: 'on-premises' }]);
    assert.deepEqual(onpremDown.capacity, [{ provider: 'kr-cloud', rps: 20 }, { provider: 'gov-enclave', workloadShare: 0.25 }]);
    assert.equal(onpremDown.weighting, 'criticality');
    assert.equal(onpremDown.crisis, false);
  });

  it('accepts a capacity of 0 requests per second, which takes nothing (docs/drills.md)', () => {
    const scenario = parseScenario({ title: 't', capacity: [{ provider: 'a', rps: 0 }] }, 'drill.yaml');
    assert.equal(scenario.capacity[0]!.rps, 0);
    const bucket = new CapacityBucket(0);
    assert.equal(bucket.tryTake(0), false);
    assert.equal(bucket.tryTake(60_000), false);
  });

  it('takes the name from the file when the file has none', () => {
    const dir = tempDir();
    const file = join(dir, 'vendor-exit.yaml');
    writeFileSync(file, 'title: Vendor exit\ncuts: [{ provider: openai }]\n');
    const scenario = loadScenario(file);
    assert.equal(scenario.name, 'vendor-exit');
    assert.equal(scenario.file, file);
  });

  it('names the path of every problem on one line', () => {
    assert.match(problem({ title: 't', cuts: [{ provider: 'a' }], capactiy: [] }), /^drill\.yaml: capactiy: unknown key/);
    assert.match(problem({ title: 't', cuts: [{ jurisdiction: 'us' }] }), /cuts\[0\]: jurisdiction: expected an ISO 3166-1 alpha-2 code/);
    assert.match(problem({ title: 't', cuts: [{ deployment: 'moon' }] }), /cuts\[0\]: deployment: expected one of on-premises, national-network, domestic-cloud, foreign-cloud/);
    assert.match(problem({ title: 't', cuts: [{ provider: 'a', jurisdiction: 'US' }] }), /cuts\[0\]: expected exactly one of provider, jurisdiction, deployment/);
    assert.match(problem({ title: 't', cuts: [{ provider: 'a', region: 'x' }] }), /cuts\[0\]: unknown key "region"/);
    assert.match(problem({ title: 't', capacity: [{ provider: 'a', rps: 1, baselineShare: 1 }] }), /capacity\[0\]: expected exactly one of rps, baselineShare, workloadShare/);
    assert.match(problem({ title: 't', capacity: [{ provider: 'a', rps: -1 }] }), /capacity\[0\]\.rps: Too small: expected number to be >=0/);
    assert.match(problem({ title: 't' }), /a scenario needs at least one cut or one capacity limit/);
    assert.match(problem({ cuts: [{ provider: 'a' }] }), /title: required/);
    assert.match(problem({ title: 't', cuts: [{ provider: 'a' }], weighting: 'votes' }), /weighting: expected one of criticality, requests/);
  });

  it('reports a missing file and a YAML syntax error with the file named', () => {
    const dir = tempDir();
    assert.throws(() => loadScenario(join(dir, 'absent.yaml')), /absent\.yaml: cannot read scenario: file not found/);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'title: [unclosed\n');
    assert.throws(() => loadScenario(broken), (error: unknown) => error instanceof ScenarioError && /broken\.yaml: YAML syntax error/.test(error.message));
    const duplicate = join(dir, 'duplicate.yaml');
    writeFileSync(duplicate, 'title: a\ntitle: b\ncuts: [{ provider: x }]\n');
    assert.throws(() => loadScenario(duplicate), /duplicate\.yaml: YAML syntax error/);
  });
});
