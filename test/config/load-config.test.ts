import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, configJsonSchema, defaultConfig, loadConfigFile, parseConfig, resolveConfigPath } from '../../src/config/index.js';
import { tempDir } from '../helpers/temp-dir.js';

function problems(input: unknown): string[] {
  try {
    parseConfig(input, 'test.yaml');
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  assert.fail('config was accepted');
}

const provider = (overrides: Record<string, unknown> = {}) => ({
  id: 'onprem',
  type: 'openai-compatible',
  baseUrl: 'http://127.0.0.1:8000/v1',
  sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises' },
  ...overrides,
});

describe('config', () => {
  it('loads the example config with every section', () => {
    const config = loadConfigFile('examples/jaju.yaml');
    assert.equal(config.home, 'KR');
    assert.equal(config.providers.length, 5);
    assert.deepEqual(config.policies.packs, ['n2sf', 'pipa', 'ai-basic-act']);
    assert.equal(config.providers[1]?.sovereignty.accreditedGrades[0], 'C');
    assert.equal(config.apps[0]?.notice, true);
  });

  it('gives built-in defaults with no config: SQLite under ./data, all packs, no providers', () => {
    const config = defaultConfig();
    assert.deepEqual(config.store, { sqlite: './data/jaju.db' });
    assert.deepEqual(config.policies.packs, ['n2sf', 'pipa', 'ai-basic-act']);
    assert.deepEqual(config.providers, []);
    assert.equal(config.server.port, 8080);
    assert.equal(config.source, null);
  });

  it('fills undeclared sovereignty facts with the conservative value', () => {
    const config = parseConfig({ providers: [provider()] });
    const profile = config.providers[0]!.sovereignty;
    assert.equal(profile.retainsData, true);
    assert.equal(profile.trainsOnData, true);
    assert.equal(profile.openWeights, false);
    assert.deepEqual(profile.accreditedGrades, []);
  });

  it('names the path and the allowed values of a bad enum', () => {
    const bad = provider({ id: 'c', sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'cloud' } });
    assert.deepEqual(problems({ providers: [provider({ id: 'a' }), provider({ id: 'b' }), bad] }), [
      'providers[2].sovereignty.deployment: expected one of on-premises, national-network, domestic-cloud, foreign-cloud (got "cloud")',
    ]);
  });

  it('rejects unknown keys with their path', () => {
    const bad = provider({ sovereignty: { operatorCountry: 'KR', hostingCountry: 'KR', deployment: 'on-premises', acreditedGrades: ['C'] } });
    assert.deepEqual(problems({ providers: [bad] }), ['providers[0].sovereignty.acreditedGrades: unknown key (not part of the jaju config schema)']);
    assert.deepEqual(problems({ colour: 'blue' }), ['colour: unknown key (not part of the jaju config schema)']);
  });

  it('reports wrong types, missing fields and bad references', () => {
    assert.deepEqual(problems({ server: { port: 'eighty' } }), ['server.port: expected number, got "eighty"']);
    assert.deepEqual(problems({ apps: [{ id: 'a', keyEnv: 'A_KEY' }] }), ['apps[0].grade: expected one of C, S, O (got nothing)']);
    assert.deepEqual(problems({ apps: [{ id: 'a', grade: 'O' }] }), ['apps[0]: expected exactly one of keySha256 or keyEnv']);
    assert.deepEqual(problems({ providers: [provider()], models: [{ alias: 'x', targets: [{ provider: 'nope', model: 'm' }] }] }), [
      'models[0].targets[0].provider: unknown provider "nope" (declared: onprem)',
    ]);
    assert.deepEqual(problems({ providers: [provider(), provider()] }), ['providers[1].id: duplicate provider id "onprem"']);
    assert.deepEqual(problems({ store: { mysql: 'x' } }), ['store: expected { sqlite: PATH } or { postgres: URL }']);
    assert.deepEqual(problems({ home: 'Korea' }), ['home: expected an ISO 3166-1 alpha-2 country code such as "KR"']);
  });

  it('reports YAML syntax errors and missing files as ConfigError', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'home: [KR\n');
    assert.throws(() => loadConfigFile(file), (error: unknown) => error instanceof ConfigError && /YAML syntax error/.test(error.message));
    assert.throws(() => loadConfigFile(join(dir, 'none.yaml')), (error: unknown) => error instanceof ConfigError && /file not found/.test(error.message));
  });

  it('resolves relative paths against the config file folder', () => {
    const dir = tempDir();
    const file = join(dir, 'jaju.yaml');
    writeFileSync(file, 'store: { sqlite: ./db/ledger.db }\n');
    const config = loadConfigFile(file);
    assert.equal(resolveConfigPath(config, './db/ledger.db'), join(dir, 'db', 'ledger.db'));
  });

  it('exports a JSON Schema that describes the config', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown>; additionalProperties: unknown };
    assert.ok(schema.properties['providers']);
    assert.ok(schema.properties['apps']);
    assert.equal(schema.additionalProperties, false);
  });

  it('keeps the committed schema/jaju-config.schema.json current (regenerate: npm run schema)', () => {
    const committed = JSON.parse(readFileSync('schema/jaju-config.schema.json', 'utf8')) as unknown;
    assert.deepEqual(committed, configJsonSchema());
  });
});
