import type { Deployment } from './deployment.js';
import type { Grade } from './grade.js';
import type { CountryCode } from './jurisdiction.js';

/**
 * What an institution declares about a provider. Every field is always present (config defaults fill
 * the gaps with the most conservative value), because the policy engine must never evaluate a
 * rule against a missing attribute (Cedar skips erroring policies, which can fail open).
 */
export interface SovereigntyProfile {
  /** Legal seat of the operator: decides exposure to foreign law (e.g. the US CLOUD Act). */
  operatorCountry: CountryCode;
  /** Where inference runs. */
  hostingCountry: CountryCode;
  deployment: Deployment;
  /** Grades this target is accredited to receive beyond the defaults (e.g. ['C'] for an accredited enclave). */
  accreditedGrades: Grade[];
  /** e.g. 'CSAP-high', 'CSAP-medium', 'CSAP-low'. */
  certifications: string[];
  /** Country of origin of the model weights ('' when unknown). */
  weightsOrigin: string;
  openWeights: boolean;
  retainsData: boolean;
  trainsOnData: boolean;
}
