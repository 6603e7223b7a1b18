import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { assess, inventoryComponents, parseAnswers, parseInventory, resolveWeights, type Answer, type Assessment, type InventoryInput } from '../../../src/control/assess/index.js';
import { runJaju } from '../../helpers/cli.js';

/** An inventory input with defaults for what a test does not care about. */
export function inventoryOf(sections: Omit<InventoryInput, 'estate'> & { estate?: Partial<InventoryInput['estate']> }): InventoryInput {
  return { ...sections, estate: { name: 'test estate', home: 'KR', ...sections.estate } };
}

/** A component's common fields (supplier KR, critical) merged with the test's own. */
export function component<T extends Record<string, unknown>>(id: string, fields: T): { id: string; name: string; supplier: string; supplierCountry: string } & T {
  return { id, name: id, supplier: `${id}-supplier`, supplierCountry: 'KR', ...fields };
}

/** Assesses an inventory given as an object through the module API (weights `document`). */
export function assessInventory(input: InventoryInput, answers?: Record<string, unknown>): Assessment {
  const inventory = parseInventory(input, 'test');
  return assess({
    estate: inventory.estate,
    inventory: null,
    components: inventoryComponents(inventory),
    answers: answers === undefined ? undefined : { file: 'answers.yaml', content: parseAnswers({ answers }, 'answers.yaml') },
    weights: resolveWeights('document', process.cwd()),
    generatedAt: '2026-12-01T00:00:00.000Z',
  });
}

export function answerOf(assessment: Assessment, criterion: string): Answer {
  const answer = assessment.objectives.flatMap((objective) => objective.answers).find((entry) => entry.criterion === criterion);
  if (answer === undefined) throw new Error(`no answer ${criterion}`);
  return answer;
}

export function writeYaml(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, name.endsWith('.json') ? JSON.stringify(value) : stringify(value));
  return file;
}

/** Runs `jaju assess … --format json` and parses its output. */
export async function assessJson(args: string[], cwd?: string): Promise<Assessment> {
  const result = await runJaju(['assess', ...args, '--format', 'json'], cwd === undefined ? {} : { cwd });
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Assessment;
}
