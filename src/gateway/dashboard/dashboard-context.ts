import type { AuditLedger } from '../../audit/index.js';
import type { LoadedPolicyEngine } from '../../policy/index.js';
import type { GatewayRuntime } from '../runtime.js';
import type { IndicatorsCache } from './indicators-cache.js';
import type { TrafficMeter } from './traffic-meter.js';

/** What the dashboard's API handlers share: the gateway's runtime and the composed modules. */
export interface DashboardContext {
  runtime: GatewayRuntime;
  ledger: AuditLedger;
  engine: LoadedPolicyEngine | undefined;
  meter: TrafficMeter;
  dataDir: string;
  /** Folder holding drill scenarios (drills/) and compute inputs (compute/). */
  examplesDir: string;
  indicators: IndicatorsCache;
  clock: () => number;
}
