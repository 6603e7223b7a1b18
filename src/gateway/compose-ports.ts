import { openLedger, type AuditLedger } from '../audit/index.js';
import { dataDirectory, type Config } from '../config/index.js';
import { createPseudonymizer, PSEUDONYMIZED_TYPES, scanChatRequest, scanEmbeddingsRequest } from '../detect/index.js';
import { decideRoute, loadPolicyEngine, type LoadedPolicyEngine } from '../policy/index.js';
import type { GatewayPorts, RoutePlanner } from './pipeline/ports.js';
import { dataFile, secretFromEnvOrFile } from './secrets.js';

export interface ComposedPorts {
  ports: GatewayPorts;
  ledger: AuditLedger;
  engine: LoadedPolicyEngine;
  dataDir: string;
  close(): Promise<void>;
}

/** The policy engine behind the gateway's planner seam. */
export function policyPlanner(engine: LoadedPolicyEngine, config: Config): RoutePlanner {
  return {
    decide: (request, targets, isCut, isHealthy) =>
      decideRoute(engine, { ...request, home: config.home, pseudonymizedTypes: PSEUDONYMIZED_TYPES }, targets, { isCut, isHealthy }),
    invalidate: () => engine.clearCache(),
  };
}

/**
 * The real request path: Korean personal-data detection, the Cedar policy engine, the pseudonymizer
 * keyed with this deployment's secret, and the hash-chained ledger. Any failure to build one of them
 * stops start-up: jaju never serves with a part of its safety path missing.
 */
export async function composePorts(config: Config, env: NodeJS.ProcessEnv): Promise<ComposedPorts> {
  const dataDir = dataDirectory(config);
  const engine = await loadPolicyEngine(config);
  const pseudonymKey = secretFromEnvOrFile(env, config.detect.pseudonymKeyEnv, dataFile(dataDir, 'pseudonym.key'));
  const ledger = await openLedger(config);
  const ports: GatewayPorts = {
    scanner: { chat: scanChatRequest, embeddings: scanEmbeddingsRequest, pseudonymizedTypes: PSEUDONYMIZED_TYPES },
    planner: policyPlanner(engine, config),
    pseudonymizer: createPseudonymizer(Buffer.from(pseudonymKey.value, 'utf8')),
    audit: ledger,
  };
  return { ports, ledger, engine, dataDir, close: () => ledger.close() };
}
