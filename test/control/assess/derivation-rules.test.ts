import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DERIVATION_RULES, type InventoryInput } from '../../../src/control/assess/index.js';
import { answerOf, assessInventory, component as c, inventoryOf } from './assess-fixtures.js';

/**
 * Each derivation rule of docs/assess.md on a small inventory; every expected value and SEAL is worked
 * out by hand from the rule's levels (value = mean of 25 × level unless stated; SEAL = minimum over the
 * critical production components).
 */
interface Case {
  criterion: string;
  why: string;
  inventory: Omit<InventoryInput, 'estate'> & { estate?: Partial<InventoryInput['estate']> };
  value: number;
  seal: number;
  /** Evidence strings that must be present (field paths). */
  evidence?: string[];
}

const CASES: Case[] = [
  {
    criterion: 'SOV-1.1',
    why: 'KR cloud 4, US cloud abroad 0 (not critical), FR model with FR allied 3, US ops staffed in KR 2, US-run data centre in KR 1',
    inventory: {
      estate: { allies: ['FR'] },
      cloud: [c('kr-cloud', { deployment: 'domestic-cloud', hostingCountry: 'KR' }), c('us-cloud', { supplierCountry: 'US', deployment: 'foreign-cloud', hostingCountry: 'US', critical: false })],
      models: [c('fr-model', { supplierCountry: 'FR', hostingCountry: 'FR' })],
      operations: [c('us-ops', { supplierCountry: 'US', operatedFrom: 'KR' })],
      datacentres: [c('us-dc', { supplierCountry: 'US', hostingCountry: 'KR' })],
    },
    // (100 + 0 + 75 + 50 + 25) / 5 = 50; SEAL min over critical (4, 3, 2, 1) = 1
    value: 50,
    seal: 1,
    evidence: ['cloud[1].supplierCountry', 'cloud[1].hostingCountry', 'datacentres[0].hostingCountry'],
  },
  {
    criterion: 'SOV-1.5',
    why: 'US GPU held at home with a tested alternative 3, US cloud abroad without alternative 0, US software held at home 2, KR cloud 4',
    inventory: {
      accelerators: [c('gpu', { supplierCountry: 'US', kind: 'gpu', alternatives: { count: 1, tested: true } })],
      cloud: [c('us-cloud', { supplierCountry: 'US', deployment: 'foreign-cloud', hostingCountry: 'US' }), c('kr-cloud', { deployment: 'domestic-cloud', hostingCountry: 'KR' })],
      software: [c('sw', { supplierCountry: 'US' })],
    },
    // (75 + 0 + 100 + 50) / 4 = 56.25, SEAL 0
    value: 56.25,
    seal: 0,
  },
  {
    criterion: 'SOV-2.2',
    why: 'KR none 4; US none declared 1 (presumed); US software with US-EAR held at home 2; US-operated cloud in KR with CLOUD Act 1; same abroad 0',
    inventory: {
      software: [c('kr-sw', {}), c('us-sw', { supplierCountry: 'US' }), c('cuda', { supplierCountry: 'US', foreignLaws: ['US-EAR'] })],
      cloud: [c('region', { supplierCountry: 'US', deployment: 'domestic-cloud', hostingCountry: 'KR', foreignLaws: ['US-CLOUD-Act'] }), c('api', { supplierCountry: 'US', deployment: 'foreign-cloud', hostingCountry: 'US', foreignLaws: ['US-CLOUD-Act'] })],
    },
    // (100 + 25 + 50 + 25 + 0) / 5 = 40
    value: 40,
    seal: 0,
    evidence: ['software[2].foreignLaws', 'cloud[1].hostingCountry'],
  },
  {
    criterion: 'SOV-2.3',
    why: 'US cloud abroad 0 raised to 1 by customer-held keys; KR dataset 4; CN open-weights model held at home 2',
    inventory: {
      cloud: [c('api', { supplierCountry: 'US', deployment: 'foreign-cloud', hostingCountry: 'US', keyControl: 'customer-held' })],
      datasets: [c('data', { storageJurisdiction: 'KR' })],
      models: [c('open', { supplierCountry: 'CN', openWeights: true, hostingCountry: 'KR' })],
    },
    // (25 + 100 + 50) / 3 = 58.33…
    value: 175 / 3,
    seal: 1,
    evidence: ['cloud[0].keyControl'],
  },
  {
    criterion: 'SOV-2.4',
    why: 'export-controlled GPU without alternative 1; KR NPU 4; JP (not allied) GPU uncontrolled 3; software under US-EAR with an alternative 2; a cloud without export law is not counted',
    inventory: {
      accelerators: [c('gpu', { supplierCountry: 'US', kind: 'gpu', exportControlled: true }), c('npu', { kind: 'npu' }), c('jp', { supplierCountry: 'JP', kind: 'gpu' })],
      software: [c('cuda', { supplierCountry: 'US', foreignLaws: ['US-EAR'], alternatives: { count: 1 } })],
      cloud: [c('cloud', { supplierCountry: 'US', deployment: 'foreign-cloud', hostingCountry: 'US' })],
    },
    // (25 + 100 + 75 + 50) / 4 = 62.5
    value: 62.5,
    seal: 1,
  },
  {
    criterion: 'SOV-3.1',
    why: 'customer HSM 4; provider-managed keys at a KR provider 2; provider-managed abroad 1; a dataset without keyControl is not counted',
    inventory: {
      cloud: [c('hsm', { deployment: 'on-premises', keyControl: 'customer-hsm' }), c('us', { supplierCountry: 'US', deployment: 'foreign-cloud', keyControl: 'provider-managed' })],
      datasets: [c('kr', { keyControl: 'provider-managed' }), c('none', {})],
    },
    // (100 + 25 + 50) / 3
    value: 175 / 3,
    seal: 1,
  },
  {
    criterion: 'SOV-3.3',
    why: 'hosted at home 4, in an allied JP 3, a non-critical dataset stored in the US 0 (value only)',
    inventory: {
      estate: { allies: ['JP'] },
      cloud: [c('kr', { deployment: 'domestic-cloud', hostingCountry: 'KR' })],
      models: [c('jp', { supplierCountry: 'JP', hostingCountry: 'JP' })],
      datasets: [c('us', { storageJurisdiction: 'US', critical: false })],
    },
    // (100 + 75 + 0) / 3; SEAL min over critical (4, 3) = 3
    value: 175 / 3,
    seal: 3,
    evidence: ['datasets[0].storageJurisdiction'],
  },
  {
    criterion: 'SOV-3.4',
    why: 'KR from scratch at home 4; KR derivative 3; CN open weights at home 2; US closed hosted at home 1; US served from abroad 0',
    inventory: {
      models: [
        c('k', { weightsOrigin: 'KR', lineage: 'from-scratch', hostingCountry: 'KR' }),
        c('kd', { weightsOrigin: 'KR', lineage: 'derivative', hostingCountry: 'KR' }),
        c('cn', { supplierCountry: 'CN', weightsOrigin: 'CN', openWeights: true, hostingCountry: 'KR' }),
        c('usk', { supplierCountry: 'US', weightsOrigin: 'US', hostingCountry: 'KR' }),
        c('us', { supplierCountry: 'US', weightsOrigin: 'US', hostingCountry: 'US' }),
      ],
    },
    value: 50,
    seal: 0,
  },
  {
    criterion: 'SOV-4.1',
    why: 'tested alternative 4; alternative within 6 months 3; alternative 2; portability only 1; nothing 0; non-critical not counted',
    inventory: {
      software: [
        c('a', { alternatives: { count: 1, tested: true } }),
        c('b', { alternatives: { count: 1, switchingMonths: 3 } }),
        c('d', { alternatives: { count: 2 } }),
        c('e', { exit: { dataPortability: true } }),
        c('f', {}),
        c('g', { critical: false }),
      ],
    },
    value: 50,
    seal: 0,
  },
  {
    criterion: 'SOV-4.2',
    why: 'vendor support none with clearances 4, none without 3, partial 2, essential from KR 3, essential from US 0',
    inventory: {
      operations: [c('a', { vendorSupport: 'none', clearances: true }), c('a2', { vendorSupport: 'none' }), c('b', { vendorSupport: 'partial' }), c('d', { vendorSupport: 'essential' }), c('e', { supplierCountry: 'US', vendorSupport: 'essential' })],
    },
    // (100 + 75 + 50 + 75 + 0) / 5
    value: 60,
    seal: 0,
  },
  {
    criterion: 'SOV-4.4',
    why: 'operated from KR 4; a cloud hosted in the US 0; an operations entry declaring neither country is not counted',
    inventory: {
      operations: [c('a', { operatedFrom: 'KR' }), c('b', {})],
      cloud: [c('us', { supplierCountry: 'US', deployment: 'foreign-cloud', hostingCountry: 'US' })],
    },
    value: 50,
    seal: 0,
  },
  {
    criterion: 'SOV-4.5',
    why: 'open source 4; closed with escrow 3; closed from KR 2; closed model from the US 1',
    inventory: {
      software: [c('a', { openSource: true }), c('b', { supplierCountry: 'US', exit: { sourceEscrow: true } }), c('d', {})],
      models: [c('m', { supplierCountry: 'US' })],
    },
    value: 62.5,
    seal: 1,
  },
  {
    criterion: 'SOV-4.6',
    why: 'critical suppliers only: KR accelerator 4, US accelerator held at home 2; the non-critical US cloud is not counted',
    inventory: {
      accelerators: [c('npu', { kind: 'npu' }), c('gpu', { supplierCountry: 'US', kind: 'gpu' })],
      cloud: [c('us', { supplierCountry: 'US', deployment: 'foreign-cloud', hostingCountry: 'US', critical: false })],
    },
    value: 75,
    seal: 2,
  },
  {
    criterion: 'SOV-5.1',
    why: 'weighted by count: US GPU with KR HBM, TW fab → min(1, 4, 1) = 1 × 30 units; KR NPU pilot 4 × 10 units (value only)',
    inventory: {
      accelerators: [c('gpu', { supplierCountry: 'US', kind: 'gpu', count: 30, hbmSupplierCountry: 'KR', fabCountry: 'TW' }), c('npu', { kind: 'npu', count: 10, hbmSupplierCountry: 'KR', fabCountry: 'KR', pilot: true })],
    },
    // (30 × 25 + 10 × 100) / 40 = 43.75
    value: 43.75,
    seal: 1,
    evidence: ['accelerators[0].fabCountry', 'accelerators[0].hbmSupplierCountry'],
  },
  {
    criterion: 'SOV-5.2',
    why: 'firmware: US GPUs (no firmwareOrigin, supplier US) 1 × 3 units, server firmware of KR origin 4 × 1 unit',
    inventory: {
      accelerators: [c('gpu', { supplierCountry: 'US', kind: 'gpu', count: 3 })],
      servers: [c('srv', { supplierCountry: 'US', count: 1, firmwareOrigin: 'KR' })],
    },
    value: 43.75,
    seal: 1,
    evidence: ['servers[0].firmwareOrigin'],
  },
  {
    criterion: 'SOV-5.3',
    why: 'KR software 4; US open source 2; US closed 1; JP closed with JP allied 3',
    inventory: {
      estate: { allies: ['JP'] },
      software: [c('a', {}), c('b', { supplierCountry: 'US', openSource: true }), c('d', { supplierCountry: 'US' }), c('e', { supplierCountry: 'JP' })],
    },
    value: 62.5,
    seal: 1,
  },
  {
    criterion: 'SOV-5.4',
    why: 'KR 4; allied with alternative 3; allied without 2; foreign with alternative 2; foreign without 0',
    inventory: {
      estate: { allies: ['JP'] },
      software: [c('a', {}), c('b', { supplierCountry: 'JP', alternatives: { count: 1 } }), c('d', { supplierCountry: 'JP' }), c('e', { supplierCountry: 'US', alternatives: { count: 2 } }), c('f', { supplierCountry: 'US' })],
    },
    // (100 + 75 + 50 + 50 + 0) / 5
    value: 55,
    seal: 0,
  },
  {
    criterion: 'SOV-6.3',
    why: 'open source 4; closed KR model 2; closed US model 1',
    inventory: { software: [c('a', { openSource: true })], models: [c('k', {}), c('u', { supplierCountry: 'US' })] },
    value: 175 / 3,
    seal: 1,
  },
  {
    criterion: 'SOV-6.5',
    why: 'by count: 48 US GPUs at 1, 16 KR NPUs (pilot) at 4; the pilot does not set the SEAL',
    inventory: { accelerators: [c('gpu', { supplierCountry: 'US', kind: 'gpu', count: 48 }), c('npu', { kind: 'npu', count: 16, pilot: true })] },
    // (48 × 25 + 16 × 100) / 64 = 43.75
    value: 43.75,
    seal: 1,
  },
  {
    criterion: 'SOV-7.1',
    why: 'CSAP-high 4, CSAP-medium 3, ISO-27001 2, another certificate 1, none 0',
    inventory: {
      cloud: [c('a', { deployment: 'domestic-cloud', certifications: ['CSAP-high'] }), c('b', { deployment: 'domestic-cloud', certifications: ['CSAP-medium'] }), c('e', { deployment: 'foreign-cloud' })],
      datacentres: [c('d', { certifications: ['ISO-27001'] }), c('f', { certifications: ['Uptime-Tier-III'] })],
    },
    value: 50,
    seal: 0,
  },
  {
    criterion: 'SOV-8.1',
    why: 'weighted by power: PUE 1.15 with a target 4 (10 MW), PUE 1.15 without target capped at 3 (30 MW), PUE 1.7 with a target 1 (10 MW)',
    inventory: {
      datacentres: [c('a', { pue: 1.15, pueTarget: 1.1, powerMW: 10 }), c('b', { pue: 1.15, powerMW: 30 }), c('d', { pue: 1.7, pueTarget: 1.5, powerMW: 10 })],
    },
    // (10 × 100 + 30 × 75 + 10 × 25) / 50 = 70
    value: 70,
    seal: 1,
  },
  {
    criterion: 'SOV-8.3',
    why: 'published with WUE 4, published 3, WUE in the inventory only 2, nothing 0',
    inventory: { datacentres: [c('a', { disclosure: true, wue: 1.2 }), c('b', { disclosure: true }), c('d', { wue: 1.8 }), c('e', {})] },
    value: 56.25,
    seal: 0,
  },
  {
    criterion: 'SOV-8.4',
    why: 'value is the renewable share, weighted by MW: a 10 MW site at 95 % (level 4) and the grid at 20 % (level 1, weight 1)',
    inventory: { datacentres: [c('dc', { renewableShare: 0.95, powerMW: 10 })], energy: [c('grid', { renewableShare: 0.2 })] },
    // (10 × 95 + 1 × 20) / 11
    value: 970 / 11,
    seal: 1,
  },
];

describe('derivation rules (inventory → answers)', () => {
  it('has a case for every rule', () => {
    assert.deepEqual(CASES.map((entry) => entry.criterion).sort(), DERIVATION_RULES.map((rule) => rule.criterion).sort());
  });

  for (const entry of CASES) {
    it(`${entry.criterion}: ${entry.why}`, () => {
      const answer = answerOf(assessInventory(inventoryOf(entry.inventory)), entry.criterion);
      assert.equal(answer.source, 'inventory');
      assert.ok(Math.abs(answer.value - entry.value) < 1e-9, `value ${answer.value}, expected ${entry.value}`);
      assert.equal(answer.seal, entry.seal);
      assert.ok(answer.evidence.length > 0);
      for (const path of entry.evidence ?? []) assert.ok(answer.evidence.some((line) => line.startsWith(path)), `evidence names ${path}: ${answer.evidence.join(' | ')}`);
    });
  }

  it('leaves a criterion to the answers file when the inventory has nothing to decide it, and notes a superseded answer', () => {
    const inventory = inventoryOf({ software: [c('a', { openSource: true })] });
    const assessment = assessInventory(inventory, { 'SOV-2.4': { seal: 3, value: 80, note: 'no export-controlled parts' }, 'SOV-5.3': 1 });
    const exportControl = answerOf(assessment, 'SOV-2.4');
    assert.equal(exportControl.source, 'answers');
    assert.deepEqual([exportControl.value, exportControl.seal, exportControl.basis], [80, 3, 'no export-controlled parts']);
    assert.deepEqual(exportControl.evidence, ['answers.yaml answers.SOV-2.4']);
    // SOV-5.3 is decided by the software layer (KR supplier: 4); the answers file's 1 is kept aside.
    const software = answerOf(assessment, 'SOV-5.3');
    assert.equal(software.source, 'inventory');
    assert.equal(software.seal, 4);
    assert.deepEqual(software.superseded, { value: 25, seal: 1, from: 'answers.yaml answers.SOV-5.3' });
    assert.equal(answerOf(assessment, 'SOV-3.4').source, 'unanswered');
  });
});
