import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OBJECTIVES, type LayerResult } from '../../../src/control/assess/index.js';
import { assessInventory, component as c, inventoryOf } from './assess-fixtures.js';

/** HHI per layer, single points of failure and the ranking of improvements, worked out by hand. */
describe('dependency analysis', () => {
  const assessment = assessInventory(
    inventoryOf({
      accelerators: [
        c('h100', { supplier: 'NVIDIA', supplierCountry: 'US', kind: 'gpu', count: 60, alternatives: { count: 1 } }),
        c('a100', { supplier: 'Nvidia ', supplierCountry: 'US', kind: 'gpu', count: 20, alternatives: { count: 1 } }),
        c('npu', { supplier: 'Rebellions', kind: 'npu', count: 20, pilot: true, critical: false }),
      ],
      cloud: [
        c('onprem', { supplier: 'Agency', deployment: 'on-premises', hostingCountry: 'KR', share: 50 }),
        c('csap', { supplier: 'KCloud', deployment: 'domestic-cloud', hostingCountry: 'KR', share: 30, alternatives: { count: 2 } }),
        c('api', { supplier: 'OpenAI', supplierCountry: 'US', deployment: 'foreign-cloud', hostingCountry: 'US', share: 20, foreignLaws: ['US-CLOUD-Act'], alternatives: { count: 2 } }),
      ],
      software: [c('a', { supplier: 'X' }), c('b', { supplier: 'Y', supplierCountry: 'US', foreignLaws: ['US-EAR'], alternatives: { count: 1 } }), c('d', { supplier: 'Z', supplierCountry: 'US', alternatives: { count: 1 } }), c('e', { supplier: 'W', supplierCountry: 'DE', alternatives: { count: 1 } })],
    }),
  );
  const layer = (name: string): LayerResult => assessment.layers.find((entry) => entry.layer === name)!;

  it('lists the nine layers in stack order, empty ones with null HHI', () => {
    assert.deepEqual(assessment.layers.map((entry) => entry.layer), ['accelerators', 'servers', 'datacentres', 'cloud', 'models', 'datasets', 'software', 'operations', 'energy']);
    assert.equal(layer('servers').hhiBySupplier, null);
    assert.equal(layer('servers').hhiByCountry, null);
    assert.deepEqual(layer('servers').singlePointsOfFailure, []);
  });

  it('accelerators: shares by count, suppliers matched case-insensitively', () => {
    const accelerators = layer('accelerators');
    assert.equal(accelerators.shareBasis, 'count');
    // NVIDIA 80/100, Rebellions 20/100 → 80² + 20² = 6,400 + 400 = 6,800; countries the same split.
    assert.ok(Math.abs(accelerators.hhiBySupplier! - 6800) < 1e-6);
    assert.ok(Math.abs(accelerators.hhiByCountry! - 6800) < 1e-6);
    assert.deepEqual(accelerators.suppliers.map((entry) => [entry.key, entry.share]), [['NVIDIA', 0.8], ['Rebellions', 0.2]]);
    assert.equal(accelerators.level, 'high');
    // Both GPU entries have an alternative, but NVIDIA supplies every critical production accelerator.
    assert.deepEqual(accelerators.singlePointsOfFailure.map((spof) => [spof.reason, spof.supplier, spof.foreign, spof.components]), [['sole-supplier', 'NVIDIA', true, ['h100', 'a100']]]);
  });

  it('cloud: declared shares, one critical platform without alternative', () => {
    const cloud = layer('cloud');
    assert.equal(cloud.shareBasis, 'declared');
    // 50² + 30² + 20² = 2,500 + 900 + 400 = 3,800; by country KR 80, US 20 → 6,400 + 400 = 6,800.
    assert.ok(Math.abs(cloud.hhiBySupplier! - 3800) < 1e-6);
    assert.ok(Math.abs(cloud.hhiByCountry! - 6800) < 1e-6);
    assert.deepEqual(cloud.singlePointsOfFailure.map((spof) => [spof.reason, spof.components, spof.foreign]), [['no-alternative', ['onprem'], false]]);
    // Foreign-law exposure by the layer's basis: the API's 20 of 100.
    assert.ok(Math.abs(cloud.foreignLawExposure.share! - 0.2) < 1e-9);
    assert.deepEqual(cloud.foreignLawExposure.laws, { 'US-CLOUD-Act': ['api'] });
  });

  it('software: one per component', () => {
    const software = layer('software');
    assert.equal(software.shareBasis, 'components');
    // Four suppliers at 25 % → 4 × 625 = 2,500; countries KR 25, US 50, DE 25 → 625 + 2,500 + 625 = 3,750.
    assert.ok(Math.abs(software.hhiBySupplier! - 2500) < 1e-6);
    assert.ok(Math.abs(software.hhiByCountry! - 3750) < 1e-6);
    assert.deepEqual(software.singlePointsOfFailure.map((spof) => spof.components[0]), ['a']);
  });

  it('ranks improvements: SEAL first, then the answers holding it down, then score gained', () => {
    const improvements = assessment.improvements;
    assert.deepEqual(improvements.map((item) => item.rank), improvements.map((_, index) => index + 1));
    // Nothing is answered by a file, so many criteria sit at SEAL 0: none can raise the overall SEAL alone.
    assert.equal(assessment.overall.seal, 0);
    assert.ok(improvements.every((item) => item.overallSealIfRaised === 0));
    // Every answer at the minimum comes before every answer above it …
    const firstAbove = improvements.findIndex((item) => !item.blocksOverallSeal);
    assert.ok(firstAbove > 0 && improvements.slice(firstAbove).every((item) => !item.blocksOverallSeal));
    // … and within each group the score gain falls. An unanswered SOV-1 criterion gains .15 × 100 / 5 = 3 points,
    // an unanswered SOV-5 one .20 × 100 / 5 = 4: the largest gain of all is first.
    const blocking = improvements.slice(0, firstAbove);
    for (let index = 1; index < blocking.length; index += 1) assert.ok(blocking[index - 1]!.scoreGain >= blocking[index]!.scoreGain);
    assert.equal(blocking[0]!.criterion, 'SOV-5.5');
    assert.ok(Math.abs(blocking[0]!.scoreGain - 4) < 1e-9);
  });

  it('ranks first an answer that alone holds the overall SEAL down', () => {
    const answers = Object.fromEntries(OBJECTIVES.flatMap((objective) => objective.criteria.map((criterion) => [criterion.id, criterion.id === 'SOV-7.6' ? 1 : 4])));
    // One KR software component with a tested alternative: every derived answer is at 4.
    const alone = assessInventory(inventoryOf({ software: [c('gw', { openSource: true, alternatives: { count: 1, tested: true } })] }), answers);
    assert.equal(alone.overall.seal, 1);
    const top = alone.improvements[0]!;
    assert.equal(top.criterion, 'SOV-7.6');
    assert.equal(top.blocksOverallSeal, true);
    // Raised to 4, nothing else is below 4.
    assert.equal(top.overallSealIfRaised, 4);
    // .10 × (100 − 25) / 7 criteria of SOV-7
    assert.ok(Math.abs(top.scoreGain - (0.1 * 75) / 7) < 1e-9);
    assert.equal(alone.improvements.length, 1);
  });

  it('names the components that hold the overall SEAL down', () => {
    const estate = assessInventory(
      inventoryOf({
        operations: [c('us-support', { supplier: 'Vendor', supplierCountry: 'US', operatedFrom: 'US', vendorSupport: 'essential' }), c('team', { operatedFrom: 'KR', vendorSupport: 'none', alternatives: { count: 1, tested: true } })],
      }),
      Object.fromEntries(OBJECTIVES.flatMap((objective) => objective.criteria.map((criterion) => [criterion.id, 4]))),
    );
    assert.equal(estate.overall.seal, 0);
    assert.deepEqual(estate.bottlenecks.map((entry) => entry.component), ['us-support']);
    // Foreign support from abroad, essential, no alternative: 0 in SOV-1.1, 1.5, 2.3, 4.1, 4.2, 4.4, 4.6, 5.4
    // (SOV-2.2 gives it 1: a foreign seat with no law declared is presumed exposed, not shown exposed abroad).
    assert.deepEqual(estate.bottlenecks[0]!.holdsDown, ['SOV-1.1', 'SOV-1.5', 'SOV-2.3', 'SOV-4.1', 'SOV-4.2', 'SOV-4.4', 'SOV-4.6', 'SOV-5.4']);
  });
});
