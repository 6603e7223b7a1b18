import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/config/config-error.js';
import { parseCsv } from '../../../src/control/compute/input/csv.js';
import { loadAllocationInput, loadApplicationsFile, loadPolicyFile, loadSitesFile } from '../../../src/control/compute/input/load-inputs.js';
import { organisationNamespace, parseApplications, parsePolicy, parseSites } from '../../../src/control/compute/input/parse-inputs.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { application, site, tiers } from './fixtures.js';

const EXAMPLES = 'examples/compute';

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  assert.fail('the input was accepted');
}

const policy = parsePolicy({ tiers: tiers('t1', 't2'), periodHours: 1000 });

describe('allocation inputs', () => {
  it('loads the national-programme examples', () => {
    const input = loadAllocationInput({ sites: `${EXAMPLES}/sites.yaml`, applications: `${EXAMPLES}/applications.yaml`, policy: `${EXAMPLES}/policy.yaml` });
    assert.equal(input.sites.length, 6);
    const installed = input.sites.flatMap((entry) => entry.gpus).reduce((sum, pool) => sum + pool.count, 0);
    assert.ok(installed >= 10_000, `${installed} accelerators`);
    assert.ok(input.applications.length >= 300, `${input.applications.length} applications`);
    assert.deepEqual(input.policy.tiers.map((tier) => tier.id), ['national-security', 'sovereign-foundation', 'korean-culture-industry', 'research-academia', 'industry-startups']);
    const nirs = input.sites.find((entry) => entry.id === 'daejeon-nirs')!;
    assert.deepEqual(nirs.accreditedGrades, ['C']);
    assert.equal(nirs.powerBudgetW, 600_000);
    // Grid intensity defaults to the official Korean factor.
    assert.equal(nirs.gridKgCo2PerKwh, 0.4173);
  });

  it('reads applications from CSV, with quoted fields, yes/no and GPU-hour budgets', () => {
    const examplePolicy = loadPolicyFile(`${EXAMPLES}/policy.yaml`);
    const applications = loadApplicationsFile(`${EXAMPLES}/applications-sample.csv`, examplePolicy);
    assert.equal(applications.length, 7);
    const legal = applications.find((entry) => entry.id === 'ki-demo-1')!;
    assert.equal(legal.title, 'Korean legal-document reasoning (finance, insurance)');
    assert.equal(legal.koreanCulture, true);
    assert.equal(legal.evaluationScore, 81);
    // 8,000 GPU-hours on 16 GPUs is 500 hours each.
    assert.equal(applications.find((entry) => entry.id === 'ac-demo-2')!.hours, 500);
    // A bare 25,000 GPU-hour budget over a 4,380-hour period: the fewest GPUs that deliver it.
    const voucher = applications.find((entry) => entry.id === 'su-demo-1')!;
    assert.equal(voucher.gpus, 6);
    assert.ok(Math.abs(voucher.gpus * voucher.hours - 25_000) < 1e-6);
  });

  it('names the CSV line of a bad cell', () => {
    const dir = tempDir();
    const file = join(dir, 'apps.csv');
    writeFileSync(file, 'id,organisation,region,sector,tier,gpuType,gpus\na,Org,Seoul,research,t1,H100,8\nb,Org,Seoul,research,t1,H100,eight\n');
    assert.deepEqual(
      problems(() => loadApplicationsFile(file, policy)),
      ['applications[1].gpus: expected number, got "eight" (line 3)'],
    );
    writeFileSync(file, 'id,organisation\n"a,Org\n');
    assert.deepEqual(
      problems(() => loadApplicationsFile(file, policy)),
      ['line 2: CSV syntax error: a quoted field is never closed'],
    );
  });

  it('rejects bad sites with the path of every problem', () => {
    assert.deepEqual(
      problems(() =>
        parseSites({
          sites: [
            site('dc1', 10, { ownership: 'state', accreditedGrades: ['X'] }),
            site('dc1', 10, { pue: 0.8, gpus: [{ type: 'H100', count: 1, watts: 700, wats: 1 }] }),
            { ...site('dc3', 10), gpus: [{ type: 'H100', count: 1, watts: 700 }, { type: 'h100', count: 2, watts: 700 }] },
          ],
        }),
      ),
      [
        'sites[0].ownership: expected one of public, private (got "state")',
        'sites[0].accreditedGrades[0]: expected one of C, S, O (got "X")',
        'sites[1].pue: Too small: expected number to be >=1',
        'sites[1].gpus[0].wats: unknown key',
      ],
    );
    assert.deepEqual(problems(() => parseSites({ sites: [site('dc1', 10), site('dc1', 10)] })), ['sites[1].id: duplicate site id "dc1"']);
    assert.deepEqual(
      problems(() => parseSites({ sites: [{ ...site('dc3', 10), gpus: [{ type: 'H100', count: 1, watts: 700 }, { type: 'h100', count: 2, watts: 700 }] }] })),
      ['sites[0].gpus[1].type: "h100" is listed twice at this site'],
    );
    assert.deepEqual(problems(() => parseSites({ sites: [site('Bad_Id', 1)] })), ['sites[0].id: expected a lower-case DNS label: a–z, 0–9 and "-", at most 63 characters']);
  });

  it('rejects a policy whose reserves or guarantees do not fit', () => {
    assert.deepEqual(
      problems(() => parsePolicy({ tiers: [{ id: 'a', pool: 'public', reserve: 0.7 }, { id: 'b', pool: 'private', reserve: 0.5 }] })),
      ['tiers: reserves add up to 1.2, more than the whole capacity (1)', "split: each pool's guarantee plus the other pool's tier reserves exceed the capacity (1.2 > 1)"],
    );
    assert.deepEqual(
      problems(() => parsePolicy({ tiers: [{ id: 'a', pool: 'public', reserve: 0.5 }], split: { private: 0.6 } })),
      ["split: each pool's guarantee plus the other pool's tier reserves exceed the capacity (1.1 > 1)"],
    );
    assert.deepEqual(
      problems(() => parsePolicy({ tiers: [{ id: 'a', pool: 'public', preemption: { reclaimWithinCohort: 'Sometimes' } }] })),
      ['tiers[0].preemption.reclaimWithinCohort: expected one of Never, LowerPriority, Any (got "Sometimes")'],
    );
    assert.deepEqual(problems(() => parsePolicy({ tiers: [{ id: 'a', pool: 'public' }], organisationCap: { exemptTiers: ['zz'] } })), ['organisationCap.exemptTiers[0]: unknown tier "zz"']);
    assert.deepEqual(problems(() => parsePolicy({ tiers: [{ id: 'a', pool: 'public' }], tier: [] })), ['tier: unknown key']);
  });

  it('rejects applications that contradict themselves or the policy', () => {
    assert.deepEqual(
      problems(() =>
        parseApplications(
          {
            applications: [
              application('a', 't1', 8, { minGpus: 16 }),
              application('b', 'nope', 8),
              application('c', 't2', 8, { hours: 2000 }),
              { ...application('d', 't1', 8), gpus: undefined },
              application('a', 't1', 8, { dataGrade: 'secret' }),
            ],
          },
          policy,
        ),
      ),
      ['applications[0].minGpus: exceeds the request (gpus: 8)', 'applications[3].gpus: required: give gpus (with hours or gpuHours) or gpuHours', 'applications[4].dataGrade: expected one of C, S, O (got "secret")'],
    );
    assert.deepEqual(
      problems(() => parseApplications({ applications: [application('a', 't1', 8), application('b', 'nope', 8), application('c', 't2', 8, { hours: 2000 }), application('a', 't1', 8)] }, policy)),
      [
        'applications[1].tier: unknown tier "nope" (the policy has t1, t2)',
        'applications[2].hours: asks for 2000 hours, longer than the allocation period of 1000 hours',
        'applications[3].id: duplicate application id "a"',
      ],
    );
  });

  it('reports unreadable files and YAML syntax errors', () => {
    assert.match(problems(() => loadSitesFile('/nonexistent/sites.yaml'))[0]!, /cannot read the sites file: file not found/);
    const dir = tempDir();
    writeFileSync(join(dir, 'policy.yaml'), 'tiers: [\n');
    assert.match(problems(() => loadPolicyFile(join(dir, 'policy.yaml')))[0]!, /^: YAML syntax error/);
  });

  it('derives a namespace for organisations, hashing names without Latin letters', () => {
    assert.equal(organisationNamespace('Seoul National University Hospital'), 'org-seoul-national-university-hospital');
    assert.match(organisationNamespace('한국전자통신연구원'), /^org-[0-9a-f]{12}$/);
    assert.equal(organisationNamespace('한국전자통신연구원'), organisationNamespace('한국전자통신연구원'));
  });

  it('parses RFC 4180 CSV', () => {
    const table = parseCsv('\ufeffa,b,c\r\n1,"two, with comma","say ""hi"""\r\n\r\n4,"multi\nline",6\n');
    assert.deepEqual(table.header, ['a', 'b', 'c']);
    assert.deepEqual(table.rows, [
      { line: 2, cells: ['1', 'two, with comma', 'say "hi"'] },
      { line: 4, cells: ['4', 'multi\nline', '6'] },
    ]);
    assert.throws(() => parseCsv('a,b\n1\n'), /1 fields, but the header has 2/);
    assert.throws(() => parseCsv('a\nx"y\n'), /quote inside an unquoted field/);
    assert.throws(() => parseCsv(''), /empty/);
  });
});
