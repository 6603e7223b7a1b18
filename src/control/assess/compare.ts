import type { Assessment } from './model.js';
import type { ObjectiveId } from './method/objectives.js';
import type { Seal } from './method/seal.js';

/** What changes between two assessments (today's inventory A and a plan B), per objective, layer and answer. */
export interface Comparison {
  a: Pick<Assessment, 'estate' | 'overall' | 'gate'>;
  b: Pick<Assessment, 'estate' | 'overall' | 'gate'>;
  overall: { delta: { seal: number; score: number } };
  objectives: { id: ObjectiveId; weight: number; a: { score: number; seal: Seal }; b: { score: number; seal: Seal }; delta: { score: number; seal: number; contribution: number } }[];
  layers: { layer: string; a: LayerFigures; b: LayerFigures; delta: { hhiBySupplier: number | null; hhiByCountry: number | null; singlePointsOfFailure: number } }[];
  /** Answers whose value or SEAL differs (or that exist in one only), largest score effect first. */
  answers: { criterion: string; objective: ObjectiveId; a: { value: number; seal: Seal; source: string } | null; b: { value: number; seal: Seal; source: string } | null; delta: { value: number; seal: number } }[];
}

interface LayerFigures {
  components: number;
  hhiBySupplier: number | null;
  hhiByCountry: number | null;
  singlePointsOfFailure: number;
}

const difference = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

export function compareAssessments(a: Assessment, b: Assessment): Comparison {
  const objectives = a.objectives.map((left) => {
    const right = b.objectives.find((objective) => objective.id === left.id)!;
    return {
      id: left.id,
      weight: right.weight,
      a: { score: left.score, seal: left.seal },
      b: { score: right.score, seal: right.seal },
      delta: { score: right.score - left.score, seal: right.seal - left.seal, contribution: right.contribution - left.contribution },
    };
  });
  const layers = a.layers.map((left) => {
    const right = b.layers.find((layer) => layer.layer === left.layer)!;
    const figures = (layer: typeof left): LayerFigures => ({ components: layer.components, hhiBySupplier: layer.hhiBySupplier, hhiByCountry: layer.hhiByCountry, singlePointsOfFailure: layer.singlePointsOfFailure.length });
    return {
      layer: left.layer,
      a: figures(left),
      b: figures(right),
      delta: { hhiBySupplier: difference(left.hhiBySupplier, right.hhiBySupplier), hhiByCountry: difference(left.hhiByCountry, right.hhiByCountry), singlePointsOfFailure: right.singlePointsOfFailure.length - left.singlePointsOfFailure.length },
    };
  });
  const index = (assessment: Assessment) => new Map(assessment.objectives.flatMap((objective) => objective.answers.map((answer) => [answer.criterion, answer] as const)));
  const left = index(a);
  const right = index(b);
  const weightOf = new Map(b.objectives.map((objective) => [objective.id, objective.weight / objective.answers.length]));
  const answers = [...new Set([...left.keys(), ...right.keys()])]
    .map((criterion) => {
      const x = left.get(criterion);
      const y = right.get(criterion);
      const pick = (answer: typeof x) => (answer === undefined ? null : { value: answer.value, seal: answer.seal, source: answer.source });
      return { criterion, objective: (x ?? y)!.objective, a: pick(x), b: pick(y), delta: { value: (y?.value ?? 0) - (x?.value ?? 0), seal: (y?.seal ?? 0) - (x?.seal ?? 0) } };
    })
    .filter((row) => row.a === null || row.b === null || row.delta.value !== 0 || row.delta.seal !== 0)
    .sort((p, q) => Math.abs(q.delta.value) * (weightOf.get(q.objective) ?? 0) - Math.abs(p.delta.value) * (weightOf.get(p.objective) ?? 0) || (p.criterion < q.criterion ? -1 : 1));
  return {
    a: { estate: a.estate, overall: a.overall, gate: a.gate },
    b: { estate: b.estate, overall: b.overall, gate: b.gate },
    overall: { delta: { seal: b.overall.seal - a.overall.seal, score: b.overall.score - a.overall.score } },
    objectives,
    layers,
    answers,
  };
}
