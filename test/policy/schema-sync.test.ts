import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { DEPLOYMENTS, FINDING_TYPES, GRADES, type App, type FindingCounts } from '../../src/domain/index.js';
import { authorizationCall } from '../../src/policy/cedar-request.js';
import { policiesDirectory, type LoadedPolicyEngine } from '../../src/policy/index.js';
import { engineWith, request, target } from './policy-fixtures.js';

/** The Cedar schema and the code that builds Cedar requests must describe the same things. */

type Attributes = Record<string, { required?: boolean }>;
const schemaJson = (() => {
  const answer = cedar.schemaToJson(readFileSync(join(policiesDirectory(), 'jaju.cedarschema'), 'utf8'));
  assert.equal(answer.type, 'success');
  return (answer as { json: Record<string, { entityTypes: Record<string, { enum?: string[]; shape?: { attributes: Attributes } }>; actions: Record<string, { appliesTo?: { context?: unknown } }>; commonTypes?: Record<string, { attributes: Attributes }> }> }).json['Jaju']!;
})();

let engine: LoadedPolicyEngine;
before(async () => {
  engine = await engineWith({ cacheLimit: 0 });
});

describe('schema and request builder', () => {
  it('enumerates exactly the domain\'s grades, deployments and finding types', () => {
    assert.deepEqual(schemaJson.entityTypes['Grade']?.enum, [...GRADES]);
    assert.deepEqual(schemaJson.entityTypes['Deployment']?.enum, [...DEPLOYMENTS]);
    assert.deepEqual(schemaJson.entityTypes['FindingType']?.enum, [...FINDING_TYPES]);
    assert.deepEqual(Object.keys(schemaJson.commonTypes?.['FindingCounts']?.attributes ?? {}).sort(), [...FINDING_TYPES].sort());
  });

  it('sends every attribute the schema declares for App and Target, and nothing else', () => {
    const call = authorizationCall(
      { app: { id: 'a', grade: 'O', purpose: 'p', highImpact: false }, grade: 'O', home: 'KR', crisis: false, types: [], counts: {}, pseudonymized: false },
      target('x', 'on-premises'),
      false,
      { policySetId: 'unused', schemaName: 'unused' },
    );
    const [appEntity, targetEntity] = call.entities;
    assert.deepEqual(Object.keys(appEntity!.attrs).sort(), Object.keys(schemaJson.entityTypes['App']?.shape?.attributes ?? {}).sort());
    assert.deepEqual(Object.keys(targetEntity!.attrs).sort(), Object.keys(schemaJson.entityTypes['Target']?.shape?.attributes ?? {}).sort());
  });

  it('Cedar validates requests with every value of every enumerated input without an error', () => {
    const everyFinding: FindingCounts = Object.fromEntries(FINDING_TYPES.map((type) => [type, 2]));
    for (const grade of GRADES) {
      for (const deployment of DEPLOYMENTS) {
        const app: App = { id: `app-${grade}`, grade, purpose: 'p', highImpact: true };
        const subject = target('t', deployment, { accreditedGrades: [...GRADES], certifications: ['CSAP-high', 'CSAP-low'] });
        for (const findings of [{}, everyFinding]) {
          for (const pseudonymizedTypes of [[], FINDING_TYPES]) {
            const verdict = engine.evaluate({ ...request(grade, findings), app, pseudonymizedTypes }, subject, false);
            if (!verdict.permitted) for (const reason of verdict.reasons) assert.doesNotMatch(reason, /error/, `${grade} ${deployment}: ${reason}`);
          }
        }
      }
    }
  });
});
