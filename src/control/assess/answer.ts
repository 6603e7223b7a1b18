import { criterionById } from './method/objectives.js';
import type { Answer } from './model.js';

/** An answer to a criterion: its id, objective and title filled in from the method's criteria list. */
export function answerTo(criterionId: string, reading: Omit<Answer, 'criterion' | 'objective' | 'title' | 'components' | 'atMinimum'> & Partial<Pick<Answer, 'components' | 'atMinimum'>>): Answer {
  const criterion = criterionById(criterionId);
  if (criterion === undefined) throw new Error(`unknown criterion ${criterionId}`);
  return { criterion: criterion.id, objective: criterion.objective, title: criterion.title, components: [], atMinimum: [], ...reading };
}
