import type { Config } from '../../config/index.js';
import type { AuditRecord } from '../../domain/index.js';
import type { ContinuityResult } from '../drill/continuity-result.js';
import { IndicatorTally } from './indicator-tally.js';
import type { SovereigntyIndicators } from './types.js';

export interface IndicatorOptions {
  config: Config;
  /** Inclusive lower bound on record time; records before it are skipped. */
  from?: Date;
  /** Exclusive upper bound on record time. */
  to?: Date;
  /** Latest continuity result per scenario (see loadContinuityResults). */
  continuity?: ContinuityResult[];
}

/**
 * Computes the sovereignty indicators over the records of a window. The records are streamed once
 * (pass `ledger.scan({ sinceTime })`); kinds other than dispatch, complete and deny are skipped here,
 * which is cheaper than a `kinds` filter in the scan (on SQLite that filter forces an index walk and a sort).
 */
export async function computeIndicators(records: AsyncIterable<AuditRecord>, options: IndicatorOptions): Promise<SovereigntyIndicators> {
  // Ledger times are ISO 8601 UTC with milliseconds, so string order is time order.
  const from = options.from?.toISOString() ?? null;
  const to = options.to?.toISOString() ?? null;
  const tally = new IndicatorTally(options.config);
  for await (const record of records) {
    if (from !== null && record.time < from) continue;
    if (to !== null && record.time >= to) continue;
    tally.add(record);
  }
  return tally.result({ from, to }, options.continuity ?? []);
}
