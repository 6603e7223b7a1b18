import { FINDING_TYPES, type FindingType } from '../../domain/index.js';

/**
 * Every finding type is replaced: each is personal data under PIPA, and a placeholder costs the
 * model little (it keeps the role of the value, not the value). So after pseudonymization a request
 * carries no findings at all, and the policy's pseudonymized step sees an empty set.
 */
export const PSEUDONYMIZED_TYPES: readonly FindingType[] = FINDING_TYPES;
