import type { Config } from '../../config/index.js';
import { PSEUDONYMIZED_TYPES } from '../../detect/index.js';
import type { AuditRecord, FindingType } from '../../domain/index.js';
import type { PolicyEngine } from '../../policy/index.js';
import { checkScenario } from './check-scenario.js';
import { collectWorkload } from './collect-workload.js';
import type { DrillReport } from './drill-report.js';
import { replayWorkload } from './replay-workload.js';
import type { Scenario } from './scenario-schema.js';

export interface DrillInput {
  config: Config;
  engine: PolicyEngine;
  /**
   * The recorded workload, in seq order: pass `ledger.scan({ sinceTime })`. Other kinds than dispatch,
   * complete and deny are skipped here; filtering them in the scan (`kinds`) is slower on SQLite.
   */
  records: AsyncIterable<AuditRecord>;
  scenario: Scenario;
  /** Records before this instant are not replayed. */
  from?: Date;
  /** The report's generatedAt (tests pin it). */
  now?: Date;
  /** Finding types the gateway pseudonymizes (default: the detector's, as the gateway uses). */
  pseudonymizedTypes?: readonly FindingType[];
}

/**
 * Replays the recorded workload under a scenario and reports what would still be served. Pure: it
 * reads the records it is given and asks the policy engine, and never touches a gateway, its cut
 * registry or its ledger. Throws ScenarioError when the scenario names providers the config lacks.
 */
export async function runDrill(input: DrillInput): Promise<DrillReport> {
  const warnings = checkScenario(input.scenario, input.config);
  const workload = await collectWorkload(input.records, input.from);
  return replayWorkload({
    config: input.config,
    engine: input.engine,
    workload,
    scenario: input.scenario,
    pseudonymizedTypes: input.pseudonymizedTypes ?? PSEUDONYMIZED_TYPES,
    since: input.from,
    now: input.now ?? new Date(),
    warnings,
  });
}
