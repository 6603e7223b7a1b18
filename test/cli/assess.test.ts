import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inventoryJsonSchema, type Assessment, type Comparison } from '../../src/control/assess/index.js';
import { runJaju } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeYaml } from '../control/assess/assess-fixtures.js';

const INVENTORY = join('examples', 'assess', 'inventory.yaml');
const PLAN = join('examples', 'assess', 'plan.yaml');
const ANSWERS = join('examples', 'assess', 'answers.yaml');

describe('jaju assess', () => {
  const dir = tempDir('jaju-assess-cli-');

  it('prints the JSON contract for the example estate', async () => {
    const result = await runJaju(['assess', '--inventory', INVENTORY, '--answers', ANSWERS, '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const assessment = JSON.parse(result.stdout) as Assessment;
    assert.deepEqual(assessment.objectives.map((objective) => objective.id), ['SOV-1', 'SOV-2', 'SOV-3', 'SOV-4', 'SOV-5', 'SOV-6', 'SOV-7', 'SOV-8']);
    for (const objective of assessment.objectives) {
      assert.ok(objective.score >= 0 && objective.score <= 100);
      assert.ok([0, 1, 2, 3, 4].includes(objective.seal));
      assert.ok(objective.answers.length > 0);
      // Objective score and SEAL recomputed from its own answers.
      assert.ok(Math.abs(objective.score - objective.answers.reduce((sum, answer) => sum + answer.value, 0) / objective.answers.length) < 1e-9);
      assert.equal(objective.seal, Math.min(...objective.answers.map((answer) => answer.seal)));
      for (const answer of objective.answers) assert.ok(answer.source === 'unanswered' || answer.evidence.length > 0, `${answer.criterion} has evidence`);
    }
    assert.ok(Math.abs(assessment.objectives.reduce((sum, objective) => sum + objective.weight, 0) - 1) < 1e-12);
    assert.ok(Math.abs(assessment.overall.score - assessment.objectives.reduce((sum, objective) => sum + objective.weight * objective.score, 0)) < 1e-9);
    assert.equal(assessment.overall.seal, Math.min(...assessment.objectives.flatMap((objective) => objective.answers.map((answer) => answer.seal))));
    assert.deepEqual(Object.keys(assessment.layers[0]!).filter((key) => ['layer', 'hhiBySupplier', 'hhiByCountry', 'singlePointsOfFailure'].includes(key)).sort(), ['hhiByCountry', 'hhiBySupplier', 'layer', 'singlePointsOfFailure']);
    assert.ok(assessment.improvements.length > 0 && assessment.improvements[0]!.rank === 1);
    // Without --config there is no observed evidence.
    assert.equal(assessment.evidence, null);
    // The NVIDIA support contract is what holds the example's SEAL at 0.
    assert.equal(assessment.bottlenecks[0]!.component, 'nvidia-support');
  });

  it('prints a terminal table whose columns line up with Korean names', async () => {
    const result = await runJaju(['assess', '--inventory', INVENTORY, '--answers', ANSWERS]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Overall: SEAL-\d/m);
    const rows = result.stdout.split('\n').filter((line) => /^SOV-\d  /.test(line));
    assert.equal(rows.length, 8);
    // The weight column ends at the same display column on every row, Hangul counted double.
    const { default: stringWidth } = await import('string-width');
    const ends = rows.map((line) => stringWidth(line.slice(0, line.search(/\d+%/) + line.match(/\d+%/)![0].length)));
    assert.equal(new Set(ends).size, 1, rows.join('\n'));
  });

  it('writes a self-contained HTML report', async () => {
    const out = join(dir, 'report.html');
    const result = await runJaju(['assess', '--inventory', INVENTORY, '--answers', ANSWERS, '--format', 'html', '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    const html = readFileSync(out, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<svg[^>]*role="img"[\s\S]*Score per objective/);
    assert.match(html, /Supplier country share per layer/);
    assert.match(html, /id="method"/);
    assert.match(html, /Cloud Sovereignty Framework, version 1\.2\.1/);
    assert.doesNotMatch(html, /<script(?![^>]*application\/json)/);
    assert.doesNotMatch(html, /(src|href)="https?:/);
  });

  it('compares today with the plan, per objective and overall', async () => {
    const result = await runJaju(['assess', 'compare', '--inventory', INVENTORY, '--inventory', PLAN, '--answers', ANSWERS, '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const comparison = JSON.parse(result.stdout) as Comparison;
    const [today, plan] = await Promise.all(
      [INVENTORY, PLAN].map(async (file) => JSON.parse((await runJaju(['assess', '--inventory', file, '--answers', ANSWERS, '--format', 'json'])).stdout) as Assessment),
    );
    assert.ok(Math.abs(comparison.overall.delta.score - (plan!.overall.score - today!.overall.score)) < 1e-9);
    assert.equal(comparison.overall.delta.seal, plan!.overall.seal - today!.overall.seal);
    assert.equal(comparison.objectives.length, 8);
    for (const row of comparison.objectives) {
      const a = today!.objectives.find((objective) => objective.id === row.id)!;
      const b = plan!.objectives.find((objective) => objective.id === row.id)!;
      assert.deepEqual([row.a.score, row.b.score, row.delta.seal], [a.score, b.score, b.seal - a.seal]);
    }
    // The plan moves NPUs into production: the accelerator layer's supplier HHI falls.
    const accelerators = comparison.layers.find((row) => row.layer === 'accelerators')!;
    assert.ok(accelerators.delta.hhiBySupplier! < 0);
    assert.ok(comparison.answers.some((row) => row.criterion === 'SOV-3.4' && row.delta.seal > 0));
    const positional = await runJaju(['assess', 'compare', INVENTORY, PLAN, '--answers', ANSWERS]);
    assert.equal(positional.code, 0);
    assert.match(positional.stdout, /^Overall: SEAL \d → \d/m);
    const html = await runJaju(['assess', 'compare', '--inventory', INVENTORY, '--inventory', PLAN, '--format', 'html']);
    assert.match(html.stdout, /<svg[\s\S]*Score per objective: A and B/);
  });

  const badInventories: [string, unknown, RegExp][] = [
    ['missing estate', { cloud: [] }, /: estate: required/],
    ['bad country in a component', { estate: { name: 'x' }, accelerators: [{ id: 'g', name: 'g', supplier: 'NVIDIA', supplierCountry: 'usa', kind: 'gpu' }] }, /: accelerators\[0\]\.supplierCountry: expected an ISO 3166-1 alpha-2 country code/],
    ['unknown key', { estate: { name: 'x' }, models: [{ id: 'm', name: 'm', supplier: 's', supplierCountry: 'KR', openweights: true }] }, /: models\[0\]\.openweights: unknown key/],
    ['bad deployment', { estate: { name: 'x' }, cloud: [{ id: 'c', name: 'c', supplier: 's', supplierCountry: 'KR', deployment: 'cloud' }] }, /: cloud\[0\]\.deployment: expected one of on-premises, national-network, domestic-cloud, foreign-cloud/],
    ['nested field', { estate: { name: 'x' }, software: [{ id: 's', name: 's', supplier: 's', supplierCountry: 'KR', alternatives: { count: -1 } }] }, /: software\[0\]\.alternatives\.count: /],
    ['duplicate id', { estate: { name: 'x' }, software: [{ id: 's', name: 's', supplier: 's', supplierCountry: 'KR' }], models: [{ id: 's', name: 'm', supplier: 's', supplierCountry: 'KR' }] }, /: software\[0\]\.id: duplicate component id "s" \(first at models\[0\]\)/],
    ['renewable share above 1', { estate: { name: 'x' }, datacentres: [{ id: 'd', name: 'd', supplier: 's', supplierCountry: 'KR', renewableShare: 40 }] }, /: datacentres\[0\]\.renewableShare: /],
  ];
  for (const [name, content, message] of badInventories) {
    it(`rejects an invalid inventory (${name}): one line naming the path, exit 2`, async () => {
      const file = writeYaml(dir, `bad-${name.replace(/\W+/g, '-')}.yaml`, content);
      const result = await runJaju(['assess', '--inventory', file]);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /^jaju assess: .*bad-.*\.yaml: /);
      assert.match(result.stderr, message);
    });
  }

  const badAnswers: [string, unknown, RegExp][] = [
    ['SEAL out of range', { answers: { 'SOV-1.2': { seal: 5 } } }, /answers\.SOV-1\.2\.seal: Too big/],
    ['value out of range', { answers: { 'SOV-1.2': { seal: 2, value: 120 } } }, /answers\.SOV-1\.2\.value: Too big/],
    ['unknown criterion', { answers: { 'SOV-9.1': 2 } }, /answers\.SOV-9\.1: unknown criterion/],
    ['not a number', { answers: { 'SOV-1.3': 'high' } }, /answers\.SOV-1\.3: expected number, got "high"/],
    ['unknown key', { answers: { 'SOV-1.2': { seal: 2, notes: 'x' } } }, /answers\.SOV-1\.2\.notes: unknown key/],
  ];
  for (const [name, content, message] of badAnswers) {
    it(`rejects an invalid answers file (${name}): one line naming the path, exit 2`, async () => {
      const file = writeYaml(dir, `answers-${name.replace(/\W+/g, '-')}.yaml`, content);
      const result = await runJaju(['assess', '--inventory', INVENTORY, '--answers', file]);
      assert.equal(result.code, 2);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, message);
    });
  }

  it('rejects bad flags and missing files with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['assess'], /missing --inventory FILE/],
      [['assess', '--inventory', join(dir, 'nope.yaml')], /nope\.yaml: cannot read the inventory file: file not found/],
      [['assess', '--inventory', INVENTORY, '--format', 'pdf'], /--format expects table, json or html/],
      [['assess', '--inventory', INVENTORY, '--weights', 'equal'], /equal: cannot read the weights file: file not found/],
      [['assess', '--inventory', INVENTORY, '--since', 'yesterday'], /--since/],
      [['assess', '--inventory', INVENTORY, '--min-seal', 'SOV-9=2'], /--min-seal: unknown objective "SOV-9"/],
      [['assess', '--inventory', INVENTORY, '--min-seal', '5'], /--min-seal: expected a SEAL level 0–4/],
      [['assess', 'compare', '--inventory', INVENTORY], /compare needs two inventories/],
      [['assess', 'frobnicate'], /unknown subcommand "frobnicate"/],
      [['assess', '--inventory', INVENTORY, '--config', writeYaml(dir, 'bad-config.yaml', { home: 'Korea', providers: [{ id: 'x' }] })], /bad-config\.yaml: home: expected an ISO 3166-1 alpha-2 country code.*; providers\[0\]\.type: /],
    ];
    for (const [args, message] of cases) {
      const result = await runJaju(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, message);
    }
  });

  it('keeps the committed schema/jaju-assess-inventory.schema.json current (regenerate: npm run schema)', async () => {
    const committed = JSON.parse(readFileSync(join('schema', 'jaju-assess-inventory.schema.json'), 'utf8')) as unknown;
    assert.deepEqual(committed, inventoryJsonSchema());
    const printed = await runJaju(['assess', 'schema']);
    assert.deepEqual(JSON.parse(printed.stdout), committed);
    // The examples validate (they carry the schema comment for editors).
    assert.match(readFileSync(INVENTORY, 'utf8'), /yaml-language-server: \$schema=\.\.\/\.\.\/schema\/jaju-assess-inventory\.schema\.json/);
  });
});
