import type { Config } from '../../config/index.js';
import { FINDING_TYPES, type AuditRecord, type FindingType, type SovereigntyProfile } from '../../domain/index.js';
import type { ContinuityResult } from '../drill/continuity-result.js';
import { concentration } from './concentration.js';
import { ratio } from './ratio.js';
import type { IndicatorAlarm, PersonalDataFlow, SensitiveViolation, SovereigntyIndicators } from './types.js';

const MAX_VIOLATIONS = 20;

function emptyFlow(): PersonalDataFlow {
  return { raw: { sends: 0, items: 0 }, pseudonymized: { sends: 0, items: 0 }, blocked: { requests: 0, items: 0 } };
}

function bump(map: Map<string, { tokens: number; requests: number }>, key: string, tokens: number): void {
  const entry = map.get(key);
  if (entry) {
    entry.tokens += tokens;
    entry.requests += 1;
  } else {
    map.set(key, { tokens, requests: 1 });
  }
}

/** attempt 1 (or no attempt recorded) marks the first dispatch of a request. */
function isFirstDispatch(record: AuditRecord): boolean {
  const attempt = record.detail?.['attempt'];
  return attempt === undefined || attempt === null || attempt === 1;
}

/**
 * Accumulates the indicators one record at a time, in constant memory apart from the per-supplier
 * maps, so that a year of ledger streams through without being held.
 */
export class IndicatorTally {
  private readonly home: string;
  private readonly profiles: Map<string, SovereigntyProfile>;
  private records = 0;
  private firstRecord: string | null = null;
  private lastRecord: string | null = null;
  private firstDispatches = 0;
  private served = 0;
  private deniedByPolicy = 0;
  private deniedUnavailable = 0;
  private tokens = 0;
  private domesticRequests = 0;
  private domesticTokens = 0;
  private foreignRequests = 0;
  private foreignTokens = 0;
  private readonly byForeignCountry = new Map<string, { tokens: number; requests: number }>();
  private readonly byOperator = new Map<string, { tokens: number; requests: number }>();
  private readonly byJurisdiction = new Map<string, { tokens: number; requests: number }>();
  private openRequests = 0;
  private openTokens = 0;
  private domesticOriginRequests = 0;
  private domesticOriginTokens = 0;
  private unknownProvider = 0;
  private readonly sensitive = { S: { sends: 0, inCountry: 0 }, C: { sends: 0, inCountry: 0 } };
  private readonly violations: SensitiveViolation[] = [];
  private readonly flows = new Map<FindingType, PersonalDataFlow>();

  constructor(config: Pick<Config, 'home' | 'providers'>) {
    this.home = config.home;
    this.profiles = new Map(config.providers.map((provider) => [provider.id, provider.sovereignty]));
  }

  add(record: AuditRecord): void {
    if (record.kind !== 'dispatch' && record.kind !== 'complete' && record.kind !== 'deny') return;
    this.records += 1;
    this.firstRecord ??= record.time;
    this.lastRecord = record.time;
    if (record.kind === 'deny') this.addDeny(record);
    else if (record.kind === 'dispatch') this.addDispatch(record);
    else if (record.outcome === 'ok') this.addServed(record);
  }

  private addDeny(record: AuditRecord): void {
    if (record.status === 503) this.deniedUnavailable += 1;
    else this.deniedByPolicy += 1;
    for (const type of FINDING_TYPES) {
      const count = record.findings[type];
      if (count === undefined || count <= 0) continue;
      const flow = this.flow(type);
      flow.blocked.requests += 1;
      flow.blocked.items += count;
    }
  }

  private addDispatch(record: AuditRecord): void {
    if (isFirstDispatch(record)) this.firstDispatches += 1;
    const grade = record.grade;
    if (grade === 'S' || grade === 'C') {
      const tally = this.sensitive[grade];
      tally.sends += 1;
      if (record.operatorCountry === this.home && record.hostingCountry === this.home) tally.inCountry += 1;
      else if (this.violations.length < MAX_VIOLATIONS) {
        this.violations.push({
          seq: record.seq,
          time: record.time,
          requestId: record.requestId,
          app: record.app,
          grade,
          provider: record.provider,
          operatorCountry: record.operatorCountry,
          hostingCountry: record.hostingCountry,
        });
      }
    }
    const pseudonymized = record.mode === 'pseudonymized';
    for (const type of FINDING_TYPES) {
      const count = record.findings[type];
      if (count === undefined || count <= 0) continue;
      const side = pseudonymized ? this.flow(type).pseudonymized : this.flow(type).raw;
      side.sends += 1;
      side.items += count;
    }
  }

  private addServed(record: AuditRecord): void {
    const tokens = record.tokens?.total ?? 0;
    this.served += 1;
    this.tokens += tokens;
    if (record.hostingCountry === this.home) {
      this.domesticRequests += 1;
      this.domesticTokens += tokens;
    }
    const operatorCountry = record.operatorCountry ?? 'unknown';
    if (operatorCountry !== this.home) {
      this.foreignRequests += 1;
      this.foreignTokens += tokens;
      bump(this.byForeignCountry, operatorCountry, tokens);
    }
    bump(this.byOperator, record.provider ?? 'unknown', tokens);
    bump(this.byJurisdiction, operatorCountry, tokens);
    const profile = record.provider === null ? undefined : this.profiles.get(record.provider);
    if (profile === undefined) {
      this.unknownProvider += 1;
      return;
    }
    if (profile.openWeights) {
      this.openRequests += 1;
      this.openTokens += tokens;
    }
    if (profile.weightsOrigin === this.home) {
      this.domesticOriginRequests += 1;
      this.domesticOriginTokens += tokens;
    }
  }

  private flow(type: FindingType): PersonalDataFlow {
    let flow = this.flows.get(type);
    if (!flow) {
      flow = emptyFlow();
      this.flows.set(type, flow);
    }
    return flow;
  }

  result(window: { from: string | null; to: string | null }, continuity: readonly ContinuityResult[]): SovereigntyIndicators {
    const denied = this.deniedByPolicy + this.deniedUnavailable;
    const total = denied + this.firstDispatches;
    const { S, C } = this.sensitive;
    const sensitiveSends = S.sends + C.sends;
    const sensitiveInCountry = S.inCountry + C.inCountry;
    const byType: Partial<Record<FindingType, PersonalDataFlow>> = {};
    const totalFlow = emptyFlow();
    for (const type of FINDING_TYPES) {
      const flow = this.flows.get(type);
      if (!flow) continue;
      byType[type] = flow;
      totalFlow.raw.sends += flow.raw.sends;
      totalFlow.raw.items += flow.raw.items;
      totalFlow.pseudonymized.sends += flow.pseudonymized.sends;
      totalFlow.pseudonymized.items += flow.pseudonymized.items;
      totalFlow.blocked.requests += flow.blocked.requests;
      totalFlow.blocked.items += flow.blocked.items;
    }
    const byOperatorCountry: Record<string, { requests: number; tokens: number }> = {};
    for (const [country, amounts] of [...this.byForeignCountry].sort(([a], [b]) => (a < b ? -1 : 1))) {
      byOperatorCountry[country] = { requests: amounts.requests, tokens: amounts.tokens };
    }
    const indicators: SovereigntyIndicators = {
      home: this.home,
      window: { ...window, firstRecord: this.firstRecord, lastRecord: this.lastRecord },
      records: this.records,
      requests: {
        total,
        served: this.served,
        denied,
        deniedByPolicy: this.deniedByPolicy,
        deniedUnavailable: this.deniedUnavailable,
        // A request dispatched just before the window and completed inside it counts as served only.
        failed: Math.max(0, total - this.served - denied),
      },
      tokens: this.tokens,
      domestic: { requests: ratio(this.domesticRequests, this.served), tokens: ratio(this.domesticTokens, this.tokens) },
      sensitiveInCountry: {
        all: ratio(sensitiveInCountry, sensitiveSends),
        S: ratio(S.inCountry, S.sends),
        C: ratio(C.inCountry, C.sends),
        alarm: sensitiveInCountry < sensitiveSends,
        violations: [...this.violations],
      },
      foreignLawExposure: {
        requests: ratio(this.foreignRequests, this.served),
        tokens: ratio(this.foreignTokens, this.tokens),
        byOperatorCountry,
      },
      concentration: { byOperator: concentration(this.byOperator), byJurisdiction: concentration(this.byJurisdiction) },
      models: {
        openWeights: { requests: ratio(this.openRequests, this.served), tokens: ratio(this.openTokens, this.tokens) },
        domesticOrigin: { requests: ratio(this.domesticOriginRequests, this.served), tokens: ratio(this.domesticOriginTokens, this.tokens) },
        unknownProvider: this.unknownProvider,
      },
      personalData: { byType, total: totalFlow },
      continuity: [...continuity].sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0)),
      alarms: [],
    };
    indicators.alarms = alarmsOf(indicators);
    return indicators;
  }
}

function percent(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)} %`;
}

function alarmsOf(indicators: SovereigntyIndicators): IndicatorAlarm[] {
  const alarms: IndicatorAlarm[] = [];
  const sensitive = indicators.sensitiveInCountry;
  if (sensitive.alarm) {
    const outside = sensitive.all.of - sensitive.all.count;
    alarms.push({
      severity: 'alarm',
      code: 'sensitive-outside-home',
      message: `${outside} of ${sensitive.all.of} S/C sends went to a target not operated and hosted in ${indicators.home} (in-country ${percent(sensitive.all.share)}, must be 100 %)`,
    });
  }
  const { byOperator, byJurisdiction } = indicators.concentration;
  if (byOperator.level === 'high') {
    alarms.push({
      severity: 'warning',
      code: 'operator-concentration',
      message: `served tokens are highly concentrated by operator: HHI ${Math.round(byOperator.hhi ?? 0)} > 2500 (largest: ${byOperator.top})`,
    });
  }
  // All traffic at home is the goal, not a dependence: only a foreign jurisdiction's dominance warns.
  if (byJurisdiction.level === 'high' && byJurisdiction.top !== indicators.home) {
    alarms.push({
      severity: 'warning',
      code: 'jurisdiction-concentration',
      message: `served tokens are highly concentrated by jurisdiction: HHI ${Math.round(byJurisdiction.hhi ?? 0)} > 2500 (largest: ${byJurisdiction.top})`,
    });
  }
  return alarms;
}
