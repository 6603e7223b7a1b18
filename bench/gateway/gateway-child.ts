// One gateway variant of the overhead benchmark, in its own process (so that it shares no event loop with
// the load generator). Started by overhead.ts:
//   node --import tsx bench/gateway/gateway-child.ts --variant core|policy|full|full-pg --upstream URL
//        [--data-dir DIR] [--postgres URL] [--workers N]
// Prints "READY <url>" once listening; exits on SIGTERM or when its stdin closes (the parent died).
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, type Config } from '../../src/config/index.js';
import { createGateway } from '../../src/gateway/create-gateway.js';
import { createLogger } from '../../src/gateway/logger.js';
import type { GatewayPorts, RoutePlanner } from '../../src/gateway/pipeline/ports.js';
import { benchConfigInput } from './bench-workload.js';
import { corePorts, discardingAudit } from './core-ports.js';

export const VARIANT_KINDS = ['core', 'policy', 'full', 'full-pg'] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

const { values } = parseArgs({
  options: {
    variant: { type: 'string' },
    upstream: { type: 'string' },
    'data-dir': { type: 'string' },
    postgres: { type: 'string' },
    workers: { type: 'string', default: '1' },
    port: { type: 'string', default: '0' },
  },
});
const variant = values.variant as VariantKind;
if (!VARIANT_KINDS.includes(variant) || !values.upstream) {
  process.stderr.write(`gateway-child: --variant (${VARIANT_KINDS.join('|')}) and --upstream are required\n`);
  process.exit(2);
}
const workers = Number(values.workers);

function configFor(kind: VariantKind): Config {
  const dataDir = values['data-dir'] ?? process.cwd();
  const store = kind === 'full-pg' ? { postgres: values.postgres ?? '' } : { sqlite: join(dataDir, 'jaju.db') };
  return parseConfig(benchConfigInput(values.upstream!, store), null, dataDir);
}

/** The ports of each variant; the real modules are imported lazily so that "core" runs before they exist. */
async function portsFor(kind: VariantKind, config: Config, env: NodeJS.ProcessEnv): Promise<{ ports: GatewayPorts; close(): Promise<void> }> {
  if (kind === 'core') return { ports: corePorts(), close: async () => {} };
  if (kind === 'policy') {
    const detect = await import('../../src/detect/index.js');
    const policy = await import('../../src/policy/index.js');
    const engine = await policy.loadPolicyEngine(config);
    // The composition root's planner when it loads; compose-ports also pulls in the ledger, so while that
    // module is unfinished the same three lines are used from here (mirroring composePorts' policyPlanner).
    const planner: RoutePlanner = await import('../../src/gateway/compose-ports.js').then(
      (composition) => composition.policyPlanner(engine, config),
      (): RoutePlanner => ({
        decide: (request, targets, isCut, isHealthy) =>
          policy.decideRoute(engine, { ...request, home: config.home, pseudonymizedTypes: detect.PSEUDONYMIZED_TYPES }, targets, { isCut, isHealthy }),
        invalidate: () => engine.clearCache(),
      }),
    );
    const ports: GatewayPorts = {
      scanner: { chat: detect.scanChatRequest, embeddings: detect.scanEmbeddingsRequest, pseudonymizedTypes: detect.PSEUDONYMIZED_TYPES },
      planner,
      pseudonymizer: detect.createPseudonymizer(randomBytes(32)),
      audit: discardingAudit(),
    };
    return { ports, close: async () => {} };
  }
  const { composePorts } = await import('../../src/gateway/compose-ports.js');
  const composed = await composePorts(config, env);
  return { ports: composed.ports, close: () => composed.close() };
}

// The pseudonymization key comes from the environment so that nothing is generated into the repository;
// set once here, so that cluster workers (which inherit the primary's environment) share it.
process.env['JAJU_PSEUDONYM_KEY'] ??= randomBytes(32).toString('base64url');

async function serve(port: number): Promise<string> {
  const env = { ...process.env };
  const config = configFor(variant);
  const composed = await portsFor(variant, config, env);
  const gateway = createGateway({ config, ports: composed.ports, env, logger: createLogger('silent') });
  const address = await gateway.listen(port, '127.0.0.1');
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void gateway
      .close(200)
      .then(() => composed.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  return address.url;
}

function exitWhenParentGoes(onGone: () => void): void {
  process.stdin.on('end', onGone);
  process.stdin.on('error', onGone);
  process.stdin.resume();
}

if (workers <= 1) {
  const url = await serve(Number(values.port));
  process.stdout.write(`READY ${url}\n`);
  exitWhenParentGoes(() => process.kill(process.pid, 'SIGTERM'));
} else if (cluster.isPrimary) {
  // Cluster mode: the workers share one listening port (the primary hands connections out round-robin).
  const port = Number(values.port);
  if (port === 0) {
    process.stderr.write('gateway-child: --workers > 1 needs a fixed --port\n');
    process.exit(2);
  }
  let ready = 0;
  const children = Array.from({ length: workers }, () => cluster.fork());
  for (const worker of children) {
    worker.on('message', (message: { ready?: string }) => {
      if (message.ready && ++ready === workers) process.stdout.write(`READY ${message.ready}\n`);
    });
    worker.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`gateway-child: worker exited with ${code}\n`);
    });
  }
  const stopAll = () => {
    for (const worker of children) worker.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 1_000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGTERM', stopAll);
  exitWhenParentGoes(stopAll);
} else {
  const url = await serve(Number(values.port));
  process.send?.({ ready: url });
}
