import { basename } from 'node:path';
import { DERIVATION_RULES } from './derive/rules.js';
import { applyRule } from './derive/rule.js';
import type { Bloc } from './derive/jurisdiction-levels.js';
import { answerTo } from './answer.js';
import { analyseLayers } from './dependencies.js';
import type { ObservedEvidence } from './evidence/observed-evidence.js';
import type { EstateComponent } from './inventory/components.js';
import type { AnswersFile } from './inventory/answers-schema.js';
import type { Estate } from './inventory/inventory-schema.js';
import type { WeightSet } from './inventory/load-inputs.js';
import { OBJECTIVES, type ObjectiveId } from './method/objectives.js';
import { valueOfSeal, type Seal } from './method/seal.js';
import type { Answer, Assessment, Bottleneck, Contradiction, CredentialReport, ObjectiveResult } from './model.js';
import { overallOf, rankImprovements, scoreObjectives } from './score.js';

export const FRAMEWORK = 'European Commission Cloud Sovereignty Framework v1.2.1 (Oct 2025), home jurisdiction for "EU"';

export interface AssessmentInput {
  estate: Estate;
  /** Inventory file (for the report). */
  inventory: string | null;
  /** Inventory components plus imported ones (Gaia-X credentials, the gateway config's providers). */
  components: readonly EstateComponent[];
  answers?: { file: string; content: AnswersFile } | undefined;
  weights: WeightSet;
  /** Observed evidence (ledger and drills; later evaluation runs). Empty without --config. */
  observed?: readonly ObservedEvidence[];
  /** Contradictions found while importing (e.g. the config disagrees with the inventory). */
  contradictions?: readonly Contradiction[];
  credentials?: readonly CredentialReport[];
  /** Whether observed evidence was asked for (--config): `evidence` and `contradictions` are then always present. */
  withEvidence?: boolean;
  generatedAt?: string;
}


function answerFromFile(criterion: { id: string }, file: string, entry: AnswersFile['answers'][string]): Answer {
  const seal = (typeof entry === 'number' ? entry : entry.seal) as Seal;
  const value = typeof entry === 'number' ? valueOfSeal(seal) : (entry.value ?? valueOfSeal(seal));
  const note = typeof entry === 'number' ? undefined : entry.note;
  return answerTo(criterion.id, {
    value,
    seal,
    source: 'answers',
    basis: note ?? "assessor's answer",
    evidence: [`${basename(file)} answers.${criterion.id}`, ...(typeof entry === 'number' ? [] : entry.evidence)],
    action: 'improve the practice behind this answer, then re-answer it with evidence',
  });
}

function unanswered(criterion: { id: string }): Answer {
  return answerTo(criterion.id, {
    value: 0,
    seal: 0,
    source: 'unanswered',
    basis: 'neither the inventory nor the answers file decides this criterion: counted as value 0, SEAL 0 (not shown is not assumed)',
    evidence: [],
    action: 'answer it in the answers file, with evidence',
  });
}

/** The framework's criteria answered from the inventory (rules), else the answers file, else unanswered. */
export function answerCriteria(components: readonly EstateComponent[], bloc: Bloc, answers?: { file: string; content: AnswersFile }): Answer[] {
  const rules = new Map(DERIVATION_RULES.map((rule) => [rule.criterion, rule]));
  const out: Answer[] = [];
  for (const objective of OBJECTIVES) {
    for (const criterion of objective.criteria) {
      const rule = rules.get(criterion.id);
      const derived = rule === undefined ? null : applyRule(rule, components, bloc);
      const entry = answers?.content.answers[criterion.id];
      const given = entry === undefined ? null : answerFromFile(criterion, answers!.file, entry);
      if (derived !== null) {
        if (given !== null) derived.superseded = { value: given.value, seal: given.seal, from: given.evidence[0]! };
        out.push(derived);
      } else out.push(given ?? unanswered(criterion));
    }
  }
  return out;
}

/** Components that set the SEAL of the answers at the overall minimum (answers from rules and observations). */
export function bottlenecksOf(objectives: readonly ObjectiveResult[], overallSeal: Seal, components: readonly EstateComponent[]): Bottleneck[] {
  if (overallSeal === 4) return [];
  const byId = new Map(components.map((component) => [component.id, component]));
  const found = new Map<string, Bottleneck>();
  for (const answer of objectives.flatMap((objective) => objective.answers)) {
    if (answer.seal !== overallSeal) continue;
    for (const id of answer.atMinimum) {
      const component = byId.get(id);
      const entry = found.get(id) ?? { component: id, layer: component?.layer ?? '', supplier: component?.supplier ?? '', supplierCountry: component?.supplierCountry ?? '', holdsDown: [], alone: [] };
      entry.holdsDown.push(answer.criterion);
      if (answer.atMinimum.length === 1) entry.alone.push(answer.criterion);
      found.set(id, entry);
    }
  }
  return [...found.values()].sort((a, b) => b.holdsDown.length - a.holdsDown.length || b.alone.length - a.alone.length || (a.component < b.component ? -1 : 1));
}

/** The assessment itself: pure, from loaded inputs (run-assessment.ts does the loading). */
export function assess(input: AssessmentInput): Assessment {
  const bloc: Bloc = { home: input.estate.home, allies: input.estate.allies };
  const observed = input.observed ?? [];
  const answers = [...answerCriteria(input.components, bloc, input.answers), ...observed.flatMap((evidence) => evidence.answers)];
  const objectives = scoreObjectives(answers, input.weights.weights, input.weights.minimumSeal);
  const overall = overallOf(objectives);
  const failures = objectives.filter((objective) => !objective.passesGate).map((objective) => ({ objective: objective.id, seal: objective.seal, required: objective.minimumSeal }));
  const summaries = observed.map((evidence) => evidence.summary);
  const ledger = summaries.find((summary) => summary.source === 'ledger') ?? summaries[0];
  const bySource: Record<string, number> = {};
  for (const component of input.components) bySource[component.source] = (bySource[component.source] ?? 0) + 1;
  return {
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    method: { framework: FRAMEWORK, weights: input.weights.name, home: bloc.home, allies: [...bloc.allies] },
    estate: { name: input.estate.name, owner: input.estate.owner ?? null, date: input.estate.date ?? null, inventory: input.inventory, components: input.components.length, bySource },
    objectives,
    overall: { ...overall, passesGate: failures.length === 0 },
    gate: { minimumSeal: input.weights.minimumSeal, passed: failures.length === 0, failures },
    layers: analyseLayers(input.components, bloc),
    improvements: rankImprovements(objectives, overall),
    bottlenecks: bottlenecksOf(objectives, overall.seal, input.components),
    evidence: input.withEvidence || summaries.length > 0 ? { window: ledger?.window ?? null, records: ledger?.records ?? null, sources: summaries } : null,
    contradictions: [...(input.contradictions ?? []), ...observed.flatMap((evidence) => evidence.contradictions)],
    credentials: [...(input.credentials ?? [])],
    components: input.components.map((component) => ({ id: component.id, name: component.name, layer: component.layer, supplier: component.supplier, supplierCountry: component.supplierCountry, source: component.source, path: component.path })),
  };
}
