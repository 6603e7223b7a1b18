/**
 * N²SF data grades (National Network Security Framework, NIS guideline 1.0, Sept 2025).
 * C = classified, S = sensitive, O = open. A system takes the highest grade it handles.
 */
export const GRADES = ['C', 'S', 'O'] as const;
export type Grade = (typeof GRADES)[number];

const GRADE_RANK: Record<Grade, number> = { O: 0, S: 1, C: 2 };

export function isGrade(value: unknown): value is Grade {
  return value === 'C' || value === 'S' || value === 'O';
}

/** The stricter of two grades: a header may raise the app's grade, never lower it. */
export function maxGrade(a: Grade, b: Grade): Grade {
  return GRADE_RANK[a] >= GRADE_RANK[b] ? a : b;
}

export function gradeRank(grade: Grade): number {
  return GRADE_RANK[grade];
}
