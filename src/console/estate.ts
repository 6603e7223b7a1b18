import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { AppConfig, Config, ProviderConfig } from '../config/index.js';
import type { App, AuditRecordInput, ChatCompletionRequest, Decision, Grade, Target } from '../domain/index.js';
import type { AliasRoute } from '../route/alias-targets.js';
import type { CircuitStore } from '../route/circuit-store.js';
import type { CutRegistry } from '../route/cut-registry.js';
import type { PlanEntry } from '../route/plan.js';

/** An app of the config, as the console acts on its behalf (policy previews). */
export interface EstateApp {
  app: App;
  config: AppConfig;
}

/**
 * What the console reads and steers of the running estate. The console never imports the gateway
 * (docs/architecture.md): the composition root (src/serve) hands it the gateway's runtime, which has
 * this shape. In role `all` that runtime also serves the app traffic, so cuts, circuits and the crisis
 * flag are the live ones; in role `console` it is a runtime without the data plane, whose cuts are
 * shared through Redis when `state.redis` is configured.
 */
export interface ConsoleEstate {
  readonly config: Config;
  readonly aliases: ReadonlyMap<string, AliasRoute>;
  readonly providers: ReadonlyMap<string, { readonly config: ProviderConfig }>;
  readonly apps: { byId(id: string): EstateApp | undefined };
  readonly cuts: CutRegistry;
  readonly circuits: Pick<CircuitStore, 'state' | 'snapshot'>;
  readonly crisis: boolean;
  readonly secrets: { readonly adminKey: string | undefined; readonly operatorKey: string | undefined };
  /** Who a request's client is (`server.trustedProxies`): login throttling, the console's own origin. */
  readonly clientAddresses: { clientAddress(request: IncomingMessage): string; isTrustedProxy(address: string): boolean };
  readonly logger: Logger;
  /** Aliases an app may call. */
  aliasesFor(app: { models?: string[] | undefined }): string[];
  isCut(target: Target): boolean;
}

/** The gateway's dry run of one chat body (src/gateway/pipeline/explain-route.ts has this shape). */
export interface RouteExplanation {
  chat: ChatCompletionRequest;
  targets: readonly Target[];
  result: { decision: Decision; plan: readonly PlanEntry[]; denialKind?: 'policy' | 'unavailable' | undefined };
  sentBody: ChatCompletionRequest | null;
}

/** Explains the route the gateway would take; throws the gateway's own 400/404 for a bad body or alias. */
export type RouteExplainer = (caller: EstateApp, body: unknown, grade: Grade | undefined) => RouteExplanation;

/** Where the console writes its control records (cuts, login lock events): the ledger, through the same observers as the gateway's. */
export interface ControlRecordSink {
  append(record: AuditRecordInput): Promise<unknown>;
}
