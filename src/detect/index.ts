/**
 * Korean-aware personal-data detection and reversible pseudonymization (docs/design.md §4.5).
 * The gateway calls scanChatRequest/scanEmbeddingsRequest (through safeScan: a failure is a denial),
 * and, when a target may receive the request only pseudonymized, a Pseudonymizer session per request.
 */
export { detect } from './detect.js';
export { DetectorError } from './detector-error.js';
export { safeScan, scanChatRequest, scanEmbeddingsRequest } from './request/scan-request.js';
export { PSEUDONYMIZED_TYPES } from './pseudonym/pseudonymized-types.js';
export { createPseudonymizer, type Pseudonymizer, type PseudonymSession, type SessionOptions } from './pseudonym/pseudonymizer.js';
export type { ChunkRehydrator } from './pseudonym/chunk-rehydrator.js';
