import { FINDING_TYPES, type FindingType, type Target } from '../domain/index.js';
import type { PolicyRequest } from './policy-request.js';

/**
 * Cache keys for per-target verdicts. A key must capture every input a verdict can depend on, and
 * must be injective: strings are length-prefixed, so no two different inputs spell the same key
 * whatever characters an app id, purpose or model name contains. Built with plain concatenation —
 * no arrays, no JSON — because it runs for every target of every request.
 */

const FINDING_BIT = new Map<FindingType, number>(FINDING_TYPES.map((type, index) => [type, 1 << index]));

function text(value: string): string {
  return `${value.length}:${value}`;
}

/**
 * The request half of the key, or null when the findings are malformed (a count that is not a whole
 * number ≥ 0): such a request is never cached, and the engine denies it.
 */
export function requestKey(request: PolicyRequest, includeCounts: boolean): string | null {
  const findings = request.findings;
  let present = 0;
  let counts = '';
  for (let index = 0; index < FINDING_TYPES.length; index += 1) {
    const count = findings[FINDING_TYPES[index]!];
    if (count === undefined || count === 0) continue;
    if (!Number.isSafeInteger(count) || count < 0) return null;
    present |= 1 << index;
    if (includeCounts) counts += `${index}=${count},`;
  }
  // Only the pseudonymizable types that are present matter: the second step removes exactly those.
  let pseudonymizable = 0;
  for (const type of request.pseudonymizedTypes) pseudonymizable |= FINDING_BIT.get(type) ?? 0;
  pseudonymizable &= present;
  const app = request.app;
  return (
    `${present}|${pseudonymizable}|${counts}|${text(request.grade)}|${request.crisis ? 1 : 0}|${text(request.home)}` +
    `|${text(app.grade)}|${app.highImpact ? 1 : 0}|${text(app.id)}|${text(app.purpose)}|`
  );
}

/** The target half of the key: provider, model, every declared sovereignty fact, and the cut state. */
export function targetKey(target: Target, cut: boolean): string {
  const profile = target.profile;
  let key =
    `${text(target.provider)}${text(target.model)}${text(profile.operatorCountry)}${text(profile.hostingCountry)}` +
    `${text(profile.deployment)}${text(profile.weightsOrigin)}` +
    `${profile.openWeights ? 1 : 0}${profile.retainsData ? 1 : 0}${profile.trainsOnData ? 1 : 0}${cut ? 1 : 0}`;
  key += `|${profile.accreditedGrades.length}`;
  for (const grade of profile.accreditedGrades) key += text(grade);
  key += `|${profile.certifications.length}`;
  for (const certification of profile.certifications) key += text(certification);
  return key;
}
