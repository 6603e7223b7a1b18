import { z } from 'zod';
import { answerableCriterionIds } from '../method/objectives.js';
import { OBJECTIVE_IDS } from '../method/objectives.js';

/**
 * The answers file (docs/assess.md, "Answers file"): the assessor's answers to criteria the inventory
 * cannot decide. `SOV-1.2: 3` is short for `{ seal: 3 }`, whose value is then 25 × SEAL.
 */
const seal = z.number().int().min(0).max(4);

const answerSchema = z.union([
  seal,
  z.strictObject({
    seal,
    /** 0–100; default 25 × seal. */
    value: z.number().min(0).max(100).optional(),
    note: z.string().optional(),
    evidence: z.array(z.string().min(1)).default([]),
  }),
]);

const criterionIds = new Set(answerableCriterionIds());

export const answersSchema = z
  .strictObject({
    $schema: z.string().optional(),
    answers: z.record(z.string(), answerSchema).default({}),
  })
  .superRefine((file, ctx) => {
    for (const key of Object.keys(file.answers)) {
      if (!criterionIds.has(key)) ctx.addIssue({ code: 'custom', path: ['answers', key], message: `unknown criterion (expected one of SOV-1.1 … SOV-8.4, see docs/assess.md)` });
    }
  });

export type AnswersFile = z.output<typeof answersSchema>;
export type AnswerEntry = AnswersFile['answers'][string];

/** Objective weights in percent (summing to 100) or fractions (summing to 1). */
const weightsSchema = z.strictObject(Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, z.number().min(0)])) as Record<(typeof OBJECTIVE_IDS)[number], z.ZodNumber>);

const minimumSealSchema = z.union([seal, z.strictObject(Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, seal.optional()])) as Record<(typeof OBJECTIVE_IDS)[number], z.ZodOptional<typeof seal>>)]);

/** A custom weights file: `weights` (all eight objectives) and an optional minimum-SEAL gate. */
export const weightsFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    weights: weightsSchema,
    minimumSeal: minimumSealSchema.optional(),
  })
  .superRefine((file, ctx) => {
    const sum = Object.values(file.weights).reduce((total, value) => total + value, 0);
    if (Math.abs(sum - 1) > 1e-6 && Math.abs(sum - 100) > 1e-4) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `weights must sum to 1 (fractions) or 100 (percent), got ${Number(sum.toFixed(6))}` });
    }
  });

export type WeightsFile = z.output<typeof weightsFileSchema>;
export type MinimumSealInput = z.output<typeof minimumSealSchema>;
