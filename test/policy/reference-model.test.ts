import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DEPLOYMENTS,
  FINDING_TYPES,
  GRADES,
  PIPA_UNIQUE_IDENTIFIERS,
  type FindingCounts,
  type FindingType,
  type Grade,
  type Target,
} from '../../src/domain/index.js';
import type { LoadedPolicyEngine, PolicyRequest } from '../../src/policy/index.js';
import { engineWith } from './policy-fixtures.js';

/**
 * The built-in packs implement exactly docs/design.md §5: for random targets, grades, findings and
 * pseudonymizer coverage, the Cedar verdict equals a direct transcription of the rules below. Any
 * extra denial, missing denial or wrong mode in the packs shows up as a counterexample.
 */

type Reference = { permitted: false } | { permitted: true; mode: 'raw' | 'pseudonymized' };

function referenceVerdict(grade: Grade, findings: FindingCounts, target: Target, cut: boolean, pseudonymized: readonly FindingType[], home: string): Reference {
  if (cut) return { permitted: false };
  const p = target.profile;
  const inHome = p.operatorCountry === home && p.hostingCountry === home;
  const perimeter = p.deployment === 'on-premises' || p.deployment === 'national-network';
  if (grade === 'C') {
    const ok = p.deployment === 'on-premises' || (p.deployment === 'national-network' && p.accreditedGrades.includes('C'));
    return ok ? { permitted: true, mode: 'raw' } : { permitted: false };
  }
  if (grade === 'S') {
    const csap = p.certifications.includes('CSAP-high') || p.certifications.includes('CSAP-medium');
    const ok = inHome && (perimeter || (p.deployment === 'domestic-cloud' && csap));
    return ok ? { permitted: true, mode: 'raw' } : { permitted: false };
  }
  // O: unique identifiers raw only inside the perimeter; other personal data raw only to home
  // targets that neither retain nor train on it; otherwise pseudonymized, if that removes the problem.
  const rawAllowed = (types: readonly FindingType[]) =>
    !(types.some((type) => PIPA_UNIQUE_IDENTIFIERS.includes(type)) && !perimeter) &&
    !(types.some((type) => !PIPA_UNIQUE_IDENTIFIERS.includes(type)) && (!inHome || p.retainsData || p.trainsOnData));
  const present = FINDING_TYPES.filter((type) => (findings[type] ?? 0) > 0);
  if (rawAllowed(present)) return { permitted: true, mode: 'raw' };
  const remaining = present.filter((type) => !pseudonymized.includes(type));
  if (remaining.length === present.length) return { permitted: false };
  return rawAllowed(remaining) ? { permitted: true, mode: 'pseudonymized' } : { permitted: false };
}

const country = fc.constantFrom('KR', 'US');
const targetArbitrary = fc.record({
  provider: fc.constantFrom('a', 'b', 'c'),
  model: fc.constantFrom('m1', 'm2'),
  order: fc.nat(5),
  profile: fc.record({
    operatorCountry: country,
    hostingCountry: country,
    deployment: fc.constantFrom(...DEPLOYMENTS),
    accreditedGrades: fc.subarray([...GRADES]),
    certifications: fc.subarray(['CSAP-high', 'CSAP-medium', 'CSAP-low', 'ISO-27001']),
    weightsOrigin: fc.constantFrom('', 'KR', 'US'),
    openWeights: fc.boolean(),
    retainsData: fc.boolean(),
    trainsOnData: fc.boolean(),
  }),
});
const findingsArbitrary = fc.dictionary(fc.constantFrom(...FINDING_TYPES), fc.integer({ min: 0, max: 4 }), { maxKeys: 4 }) as fc.Arbitrary<FindingCounts>;

let engine: LoadedPolicyEngine;
before(async () => {
  engine = await engineWith({ cacheLimit: 0 });
});

describe('built-in packs against a transcription of docs/design.md §5', () => {
  it('agree on permitted/denied and mode for random inputs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...GRADES),
        findingsArbitrary,
        targetArbitrary,
        fc.boolean(),
        fc.subarray([...FINDING_TYPES]),
        fc.constantFrom('KR', 'US'),
        (grade, findings, target, cut, pseudonymizedTypes, home) => {
          const request: PolicyRequest = {
            app: { id: 'app', grade: 'O', purpose: 'general', highImpact: false },
            grade,
            findings,
            home,
            crisis: false,
            pseudonymizedTypes,
          };
          const verdict = engine.evaluate(request, target, cut);
          const expected = referenceVerdict(grade, findings, target, cut, pseudonymizedTypes, home);
          const actual: Reference = verdict.permitted ? { permitted: true, mode: verdict.mode } : { permitted: false };
          assert.deepEqual(actual, expected, verdict.permitted ? `permitted by ${verdict.policies.join(', ')}` : `denied: ${verdict.reasons.join(', ')}`);
          // A denial always names something: a rule, the default deny, or an error.
          if (!verdict.permitted) assert.ok(verdict.reasons.length > 0);
        },
      ),
      { numRuns: 600 },
    );
  });
});
