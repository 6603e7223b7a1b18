import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run-cli.js';
import { packageRoot } from '../../src/config/index.js';
import { tempDir } from '../helpers/temp-dir.js';

async function jaju(args: string[], cwd = packageRoot()): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env: {}, cwd });
  return { code, stdout: out, stderr: err };
}

const INPUTS = ['--sites', 'examples/compute/sites.yaml', '--applications', 'examples/compute/applications.yaml', '--policy', 'examples/compute/policy.yaml'];

describe('jaju allocate', () => {
  it('rejects a bad flag, a missing input and a bad format with one line and exit 2', async () => {
    for (const [args, message] of [
      [['allocate', '--bogus'], /^jaju allocate: Unknown option '--bogus'\n$/],
      [['allocate', '--sites', 'x.yaml'], /^jaju allocate: missing --applications FILE\n$/],
      [['allocate', ...INPUTS, '--format', 'pdf'], /^jaju allocate: --format expects table, json or html, got "pdf"\n$/],
      [['allocate', 'plan', '--sites', 'x'], /^jaju allocate: --sites does not apply to plan\n$/],
      [['allocate', 'frobnicate'], /^jaju allocate: unknown subcommand "frobnicate"/],
    ] as const) {
      const { code, stdout, stderr } = await jaju([...args]);
      assert.equal(code, 2, stderr);
      assert.match(stderr, message);
      assert.equal(stdout, '');
    }
  });

  it('names the path of an invalid input and exits 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sites.yaml'), 'sites:\n  - { id: dc1, region: Seoul, operator: x, ownership: public, powerBudgetMW: -1, pue: 1.2, gpus: [{ type: H100, count: 8, watts: 700 }] }\n');
    const { code, stderr } = await jaju(['allocate', '--sites', join(dir, 'sites.yaml'), '--applications', 'examples/compute/applications.yaml', '--policy', 'examples/compute/policy.yaml']);
    assert.equal(code, 2);
    assert.match(stderr, /^jaju allocate: .*sites\.yaml: sites\[0\]\.powerBudgetMW: Too small: expected number to be >0\n$/);
  });

  it('prints the allocation table for the national example', async () => {
    const { code, stdout } = await jaju(['allocate', ...INPUTS]);
    assert.equal(code, 0);
    assert.match(stdout, /^National GPU allocation — \d+ applications from \d+ organisations, 6 sites/);
    assert.match(stdout, /^1 national-security \(hard\)\s+public/m);
    assert.match(stdout, /^pangyo-cloud .* \(power cap\)$/m);
  });

  it('writes JSON, HTML, Kueue manifests that validate, and Slurm commands', async () => {
    const dir = tempDir();
    const { code, stderr } = await jaju(['allocate', ...INPUTS, '--format', 'json', '--out', join(dir, 'report.json'), '--kueue', join(dir, 'kueue'), '--slurm', join(dir, 'slurm.sh')]);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    assert.equal(report.kind, 'jaju.allocation-report');
    assert.match(report.applications[0].explanation, /^requested [\d,]+, granted [\d,]+: /);
    assert.deepEqual(readdirSync(join(dir, 'kueue')).sort(), [
      '00-namespaces.yaml',
      '10-resource-flavors.yaml',
      '20-cohorts.yaml',
      '30-workload-priority-classes.yaml',
      '40-cluster-queues.yaml',
      '50-local-queues.yaml',
      'kueue-configuration.snippet',
    ]);
    assert.match(stderr, /kubectl apply -f .*merge kueue-configuration\.snippet/);
    assert.match(readFileSync(join(dir, 'slurm.sh'), 'utf8'), /^#!\/usr\/bin\/env bash\n[\s\S]*^set -euo pipefail$[\s\S]*^ensure_qos jaju-sovereign-foundation Priority=50000 /m);

    const files = readdirSync(join(dir, 'kueue'))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => join(dir, 'kueue', name));
    const check = await jaju(['allocate', 'check-kueue', ...files]);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /^ok: \d+ objects valid against the Kueue v0\.19\.2 CRDs\n$/);

    // One set per site, for one cluster per site.
    const perSite = await jaju(['allocate', ...INPUTS, '--format', 'json', '--out', join(dir, 'again.json'), '--kueue', join(dir, 'per-site'), '--kueue-per-site']);
    assert.equal(perSite.code, 0, perSite.stderr);
    assert.deepEqual(readdirSync(join(dir, 'per-site')).sort(), ['busan-ai-dc', 'chuncheon-cloud', 'daejeon-nirs', 'gwangju-nadc', 'pangyo-cloud']);
    const busan = readdirSync(join(dir, 'per-site', 'busan-ai-dc')).filter((name) => name.endsWith('.yaml')).map((name) => join(dir, 'per-site', 'busan-ai-dc', name));
    const busanCheck = await jaju(['allocate', 'check-kueue', ...busan]);
    assert.equal(busanCheck.code, 0, busanCheck.stderr);
    assert.doesNotMatch(readFileSync(join(dir, 'per-site', 'busan-ai-dc', '10-resource-flavors.yaml'), 'utf8'), /gwangju/);

    const html = await jaju(['allocate', ...INPUTS, '--format', 'html']);
    assert.equal(html.code, 0);
    assert.match(html.stdout, /^<!doctype html>[\s\S]*<svg /);
  });

  it('refuses to write Kueue manifests past the Kueue limits (more than 64 sites of one type), and says how to split', async () => {
    const dir = tempDir();
    const sites = Array.from({ length: 65 }, (_, index) => `  - { id: s${index}, region: Seoul, operator: x, ownership: public, powerBudgetMW: 1, pue: 1.2, gpus: [{ type: H100, count: 8, watts: 700 }] }`);
    writeFileSync(join(dir, 'sites.yaml'), `sites:\n${sites.join('\n')}\n`);
    writeFileSync(join(dir, 'policy.yaml'), 'tiers: [{ id: t, pool: public }]\n');
    writeFileSync(join(dir, 'apps.yaml'), 'applications: [{ id: a, organisation: o, region: Seoul, sector: x, tier: t, gpuType: H100, gpus: 8 }]\n');
    const { code, stderr } = await jaju(['allocate', '--sites', 'sites.yaml', '--policy', 'policy.yaml', '--applications', 'apps.yaml', '--kueue', 'out'], dir);
    assert.equal(code, 1);
    assert.match(stderr, /^jaju allocate: 65 Kueue sites have H100 accelerators; Kueue allows 64 flavors in a resource group\. .*--kueue-per-site .*MultiKueue\.\n$/);
    assert.throws(() => readdirSync(join(dir, 'out')));
    const split = await jaju(['allocate', '--sites', 'sites.yaml', '--policy', 'policy.yaml', '--applications', 'apps.yaml', '--kueue', 'out', '--kueue-per-site'], dir);
    assert.equal(split.code, 0, split.stderr);
    assert.equal(readdirSync(join(dir, 'out')).length, 65);
  });

  it('check-kueue fails with the path of each problem', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: kueue.x-k8s.io/v1beta2\nkind: ClusterQueue\nmetadata: { name: cq }\nspec:\n  cohort: old-field\n  resourceGroups:\n    - coveredResources: [nvidia.com/gpu]\n      flavors: [{ name: h100, resources: [{ name: nvidia.com/gpu, nominalQuota: 8, lendingLimit: 0 }] }]\n',
    );
    const { code, stderr } = await jaju(['allocate', 'check-kueue', join(dir, 'bad.yaml')]);
    assert.equal(code, 1);
    assert.match(stderr, /document 1 \(ClusterQueue\/cq\) spec\.cohort: unknown field \(Kueue v0\.19\.2 ClusterQueue v1beta2 has no such field\)/);
    assert.match(stderr, /problems? in 1 objects \(Kueue v0\.19\.2 CRDs\)\n$/);
    const all = await jaju(['allocate', 'check-kueue', 'test/control/compute/fixtures/kueue-all-kinds.yaml']);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /^ok: 13 objects valid/);
    const partial = await jaju(['allocate', 'check-kueue', '--partial', join(dir, 'bad.yaml')]);
    assert.doesNotMatch(partial.stderr, /not defined in this set/);
  });

  it('warns about degenerate inputs on stderr and in the JSON, and still exits 0', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sites.yaml'), 'sites:\n  - { id: dc1, region: Seoul, operator: x, ownership: public, powerBudgetMW: 0.0001, pue: 1.2, gpus: [{ type: H100, count: 8, watts: 700 }] }\n');
    writeFileSync(join(dir, 'policy.yaml'), 'tiers: [{ id: t, pool: public }]\n');
    writeFileSync(join(dir, 'apps.yaml'), 'applications: [{ id: a, organisation: o, region: Seoul, sector: x, tier: t, gpuType: H100, gpus: 8, evaluationScore: 0 }]\n');
    const { code, stdout, stderr } = await jaju(['allocate', '--sites', 'sites.yaml', '--policy', 'policy.yaml', '--applications', 'apps.yaml', '--format', 'json'], dir);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /^warning: none of the 8 installed accelerators can run within the sites' power budgets/m);
    assert.match(stderr, /^warning: site dc1: its power budget of 0\.0001 MW runs none of its 8 accelerators/m);
    assert.match(stderr, /^warning: 1 application has an evaluationScore below 1: a \(0\)/m);
    assert.deepEqual(JSON.parse(stdout).warnings.map((warning: { code: string }) => warning.code), ['no-usable-capacity', 'power-leaves-nothing', 'score-clamped']);
  });

  it('runs a multi-year plan', async () => {
    const { code, stdout } = await jaju(['allocate', 'plan', '--scenario', 'examples/compute/plan.yaml', '--format', 'json']);
    assert.equal(code, 0);
    const plan = JSON.parse(stdout);
    assert.equal(plan.kind, 'jaju.allocation-plan');
    assert.deepEqual(plan.years.map((year: { year: number }) => year.year), [2026, 2027, 2028, 2029, 2030]);
  });

  it('prints help', async () => {
    const { code, stdout } = await jaju(['allocate', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /jaju allocate plan --scenario FILE/);
  });
});
