import type { Config } from '../../config/index.js';
import { cutScopeMatches, describeCutScope, type FindingType, type Target } from '../../domain/index.js';
import type { PolicyEngine } from '../../policy/index.js';
import { aliasTargets } from '../../route/alias-targets.js';
import { InMemoryCutRegistry } from '../../route/cut-registry.js';
import { CapacityBucket, PeakCounter, resolveCapacities } from './capacity.js';
import { planClass, type ClassPlan } from './class-plans.js';
import { rowKey, type Workload } from './collect-workload.js';
import type { DrillProviderLoad, DrillReport } from './drill-report.js';
import { RowTally } from './row-tally.js';
import type { Scenario } from './scenario-schema.js';
import { chooseBucketSeconds, Timeline } from './timeline.js';

export interface ReplayInput {
  config: Config;
  engine: PolicyEngine;
  workload: Workload;
  scenario: Scenario;
  pseudonymizedTypes: readonly FindingType[];
  since: Date | undefined;
  now: Date;
  warnings: string[];
}

function counters(providers: readonly string[]): Map<string, PeakCounter> {
  return new Map(providers.map((id) => [id, new PeakCounter()]));
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * Replays the workload through the planner under the scenario. The planner runs once per request
 * class (requests that look alike to it); requests then walk their class's plan in time order, each
 * taken by the first target that still has capacity, exactly as the executor walks a plan.
 */
export function replayWorkload(input: ReplayInput): DrillReport {
  const { config, engine, workload, scenario } = input;
  const warnings = [...input.warnings];
  // The same registry type the gateway uses for live cuts: a drill cut means exactly what a live cut means.
  const cuts = new InMemoryCutRegistry(scenario.cuts);
  const context = {
    config,
    engine,
    aliases: aliasTargets(config),
    apps: new Map(config.apps.map((app) => [app.id, app])),
    isCut: (target: Target) => cuts.isCut(target.provider, target.profile),
    crisis: scenario.crisis,
    pseudonymizedTypes: input.pseudonymizedTypes,
  };

  const plans: ClassPlan[] = workload.classes.map((workloadClass) => planClass(workloadClass, context));
  const rows = new Map<string, RowTally>();
  const rowOf: RowTally[] = workload.classes.map((workloadClass, index) => {
    const key = rowKey(workloadClass.app, workloadClass.alias);
    let row = rows.get(key);
    if (!row) {
      row = new RowTally(workloadClass.app, workloadClass.alias, plans[index]!.criticality, workload.recorded.get(key) ?? { served: 0, denied: 0 });
      rows.set(key, row);
    }
    return row;
  });
  const unknownApps = new Set(workload.classes.filter((workloadClass) => !context.apps.has(workloadClass.app)).map((workloadClass) => workloadClass.app));
  for (const app of unknownApps) warnings.push(`app "${app}" is not in the config: replayed with its recorded grade and purpose, criticality 1`);
  const unreplayable = new Map<string, number>();
  plans.forEach((plan, index) => {
    if (plan.unreplayable !== null) unreplayable.set(plan.unreplayable, (unreplayable.get(plan.unreplayable) ?? 0) + workload.classes[index]!.requests);
  });
  for (const [reason, requests] of unreplayable) warnings.push(`${requests} requests not replayed: ${reason}`);
  if (workload.incomplete > 0) warnings.push(`${workload.incomplete} request records without app, alias or grade were not replayed`);

  const providerIds = config.providers.map((provider) => provider.id);
  const { times, classOf } = workload;
  const count = times.length;

  // Pass 1: the baseline load (no cuts, no capacity), whose peaks capacity shares refer to.
  const baselinePeaks = counters(providerIds);
  const baselineRequests = new Map<string, number>(providerIds.map((id) => [id, 0]));
  const workloadPeak = new PeakCounter();
  for (let index = 0; index < count; index += 1) {
    const baseline = plans[classOf[index]!]!.baseline;
    if (baseline === null) continue;
    workloadPeak.add(times[index]!);
    baselinePeaks.get(baseline.provider)?.add(times[index]!);
    baselineRequests.set(baseline.provider, (baselineRequests.get(baseline.provider) ?? 0) + 1);
  }
  const capacities = resolveCapacities(config, scenario.capacity, scenario.ignoreConfigCapacity, {
    baselineByProvider: new Map([...baselinePeaks].map(([id, counter]) => [id, counter.peak])),
    workload: workloadPeak.peak,
  });
  const buckets = new Map([...capacities].map(([id, capacity]) => [id, new CapacityBucket(capacity.rps)]));

  // Pass 2: the scenario.
  const scenarioPeaks = counters(providerIds);
  const scenarioRequests = new Map<string, number>(providerIds.map((id) => [id, 0]));
  const overflow = new Map<string, number>(providerIds.map((id) => [id, 0]));
  const timeline = new Timeline(times[0] ?? input.now.getTime(), chooseBucketSeconds(times[0] ?? 0, times[count - 1] ?? 0));
  let weightInScope = 0;
  let weightServed = 0;
  let inScope = 0;
  let same = 0;
  let failedOver = 0;
  let notServedNoTarget = 0;
  let notServedCapacity = 0;
  let outOfScope = 0;
  for (let index = 0; index < count; index += 1) {
    const classIndex = classOf[index]!;
    const plan = plans[classIndex]!;
    if (plan.unreplayable !== null) continue;
    const at = times[index]!;
    const row = rowOf[classIndex]!;
    row.grade(workload.classes[classIndex]!.grade);
    if (plan.baseline === null) {
      row.outOfScope += 1;
      outOfScope += 1;
      timeline.add(at, 'outOfScope');
      continue;
    }
    inScope += 1;
    weightInScope += plan.criticality;
    row.inScope(plan.baseline.key);
    let taken = null;
    for (const entry of plan.scenario) {
      const bucket = buckets.get(entry.provider);
      if (bucket !== undefined && !bucket.tryTake(at)) {
        overflow.set(entry.provider, (overflow.get(entry.provider) ?? 0) + 1);
        continue;
      }
      taken = entry;
      break;
    }
    if (taken !== null) {
      weightServed += plan.criticality;
      row.servedBy(plan.baseline.key, taken.key, taken.mode);
      scenarioPeaks.get(taken.provider)?.add(at);
      scenarioRequests.set(taken.provider, (scenarioRequests.get(taken.provider) ?? 0) + 1);
      if (taken.key === plan.baseline.key) {
        same += 1;
        timeline.add(at, 'same');
      } else {
        failedOver += 1;
        timeline.add(at, 'failedOver');
      }
    } else if (plan.scenario.length === 0) {
      notServedNoTarget += 1;
      row.notServedBecause('no-permitted-target', plan.scenarioReason);
      timeline.add(at, 'notServed');
    } else {
      notServedCapacity += 1;
      const limits = plan.scenario.map((entry) => `${entry.key} ${formatRps(capacities.get(entry.provider)?.rps)}`).join(', ');
      row.notServedBecause('capacity', `every permitted target is at capacity (${limits})`);
      timeline.add(at, 'notServed');
    }
  }

  const providers: DrillProviderLoad[] = config.providers.map((provider) => {
    const capacity = capacities.get(provider.id);
    return {
      provider: provider.id,
      cut: scenario.cuts.some((scope) => cutScopeMatches(scope, provider.id, provider.sovereignty)),
      capacityRps: capacity?.rps ?? null,
      capacitySource: capacity?.source ?? null,
      baseline: { requests: baselineRequests.get(provider.id) ?? 0, peakRps: baselinePeaks.get(provider.id)?.peak ?? 0 },
      scenario: { requests: scenarioRequests.get(provider.id) ?? 0, peakRps: scenarioPeaks.get(provider.id)?.peak ?? 0 },
      overflow: overflow.get(provider.id) ?? 0,
    };
  });
  const served = same + failedOver;
  const requestShare = share(served, inScope);
  const weightedShare = share(weightServed, weightInScope);
  const unreplayableCount = [...unreplayable.values()].reduce((sum, value) => sum + value, 0);
  return {
    scenario: {
      name: scenario.name,
      title: scenario.title,
      description: scenario.description,
      file: scenario.file,
      cuts: scenario.cuts.map((scope) => ({ ...scope, description: describeCutScope(scope) })),
      capacity: scenario.capacity,
      crisis: scenario.crisis,
      weighting: scenario.weighting,
    },
    home: config.home,
    generatedAt: input.now.toISOString(),
    window: { since: input.since?.toISOString() ?? null, firstRequest: workload.firstRequest, lastRequest: workload.lastRequest },
    totals: {
      recorded: count + workload.incomplete,
      unreplayable: unreplayableCount + workload.incomplete,
      outOfScope,
      inScope,
      same,
      failedOver,
      notServed: notServedNoTarget + notServedCapacity,
      notServedNoTarget,
      notServedCapacity,
    },
    continuity: {
      score: scenario.weighting === 'criticality' ? weightedShare : requestShare,
      weighting: scenario.weighting,
      requestShare,
      weightedShare,
      served,
      inScope,
    },
    rows: [...rows.values()]
      .map((row) => row.result())
      // Rows whose every request was unreplayable are in the warnings, not in the table.
      .filter((row) => row.requests + row.outOfScope > 0)
      .sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0)),
    providers,
    timeline: { bucketSeconds: timeline.bucketSeconds, buckets: timeline.result() },
    warnings,
  };
}

function formatRps(rps: number | undefined): string {
  if (rps === undefined) return 'unlimited';
  return `${Number.isInteger(rps) ? rps : rps.toFixed(2)} rps`;
}
