import { FINDING_TYPES, type FindingType } from '../../src/domain/index.js';
import type { Label, LabelledDocument } from './corpus/document-builder.js';

/** Span-level scores of one system on a labelled corpus. */
export interface TypeScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  perType: Record<FindingType, TypeScore>;
  /** Micro-averaged over every type. */
  overall: TypeScore;
  /** Micro-averaged over the structured identifiers (all but KR_ADDRESS and PERSON_NAME). */
  structured: TypeScore;
  /** The same, counting a prediction right when it overlaps a gold span of the same type. */
  overallOverlap: TypeScore;
  /** A few misses and false alarms, for error analysis. */
  examples: { kind: 'missed' | 'false-alarm'; type: FindingType; document: string; text: string }[];
}

export const UNSTRUCTURED: ReadonlySet<FindingType> = new Set(['KR_ADDRESS', 'PERSON_NAME']);

function score(truePositives: number, falsePositives: number, falseNegatives: number): TypeScore {
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

type Counts = Record<FindingType, { tp: number; fp: number; fn: number }>;

function emptyCounts(): Counts {
  return Object.fromEntries(FINDING_TYPES.map((type) => [type, { tp: 0, fp: 0, fn: 0 }])) as Counts;
}

function sum(counts: Counts, types: readonly FindingType[]): TypeScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const type of types) {
    tp += counts[type].tp;
    fp += counts[type].fp;
    fn += counts[type].fn;
  }
  return score(tp, fp, fn);
}

const key = (label: Label) => `${label.type}:${label.start}:${label.end}`;
const overlaps = (a: Label, b: Label) => a.type === b.type && a.start < b.end && b.start < a.end;

/** Scores predictions (same order as the documents) against the gold labels. */
export function evaluate(documents: readonly LabelledDocument[], predictions: readonly (readonly Label[])[], maxExamples = 40): Evaluation {
  const exact = emptyCounts();
  const overlap = emptyCounts();
  const examples: Evaluation['examples'] = [];
  documents.forEach((document, index) => {
    const predicted = predictions[index] ?? [];
    const gold = new Set(document.labels.map(key));
    const found = new Set(predicted.map(key));
    for (const label of predicted) {
      if (gold.has(key(label))) exact[label.type].tp++;
      else {
        exact[label.type].fp++;
        if (examples.length < maxExamples) examples.push({ kind: 'false-alarm', type: label.type, document: document.id, text: document.text.slice(label.start, label.end) });
      }
      if (document.labels.some((goldLabel) => overlaps(goldLabel, label))) overlap[label.type].tp++;
      else overlap[label.type].fp++;
    }
    for (const label of document.labels) {
      if (!found.has(key(label))) {
        exact[label.type].fn++;
        if (examples.length < maxExamples) examples.push({ kind: 'missed', type: label.type, document: document.id, text: document.text.slice(label.start, label.end) });
      }
      if (!predicted.some((prediction) => overlaps(prediction, label))) overlap[label.type].fn++;
    }
  });
  const perType = Object.fromEntries(FINDING_TYPES.map((type) => [type, score(exact[type].tp, exact[type].fp, exact[type].fn)])) as Record<FindingType, TypeScore>;
  return {
    perType,
    overall: sum(exact, FINDING_TYPES),
    structured: sum(exact, FINDING_TYPES.filter((type) => !UNSTRUCTURED.has(type))),
    overallOverlap: sum(overlap, FINDING_TYPES),
    examples,
  };
}
