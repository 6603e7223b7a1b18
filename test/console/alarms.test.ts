import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/index.js';
import type { AuditRecordInput } from '../../src/domain/index.js';
import { computeAlarms } from '../../src/console/alarms.js';
import { createTrafficMeter } from '../../src/console/index.js';
import { createGateway } from '../../src/gateway/create-gateway.js';
import { createLogger } from '../../src/gateway/logger.js';
import { standinPorts } from '../helpers/standin-ports.js';

const sovereignty = (deployment: 'on-premises' | 'foreign-cloud', country: string) => ({ operatorCountry: country, hostingCountry: country, deployment });
const config = parseConfig({
  providers: [
    { id: 'onprem', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', sovereignty: sovereignty('on-premises', 'KR') },
    { id: 'openai', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', sovereignty: sovereignty('foreign-cloud', 'US') },
  ],
  models: [
    { alias: 'chat', targets: [{ provider: 'onprem', model: 'm' }, { provider: 'openai', model: 'g' }] },
    { alias: 'frontier', targets: [{ provider: 'openai', model: 'g' }] },
  ],
  apps: [{ id: 'bot', keySha256: createHash('sha256').update('k').digest('hex'), grade: 'O' }],
});

function setup() {
  const clock = { now: 1_800_000_000_000 };
  const gateway = createGateway({ config, ports: standinPorts(), logger: createLogger('silent'), defaultMetrics: false });
  const meter = createTrafficMeter(config, { clock: () => clock.now });
  return { runtime: gateway.runtime, meter, clock };
}

const deny = { kind: 'deny', grade: 'O', outcome: 'denied', detail: null } as unknown as AuditRecordInput;

describe('overview alarms', () => {
  it('is quiet for a healthy estate', () => {
    const { runtime, meter } = setup();
    assert.deepEqual(computeAlarms(runtime, meter), []);
  });

  it('raises S/C traffic abroad as critical, first', () => {
    const { runtime, meter } = setup();
    runtime.cuts.cut({ provider: 'onprem' });
    meter.observe({ kind: 'dispatch', grade: 'S', hostingCountry: 'US', provider: 'openai', detail: { attempt: 1 } } as unknown as AuditRecordInput);
    const alarms = computeAlarms(runtime, meter);
    assert.equal(alarms[0]?.kind, 'sensitive-abroad');
    assert.equal(alarms[0]?.severity, 'critical');
    assert.deepEqual(alarms[0]?.values, { calls: 1, minutes: 15 });
    assert.ok(alarms.some((alarm) => alarm.kind === 'cut-in-force' && alarm.severity === 'warning'), 'alarms.some((alarm) => alarm.kind === \'cut-in-force\' && alarm.severity === \'warning\')');
  });

  it('reports open circuits, cuts with their scope, aliases left with nothing, and a crisis', () => {
    const { runtime, meter } = setup();
    for (let failure = 0; failure < 5; failure += 1) runtime.circuits.recordFailure('onprem');
    runtime.cuts.cut({ jurisdiction: 'US' });
    runtime.crisis = true;
    const alarms = computeAlarms(runtime, meter);
    const kinds = alarms.map((alarm) => `${alarm.kind}:${alarm.subject}`);
    assert.deepEqual(kinds, ['alias-unserved:frontier', 'circuit-open:onprem', 'cut-in-force:jurisdiction US', 'crisis:crisis']);
    assert.deepEqual(alarms.find((alarm) => alarm.kind === 'cut-in-force')?.scope, { jurisdiction: 'US' });
  });

  it('calls a denial spike only against an established baseline', () => {
    const { runtime, meter, clock } = setup();
    for (let index = 0; index < 20; index += 1) meter.observe(deny);
    assert.ok(!computeAlarms(runtime, meter).some((alarm) => alarm.kind === 'denial-spike'), 'no baseline yet on a fresh meter');

    // Five quiet minutes with one denial a minute, then a burst.
    clock.now += 120_000;
    for (let minute = 0; minute < 5; minute += 1) {
      meter.observe(deny);
      clock.now += 60_000;
    }
    for (let index = 0; index < 4; index += 1) meter.observe(deny);
    assert.ok(!computeAlarms(runtime, meter).some((alarm) => alarm.kind === 'denial-spike'), '4 denials is below the minimum');
    meter.observe(deny);
    const spike = computeAlarms(runtime, meter).find((alarm) => alarm.kind === 'denial-spike');
    assert.ok(spike, 'five denials in a minute against about one a minute is a spike');
    assert.equal(spike.values?.['denials'], 5);
  });
});
