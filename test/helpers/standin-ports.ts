import type { AuditRecordInput } from '../../src/domain/index.js';
import type { GatewayPorts } from '../../src/gateway/pipeline/ports.js';
import { corePorts } from '../../bench/gateway/core-ports.js';

/**
 * Gateway-core tests exercise HTTP, adapters and the executor; they use the benchmark's stand-in ports
 * (every target permitted raw, no scan, identity pseudonymizer) so that failover behaviour is not
 * entangled with policy, with an audit sink that records. Policy, detection and ledger behaviour are
 * tested through the real composed ports elsewhere.
 */
export function memoryAudit(): { records: AuditRecordInput[]; append(record: AuditRecordInput): Promise<AuditRecordInput> } {
  const records: AuditRecordInput[] = [];
  return {
    records,
    async append(record) {
      records.push(record);
      return record;
    },
  };
}

export function standinPorts(overrides: Partial<GatewayPorts> = {}): GatewayPorts & { audit: ReturnType<typeof memoryAudit> } {
  return { ...corePorts(), audit: memoryAudit(), ...overrides } as GatewayPorts & { audit: ReturnType<typeof memoryAudit> };
}
