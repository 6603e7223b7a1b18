import { countFindings, type ChatCompletionRequest, type EmbeddingsRequest, type FindingCounts } from '../../domain/index.js';
import { DetectorError } from '../detector-error.js';
import { findingsOfText } from './text-findings.js';
import { forEachChatRequestText, forEachEmbeddingsText } from './chat-request-texts.js';

/** Finding counts over every text part of a chat request. Throws DetectorError. */
export function scanChatRequest(body: ChatCompletionRequest): FindingCounts {
  const counts: FindingCounts = {};
  forEachChatRequestText(body, (text) => countFindings(findingsOfText(text), counts));
  return counts;
}

/** Finding counts over embeddings input (string | string[]; token arrays are skipped). Throws DetectorError. */
export function scanEmbeddingsRequest(body: EmbeddingsRequest): FindingCounts {
  const counts: FindingCounts = {};
  forEachEmbeddingsText(body, (text) => countFindings(findingsOfText(text), counts));
  return counts;
}

/** The fail-closed wrapper the policy layer calls: never throws; an error means "deny". */
export function safeScan<T>(scan: (body: T) => FindingCounts, body: T): { ok: true; findings: FindingCounts } | { ok: false; error: string } {
  try {
    return { ok: true, findings: scan(body) };
  } catch (error) {
    const message = error instanceof DetectorError ? error.message : `detector failed: ${(error as Error)?.message ?? String(error)}`;
    return { ok: false, error: message };
  }
}
