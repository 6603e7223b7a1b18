import type { AuditLedger } from '../audit/index.js';
import type { LoadedPolicyEngine } from '../policy/index.js';
import type { ConsoleEstate, ControlRecordSink, RouteExplainer } from './estate.js';
import type { IndicatorsCache } from './indicators-cache.js';
import type { KeyChecks } from './key-checks.js';
import type { TrafficMeter } from './traffic-meter.js';

/** What the dashboard's API handlers share: the estate they read and steer, and the composed modules. */
export interface DashboardContext {
  estate: ConsoleEstate;
  ledger: AuditLedger;
  /** Control records the console writes (cuts, login lock events). */
  audit: ControlRecordSink;
  engine: LoadedPolicyEngine | undefined;
  /** The gateway's dry run of a chat body (policy previews). */
  explainRoute: RouteExplainer;
  meter: TrafficMeter;
  dataDir: string;
  /** Folder holding drill scenarios (drills/) and compute inputs (compute/). */
  examplesDir: string;
  indicators: IndicatorsCache;
  /** Checks every key the console is shown (throttled, lock events recorded). */
  keys: KeyChecks;
  /** Cuts made here reach the gateways (same process, or a shared registry). */
  cutsReachGateways: boolean;
  clock: () => number;
}
