// A fake model that answers every item of the benchmark's synthetic suite at once with the right
// letter, in its own process so that its CPU is not counted as the runner's.
//   npx tsx bench/eval/fast-model.ts --items N     (prints its URL on the first line)
import { parseArgs } from 'node:util';
import { startFakeModel } from '../../test/helpers/fake-model.js';
import { syntheticSuite } from '../../test/control/evaluate/suite-fixtures.js';

const { values } = parseArgs({ options: { items: { type: 'string', default: '10000' } } });
const fake = await startFakeModel(syntheticSuite(Number(values.items), 'bench').items, { fast: { kind: 'right' } });
process.stdout.write(`${fake.url}\n`);
process.on('SIGTERM', () => {
  void fake.close().then(() => process.exit(0));
});
