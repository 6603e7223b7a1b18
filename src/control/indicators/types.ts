import type { FindingType } from '../../domain/index.js';
import type { ContinuityResult } from '../drill/continuity-result.js';
import type { Concentration } from './concentration.js';
import type { Ratio } from './ratio.js';

/** Personal data of one type: how often it left jaju raw, pseudonymized, or not at all. */
export interface PersonalDataFlow {
  /** Sends (dispatch records) that carried the type in clear, and how many values they carried. */
  raw: { sends: number; items: number };
  /** Sends whose values of this type were replaced by pseudonyms before leaving. */
  pseudonymized: { sends: number; items: number };
  /** Denied requests that carried the type: the data never left. */
  blocked: { requests: number; items: number };
}

/** One S or C send outside the home jurisdiction (the first few are listed, for the alarm). */
export interface SensitiveViolation {
  seq: number;
  time: string;
  requestId: string | null;
  app: string | null;
  grade: 'S' | 'C';
  provider: string | null;
  operatorCountry: string | null;
  hostingCountry: string | null;
}

export interface IndicatorAlarm {
  /** 'alarm' = a rule of docs/design.md §5 was broken; 'warning' = a dependence to look at. */
  severity: 'alarm' | 'warning';
  code: 'sensitive-outside-home' | 'operator-concentration' | 'jurisdiction-concentration';
  message: string;
}

/**
 * Sovereignty indicators over a window of the audit ledger (JSON-serialisable; docs/drills.md
 * documents every field). "Served" means a `complete` record with outcome ok; "sends" are `dispatch`
 * records (one per target tried, so a failed-over request counts once per target its data reached).
 */
export interface SovereigntyIndicators {
  /** Home jurisdiction the shares are measured against (config.home). */
  home: string;
  window: {
    /** The requested bounds (ISO 8601; from inclusive, to exclusive), null when open. */
    from: string | null;
    to: string | null;
    /** Time of the first and last request record inside the window, null when there was none. */
    firstRecord: string | null;
    lastRecord: string | null;
  };
  /** dispatch, complete and deny records inside the window. */
  records: number;
  requests: {
    /** Distinct requests: deny records plus first dispatches (attempt 1). */
    total: number;
    /** complete records with outcome ok. */
    served: number;
    /** deny records (403 policy + 503 unavailable). */
    denied: number;
    deniedByPolicy: number;
    deniedUnavailable: number;
    /** total − served − denied: every target failed, the client went away, or still in flight. */
    failed: number;
  };
  /** Tokens of served calls (tokens.total of complete/ok records). */
  tokens: number;
  /** Served traffic hosted in the home jurisdiction (hostingCountry = home). */
  domestic: { requests: Ratio; tokens: Ratio };
  /**
   * Sends of S and C data whose target was operated *and* hosted in the home jurisdiction. Must be
   * 100 %: anything else raises the `sensitive-outside-home` alarm.
   */
  sensitiveInCountry: {
    all: Ratio;
    S: Ratio;
    C: Ratio;
    alarm: boolean;
    /** The first violations (at most 20), oldest first. */
    violations: SensitiveViolation[];
  };
  /** Served traffic whose operator's legal seat is outside the home jurisdiction (e.g. US CLOUD Act exposure). */
  foreignLawExposure: {
    requests: Ratio;
    tokens: Ratio;
    /** Per foreign operator country: served requests and tokens. */
    byOperatorCountry: Record<string, { requests: number; tokens: number }>;
  };
  /** HHI of served traffic per operator (provider id) and per jurisdiction (operator country). */
  concentration: { byOperator: Concentration; byJurisdiction: Concentration };
  /** Served traffic by the declared model profile of its provider (config.providers[].sovereignty). */
  models: {
    openWeights: { requests: Ratio; tokens: Ratio };
    /** weightsOrigin = home. */
    domesticOrigin: { requests: Ratio; tokens: Ratio };
    /** Served calls whose provider is no longer in the config (counted as neither open nor domestic). */
    unknownProvider: number;
  };
  /** Per finding type present in the window, and summed over all types. */
  personalData: { byType: Partial<Record<FindingType, PersonalDataFlow>>; total: PersonalDataFlow };
  /** Latest continuity score per drill scenario (from `jaju drill run --save`), by scenario name. */
  continuity: ContinuityResult[];
  alarms: IndicatorAlarm[];
}
