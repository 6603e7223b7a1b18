import type { EstateComponent } from '../inventory/components.js';
import type { Claims } from '../inventory/inventory-schema.js';
import type { Bloc } from '../derive/jurisdiction-levels.js';
import type { Answer, Contradiction, EvidenceSummary } from '../model.js';

/**
 * What one evidence source contributes to an assessment: observed answers (criteria of their own,
 * e.g. `SOV-3.O1`, never blended with the declared ones) and contradictions between what the inventory
 * claims and what was observed. Sources: the gateway ledger and saved drills (`ledger-evidence.ts`);
 * later, saved evaluation runs (issue 19) add model-quality answers to SOV-3 through the same shape.
 */
export interface ObservedEvidence {
  summary: EvidenceSummary;
  answers: Answer[];
  contradictions: Contradiction[];
}

/** What an evidence source may look at. */
export interface EvidenceContext {
  bloc: Bloc;
  components: readonly EstateComponent[];
  claims: Claims;
  /** Start of the window (inclusive). */
  since: Date;
}

/** A producer of observed evidence (the seam for other sources, e.g. evaluation runs). */
export interface EvidenceSource {
  name: string;
  collect(context: EvidenceContext): Promise<ObservedEvidence | null>;
}
