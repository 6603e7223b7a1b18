import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AuditRecordInput } from '../../domain/index.js';
import type { GatewayRuntime } from '../runtime.js';

const CIRCUIT_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * Prometheus metrics (GET /metrics). Request-path counters are fed from the audit records the gateway
 * appends (one observation point for every decision and call), HTTP status counts from the server,
 * and state gauges (circuits, cuts, indicators) are read at scrape time.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly http: Counter<'route' | 'status'>;
  private readonly decisions: Counter<'decision' | 'grade' | 'app'>;
  private readonly denials: Counter<'rule'>;
  private readonly findings: Counter<'type'>;
  private readonly upstream: Histogram<'provider' | 'outcome'>;
  private readonly tokens: Counter<'provider' | 'hosting_country'>;
  private readonly indicatorGauge: Gauge<'indicator'>;
  private indicatorSource: (() => Promise<Record<string, number>>) | undefined;
  private readonly refusals: Counter<'code' | 'app'>;
  private readonly unauthenticated: Counter<'route'>;
  private readonly connectionsRefused: Counter<'reason'>;
  private readonly timeouts: Counter<'phase'>;
  private openConnections: (() => number) | undefined;

  constructor(runtime: GatewayRuntime, options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const metrics = this;
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'jaju_process_' });
    this.http = new Counter({ name: 'jaju_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers });
    this.decisions = new Counter({ name: 'jaju_decisions_total', help: 'Routing decisions by outcome, effective grade and app', labelNames: ['decision', 'grade', 'app'], registers });
    this.denials = new Counter({ name: 'jaju_denials_total', help: 'Denied requests by deciding rule', labelNames: ['rule'], registers });
    this.findings = new Counter({ name: 'jaju_findings_total', help: 'Personal-data findings in requests by type', labelNames: ['type'], registers });
    this.upstream = new Histogram({
      name: 'jaju_upstream_latency_seconds',
      help: 'Upstream call latency by provider and outcome (time to the full answer or end of stream)',
      labelNames: ['provider', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.tokens = new Counter({ name: 'jaju_tokens_total', help: 'Tokens served by provider and hosting country', labelNames: ['provider', 'hosting_country'], registers });
    this.refusals = new Counter({
      name: 'jaju_refusals_total',
      help: 'Requests of a known app refused before a routing decision (bad body, limit, unknown alias, body timeout), by error code',
      labelNames: ['code', 'app'],
      registers,
    });
    this.unauthenticated = new Counter({
      name: 'jaju_unauthenticated_requests_total',
      help: 'Requests refused for a missing or wrong key (no app to put them on the record), by route',
      labelNames: ['route'],
      registers,
    });
    this.connectionsRefused = new Counter({
      name: 'jaju_connections_refused_total',
      help: 'Client connections turned away by the connection caps (per_address: 429, global: 503)',
      labelNames: ['reason'],
      registers,
    });
    this.timeouts = new Counter({
      name: 'jaju_request_timeouts_total',
      help: 'Requests closed because the client was too slow (headers, body_idle, body_total), answered 408',
      labelNames: ['phase'],
      registers,
    });
    new Gauge({
      name: 'jaju_connections_open',
      help: 'Open client connections on the gateway listener',
      registers,
      collect() {
        this.set(metrics.openConnections?.() ?? 0);
      },
    });
    new Gauge({
      name: 'jaju_circuit_state',
      help: 'Circuit breaker state per provider (0 closed, 1 half-open, 2 open)',
      labelNames: ['provider'],
      registers,
      collect() {
        this.reset();
        for (const provider of runtime.providers.keys()) this.set({ provider }, CIRCUIT_VALUE[runtime.circuits.state(provider)]);
      },
    });
    new Gauge({
      name: 'jaju_cuts_in_force',
      help: 'Cuts in force (drills, crises)',
      registers,
      collect() {
        this.set(runtime.cuts.list().length);
      },
    });
    new Gauge({
      name: 'jaju_crisis',
      help: '1 while an operator has declared a crisis',
      registers,
      collect() {
        this.set(runtime.crisis ? 1 : 0);
      },
    });
    this.indicatorGauge = new Gauge({
      name: 'jaju_sovereignty_indicator',
      help: 'Sovereignty indicators over the configured window (see docs/drills.md)',
      labelNames: ['indicator'],
      registers,
      // Async collect: the source serves cached figures (recomputed in the background, at most ~5 % of the
      // time on a big ledger), so a scrape waits only for the very first computation.
      async collect() {
        this.reset();
        if (!metrics.indicatorSource) return;
        try {
          for (const [indicator, value] of Object.entries(await metrics.indicatorSource())) this.set({ indicator }, value);
        } catch {
          // no figures this scrape; the next one retries
        }
      },
    });
  }

  /** Labelled children by route and status: prom-client hashes a label object on every inc() otherwise. */
  private readonly httpChildren = new Map<string, { inc(): void }>();

  observeHttp(route: string, status: number): void {
    const key = `${status} ${route}`;
    let child = this.httpChildren.get(key);
    if (!child) {
      child = this.http.labels({ route, status: String(status) });
      this.httpChildren.set(key, child);
    }
    child.inc();
  }

  /** Audit observer: every record the gateway appends. */
  observeRecord = (record: AuditRecordInput): void => {
    const attempt = (record.detail as { attempt?: number } | null)?.attempt;
    if (record.kind === 'deny') {
      this.decisions.inc({ decision: 'deny', grade: record.grade ?? '', app: record.app ?? '' });
      for (const rule of record.decision?.rules ?? []) this.denials.inc({ rule });
      this.countFindings(record);
    } else if (record.kind === 'dispatch' && attempt === 1) {
      this.decisions.inc({ decision: 'allow', grade: record.grade ?? '', app: record.app ?? '' });
      this.countFindings(record);
    } else if (record.kind === 'refuse') {
      this.refusals.inc({ code: String((record.detail as { code?: unknown } | null)?.code ?? 'unknown'), app: record.app ?? '' });
    } else if (record.kind === 'complete' && record.provider) {
      this.upstream.observe({ provider: record.provider, outcome: record.outcome ?? 'unknown' }, (record.latencyMs ?? 0) / 1000);
      if (record.tokens) this.tokens.inc({ provider: record.provider, hosting_country: record.hostingCountry ?? '' }, record.tokens.total);
    }
  };

  /** A request refused for a missing or wrong key: it cannot be attributed to an app, so it is counted here. */
  observeUnauthenticated(route: string): void {
    this.unauthenticated.inc({ route });
  }

  observeConnectionRefused = (reason: 'per_address' | 'global'): void => {
    this.connectionsRefused.inc({ reason });
  };

  observeTimeout(phase: 'headers' | 'body_idle' | 'body_total' | 'request'): void {
    this.timeouts.inc({ phase });
  }

  /** Where the open-connections gauge reads from (the connection gate). */
  setConnectionSource(source: () => number): void {
    this.openConnections = source;
  }

  /** Where the sovereignty indicators come from (flat numbers, see src/control/indicators/indicator-gauges.ts). */
  setIndicatorSource(source: () => Promise<Record<string, number>>): void {
    this.indicatorSource = source;
  }

  private countFindings(record: AuditRecordInput): void {
    for (const [type, count] of Object.entries(record.findings)) if (count) this.findings.inc({ type }, count);
  }
}
