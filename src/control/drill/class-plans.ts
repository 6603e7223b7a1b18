import type { AppConfig, Config } from '../../config/index.js';
import { maxGrade, targetKey, type App, type FindingType, type SendMode, type Target } from '../../domain/index.js';
import { decideRoute, type PolicyEngine, type PolicyRequest } from '../../policy/index.js';
import type { WorkloadClass } from './collect-workload.js';

/** One permitted target of the scenario plan. */
export interface PlannedTarget {
  key: string;
  provider: string;
  mode: SendMode;
}

/** How the planner treats one workload class, without and with the scenario's cuts. */
export interface ClassPlan {
  /** Why the class cannot be replayed at all (alias gone from the config), else null. */
  unreplayable: string | null;
  /** First target of the uncut plan; null when policy denies the class even without cuts. */
  baseline: PlannedTarget | null;
  /** The plan under the scenario, in the order the executor would walk it. */
  scenario: PlannedTarget[];
  /** The planner's explanation when the scenario plan is empty. */
  scenarioReason: string;
  /** Continuity weight: the app's criticality (1 for an app no longer in the config). */
  criticality: number;
}

export interface PlanContext {
  config: Config;
  engine: PolicyEngine;
  aliases: ReadonlyMap<string, Target[]>;
  apps: ReadonlyMap<string, AppConfig>;
  isCut: (target: Target) => boolean;
  crisis: boolean;
  pseudonymizedTypes: readonly FindingType[];
}

function planned(entry: { target: Target; mode: SendMode }): PlannedTarget {
  return { key: targetKey(entry.target), provider: entry.target.provider, mode: entry.mode };
}

/**
 * Decides a class twice through the real planner (decideRoute): once with nothing cut (where the
 * workload goes today) and once under the scenario. The app's current config wins over what was
 * recorded (the drill asks what would happen tomorrow), but a recorded grade raised by a header stays.
 */
export function planClass(workloadClass: WorkloadClass, context: PlanContext): ClassPlan {
  const appConfig = context.apps.get(workloadClass.app);
  const criticality = appConfig?.criticality ?? 1;
  const targets = context.aliases.get(workloadClass.alias);
  if (!targets) return { unreplayable: `alias "${workloadClass.alias}" is not in the config`, baseline: null, scenario: [], scenarioReason: '', criticality };
  const app: App = appConfig
    ? { id: appConfig.id, grade: appConfig.grade, purpose: appConfig.purpose, highImpact: appConfig.highImpact }
    : { id: workloadClass.app, grade: workloadClass.grade, purpose: workloadClass.purpose, highImpact: workloadClass.highImpact };
  const request: PolicyRequest = {
    app,
    grade: maxGrade(app.grade, workloadClass.grade),
    findings: workloadClass.findings,
    home: context.config.home,
    crisis: false,
    pseudonymizedTypes: context.pseudonymizedTypes,
  };
  const baseline = decideRoute(context.engine, request, targets, { isCut: () => false });
  const scenario = decideRoute(context.engine, { ...request, crisis: context.crisis }, targets, { isCut: context.isCut });
  return {
    unreplayable: null,
    baseline: baseline.plan[0] ? planned(baseline.plan[0]) : null,
    scenario: scenario.plan.map(planned),
    scenarioReason: scenario.decision.reason,
    criticality,
  };
}
