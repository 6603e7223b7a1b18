import { OBJECTIVES, type ObjectiveId } from './method/objectives.js';
import type { Seal } from './method/seal.js';
import type { Weights } from './method/weights.js';
import type { Answer, Improvement, ObjectiveResult } from './model.js';

/**
 * Scoring (CSF v1.2.1 and its implementation guidance, docs/assess.md "Method"):
 * - objective score = mean of its answers' values (0–100), i.e. Σ values / max with equal criteria;
 * - objective SEAL = minimum of its answers' SEALs; overall SEAL = minimum over all answers;
 * - overall score = Σ weight × objective score (weights are fractions summing to 1);
 * - gate: an objective passes when its SEAL reaches the minimum required of it.
 */
export function scoreObjectives(answers: readonly Answer[], weights: Weights, minimumSeal: Record<ObjectiveId, Seal>): ObjectiveResult[] {
  return OBJECTIVES.map((objective) => {
    const own = answers.filter((answer) => answer.objective === objective.id);
    const score = own.length > 0 ? own.reduce((sum, answer) => sum + answer.value, 0) / own.length : 0;
    const seal = (own.length > 0 ? Math.min(...own.map((answer) => answer.seal)) : 0) as Seal;
    const weight = weights[objective.id];
    return {
      id: objective.id,
      name: objective.name,
      nameKo: objective.nameKo,
      score,
      seal,
      weight,
      contribution: weight * score,
      minimumSeal: minimumSeal[objective.id],
      passesGate: seal >= minimumSeal[objective.id],
      answers: own,
    };
  });
}

export function overallOf(objectives: readonly ObjectiveResult[]): { seal: Seal; score: number } {
  let score = 0;
  for (const objective of objectives) score += objective.weight * objective.score;
  const seal = Math.min(...objectives.flatMap((objective) => objective.answers.map((answer) => answer.seal))) as Seal;
  return { seal, score };
}

/**
 * What would raise the level: every answer below SEAL 4 or value 100, ranked by how much the overall
 * SEAL would rise if it alone reached SEAL 4, then by whether it holds the overall SEAL down (it is at
 * the minimum, so all such answers must rise together), then by the overall score it would add at
 * value 100 (weight × (100 − value) / answers of its objective).
 */
export function rankImprovements(objectives: readonly ObjectiveResult[], overall: { seal: Seal }): Improvement[] {
  const all = objectives.flatMap((objective) => objective.answers.map((answer) => ({ objective, answer })));
  const candidates = all
    .filter(({ answer }) => answer.seal < 4 || answer.value < 100)
    .map(({ objective, answer }) => {
      const others = all.filter((entry) => entry.answer !== answer).map((entry) => entry.answer.seal);
      const overallSealIfRaised = (others.length > 0 ? Math.min(4, ...others) : 4) as Seal;
      return {
        criterion: answer.criterion,
        objective: answer.objective,
        title: answer.title,
        source: answer.source,
        current: { value: answer.value, seal: answer.seal },
        blocksOverallSeal: answer.seal === overall.seal && overall.seal < 4,
        overallSealIfRaised,
        scoreGain: (objective.weight * (100 - answer.value)) / objective.answers.length,
        components: answer.components,
        action: answer.action,
      };
    });
  candidates.sort(
    (a, b) =>
      b.overallSealIfRaised - a.overallSealIfRaised ||
      Number(b.blocksOverallSeal) - Number(a.blocksOverallSeal) ||
      b.scoreGain - a.scoreGain ||
      (a.criterion < b.criterion ? -1 : a.criterion > b.criterion ? 1 : 0),
  );
  return candidates.map((candidate, index) => ({ rank: index + 1, ...candidate }));
}
