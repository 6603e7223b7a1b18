import type { ObjectiveId } from './method/objectives.js';
import type { Seal } from './method/seal.js';
import type { Layer } from './inventory/inventory-schema.js';

/**
 * Where an answer came from: derived from the inventory by a documented rule, given in the answers
 * file, observed in the gateway's ledger or drills (or another evidence source), or not answered at
 * all (value 0, SEAL 0: what is not shown is not assumed).
 */
export type AnswerSource = 'inventory' | 'answers' | 'ledger' | 'drills' | 'unanswered' | (string & {});

/** One criterion's answer: a value (0–100) and a SEAL level (0–4), read independently (CSF guidance p.9). */
export interface Answer {
  criterion: string;
  objective: ObjectiveId;
  title: string;
  value: number;
  seal: Seal;
  source: AnswerSource;
  /** How the value and SEAL were obtained (the derivation rule, or the answers file's own note). */
  basis: string;
  /** Inventory fields, answers-file entries or ledger figures that produced it. */
  evidence: string[];
  /** Components involved: every one below level 4, the ones that limit the answer first. */
  components: string[];
  /** The critical production components (or, without any, all) whose level equals the answer's SEAL: they set it. */
  atMinimum: string[];
  /** What would raise it (for the improvement list). */
  action: string;
  /** An answers-file entry that was not used because the inventory or the ledger decided this criterion. */
  superseded?: { value: number; seal: Seal; from: string };
}

export interface ObjectiveResult {
  id: ObjectiveId;
  name: string;
  nameKo: string;
  /** Mean of the answers' values (0–100). */
  score: number;
  /** Minimum of the answers' SEALs. */
  seal: Seal;
  /** Fraction (the weights sum to 1). */
  weight: number;
  /** weight × score: this objective's part of the overall score. */
  contribution: number;
  /** Gate: the minimum SEAL required of this objective (0 = no gate) and whether it is met. */
  minimumSeal: Seal;
  passesGate: boolean;
  answers: Answer[];
}

export interface SupplierShare {
  key: string;
  share: number;
  components: string[];
}

export interface SinglePointOfFailure {
  /** `no-alternative`: a critical component nobody could replace; `sole-supplier`: one supplier holds all of a layer's critical production components. */
  reason: 'no-alternative' | 'sole-supplier';
  supplier: string;
  supplierCountry: string;
  /** Outside the home jurisdiction and its allies. */
  foreign: boolean;
  components: string[];
  message: string;
}

export interface LayerResult {
  layer: Layer;
  components: number;
  /** What the shares are shares of: declared `share`, accelerator/server `count`, or one per component. */
  shareBasis: 'declared' | 'count' | 'components';
  /** HHI = Σ (100·sᵢ)², 0–10,000; null for an empty layer. */
  hhiBySupplier: number | null;
  hhiByCountry: number | null;
  level: 'unconcentrated' | 'moderate' | 'high' | null;
  suppliers: SupplierShare[];
  countries: SupplierShare[];
  singlePointsOfFailure: SinglePointOfFailure[];
  /** Share (by the layer's basis) of components exposed to foreign laws with extraterritorial reach, and which. */
  foreignLawExposure: { share: number | null; laws: Record<string, string[]> };
}

export interface Improvement {
  rank: number;
  criterion: string;
  objective: ObjectiveId;
  title: string;
  source: AnswerSource;
  current: { value: number; seal: Seal };
  /** The answer holds the overall SEAL down (it is at the minimum). */
  blocksOverallSeal: boolean;
  /** The overall SEAL if this answer alone reached SEAL 4. */
  overallSealIfRaised: Seal;
  /** Points of the overall score gained if this answer reached value 100. */
  scoreGain: number;
  components: string[];
  action: string;
}

/** A component that sets the SEAL of answers at the overall minimum: raising it is where the overall SEAL starts to move. */
export interface Bottleneck {
  component: string;
  layer: string;
  supplier: string;
  supplierCountry: string;
  /** Criteria at the overall minimum SEAL that this component holds there. */
  holdsDown: string[];
  /** Of those, the criteria it holds down alone (no other component at the same level). */
  alone: string[];
}

export interface Contradiction {
  /** The inventory statement, e.g. `claims.sensitiveDataInCountry`. */
  claim: string;
  declared: unknown;
  observed: unknown;
  source: string;
  message: string;
}

/** What an evidence source saw (a ledger window, drill results, an evaluation run …). */
export interface EvidenceSummary {
  source: string;
  window: { from: string | null; to: string | null; firstRecord: string | null; lastRecord: string | null } | null;
  records: number | null;
  details: Record<string, unknown>;
}

/** The result of a Gaia-X credential import (docs/assess.md, "Gaia-X"). */
export interface CredentialReport {
  file: string;
  id: string | null;
  types: string[];
  issuer: string | null;
  subject: string | null;
  /** Never assumed valid: no verifier is built in. */
  signature: 'not-performed';
  proofPresent: boolean;
  mapped: string[];
  warnings: string[];
}

/** The assessment (`--format json`; docs/assess.md, "Output"). */
export interface Assessment {
  generatedAt: string;
  method: { framework: string; weights: string; home: string; allies: string[] };
  estate: { name: string; owner: string | null; date: string | null; inventory: string | null; components: number; bySource: Record<string, number> };
  objectives: ObjectiveResult[];
  overall: { seal: Seal; score: number; passesGate: boolean };
  gate: { minimumSeal: Record<ObjectiveId, Seal>; passed: boolean; failures: { objective: ObjectiveId; seal: Seal; required: Seal }[] };
  layers: LayerResult[];
  improvements: Improvement[];
  /** Components holding answers at the overall minimum SEAL, most answers first. */
  bottlenecks: Bottleneck[];
  /** The ledger window and record count the observed answers came from (null without --config). */
  evidence: { window: EvidenceSummary['window']; records: number | null; sources: EvidenceSummary[] } | null;
  contradictions: Contradiction[];
  credentials: CredentialReport[];
  components: { id: string; name: string; layer: string; supplier: string; supplierCountry: string; source: string; path: string }[];
}
