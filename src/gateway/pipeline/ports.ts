import type {
  App,
  AuditRecordInput,
  ChatCompletionRequest,
  Decision,
  EmbeddingsRequest,
  FindingCounts,
  FindingType,
  Grade,
  Target,
} from '../../domain/index.js';
import type { PlanEntry } from '../../route/plan.js';
import type { PseudonymizerPort } from './pseudonym-session.js';

/** Personal-data scanning of a request's text (src/detect). Throws when detection fails: the gateway then denies. */
export interface RequestScanner {
  chat(body: ChatCompletionRequest): FindingCounts;
  embeddings(body: EmbeddingsRequest): FindingCounts;
  /** Types the pseudonymizer replaces; the pseudonymized policy step sees only the others. */
  readonly pseudonymizedTypes: readonly FindingType[];
}

export interface PlanRequest {
  app: App;
  grade: Grade;
  findings: FindingCounts;
  crisis: boolean;
}

export interface PlanResult {
  decision: Decision;
  plan: PlanEntry[];
  /** Why a denial happened: 'policy' ⇒ 403; 'unavailable' (permitted targets exist but are cut) ⇒ 503. */
  denialKind?: 'policy' | 'unavailable';
}

/** Decides which targets of an alias may receive this request, and how (src/policy). */
export interface RoutePlanner {
  decide(request: PlanRequest, targets: readonly Target[], isCut: (target: Target) => boolean, isHealthy: (target: Target) => boolean): PlanResult;
  /** Forget cached decisions (policy reload, cuts). */
  invalidate(): void;
}

/** The audit ledger as the gateway uses it (src/audit): append resolves once the record is durable. */
export interface AuditSink {
  append(record: AuditRecordInput): Promise<unknown>;
}

export interface GatewayPorts {
  scanner: RequestScanner;
  planner: RoutePlanner;
  pseudonymizer: PseudonymizerPort;
  audit: AuditSink;
}
