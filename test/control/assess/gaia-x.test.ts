import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importCredentialFiles } from '../../../src/control/assess/index.js';
import { runJaju } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { assessJson, writeYaml } from './assess-fixtures.js';

const EXAMPLE = join('examples', 'assess', 'gaia-x-credentials.json');

describe('Gaia-X credential import', () => {
  it('maps participants, offerings, locations and labels of the example set into components', () => {
    const imported = importCredentialFiles([EXAMPLE], 'KR');
    assert.deepEqual(
      imported.participants.map((participant) => [participant.legalName, participant.legalCountry, participant.headquarterCountry]),
      [
        ['K-Public Cloud Co. (example)', 'KR', 'KR'],
        ['Example Sovereign AI GmbH', 'DE', 'DE'],
      ],
    );
    const byId = new Map(imported.components.map((component) => [component.id, component]));
    const storage = byId.get('gx:object-storage')!;
    // Keywords "storage, backup" → cloud; hosted where its gx:aggregationOf data centre is (KR-41 → KR); label L1.
    assert.equal(storage.layer, 'cloud');
    assert.equal(storage.supplier, 'K-Public Cloud Co. (example)');
    assert.equal(storage.supplierCountry, 'KR');
    assert.equal(storage.hostingCountry, 'KR');
    assert.deepEqual(storage.certifications, ['Gaia-X-Label-Level-1']);
    assert.equal(storage.exit.dataPortability, true);
    assert.equal(storage.layer === 'cloud' && storage.deployment, 'domestic-cloud');
    const llm = byId.get('gx:llm-inference')!;
    assert.equal(llm.layer, 'models');
    assert.equal(llm.supplierCountry, 'DE');
    assert.equal(llm.hostingCountry, 'DE');
    assert.deepEqual(llm.certifications, ['Gaia-X-Label-Level-2']);
    assert.equal(llm.source, 'gaia-x');
    assert.match(llm.fieldPaths!['supplierCountry']!, /^gaia-x:gaia-x-credentials\.json#4\.credentialSubject\.gx:legalAddress/);
  });

  it('never assumes a signature valid: every credential reports verification not performed', () => {
    const { reports } = importCredentialFiles([EXAMPLE], 'KR');
    assert.equal(reports.length, 8);
    assert.ok(reports.every((report) => report.signature === 'not-performed'));
    // The last label credential carries no proof at all; the others carry one, still unchecked.
    assert.deepEqual(reports.map((report) => report.proofPresent), [true, true, true, true, true, false, true, false]);
  });

  it('reads gx: keys in expanded form and subdivision codes, and reports an offering without a participant', () => {
    const dir = tempDir('jaju-gaiax-');
    const file = writeYaml(dir, 'creds.json', [
      {
        type: ['VerifiableCredential'],
        credentialSubject: {
          id: 'did:web:a.example',
          type: 'https://w3id.org/gaia-x/development#LegalParticipant',
          'https://w3id.org/gaia-x/development#legalName': { '@value': 'Alpha AG' },
          'https://w3id.org/gaia-x/development#legalAddress': { 'https://w3id.org/gaia-x/development#countrySubdivisionCode': 'CH-ZH' },
        },
      },
      { type: ['VerifiableCredential', 'gx:ServiceOffering'], credentialSubject: { id: 'urn:offer:model', 'gx:name': 'Foundation model API', 'gx:providedBy': { id: 'did:web:a.example' } } },
      { type: ['VerifiableCredential', 'gx:ServiceOffering'], credentialSubject: { id: 'urn:offer:orphan', 'gx:name': 'Orphan', 'gx:providedBy': { id: 'did:web:nobody.example' } } },
    ]);
    const imported = importCredentialFiles([file], 'KR');
    assert.deepEqual(imported.components.map((component) => [component.id, component.layer, component.supplier, component.supplierCountry, component.hostingCountry]), [['gx:model', 'models', 'Alpha AG', 'CH', undefined]]);
    assert.match(imported.reports[2]!.warnings[0]!, /did:web:nobody\.example names no LegalParticipant/);
  });

  it('imports credentials named by the inventory and by --gaiax into the assessment', async () => {
    const dir = tempDir('jaju-gaiax-cli-');
    const inventory = writeYaml(dir, 'inventory.yaml', { estate: { name: 'gx', home: 'KR' } });
    const result = await assessJson(['--inventory', inventory, '--gaiax', join(process.cwd(), EXAMPLE)]);
    assert.deepEqual(result.components.map((component) => [component.id, component.source]), [['gx:object-storage', 'gaia-x'], ['gx:llm-inference', 'gaia-x']]);
    assert.equal(result.credentials.length, 8);
    // The DE-hosted model offering is outside home and allies: localisation SEAL 0, traced to the credential.
    const localisation = result.objectives.flatMap((objective) => objective.answers).find((answer) => answer.criterion === 'SOV-3.3')!;
    assert.equal(localisation.seal, 0);
    assert.ok(localisation.evidence.some((line) => line.startsWith('gaia-x:gaia-x-credentials.json#5.credentialSubject.gx:locationAddress')), localisation.evidence.join(' | '));
    const table = await runJaju(['assess', '--inventory', inventory, '--gaiax', join(process.cwd(), EXAMPLE)]);
    assert.match(table.stdout, /Gaia-X credentials: 8 read, signatures not verified/);
  });

  it('rejects a credential file without credentials (exit 2, path named)', async () => {
    const dir = tempDir('jaju-gaiax-bad-');
    const inventory = writeYaml(dir, 'inventory.yaml', { estate: { name: 'gx' } });
    const bad = writeYaml(dir, 'bad.json', { hello: 'world' });
    const result = await runJaju(['assess', '--inventory', inventory, '--gaiax', bad]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /bad\.json: no verifiable credential found/);
  });
});
