/**
 * Accuracy of jaju's detector on the generated labelled corpus, side by side with
 * @openredaction/openredaction on the same documents.
 *
 *   npx tsx bench/detect/evaluate.ts [--seed N] [--size N] [--errors]
 */
import { parseArgs } from 'node:util';
import { FINDING_TYPES } from '../../src/domain/index.js';
import { detect } from '../../src/detect/index.js';
import { DEFAULT_SEED, DEFAULT_SIZE, generateCorpus } from './corpus/generate-corpus.js';
import { evaluate, type TypeScore } from './evaluation.js';
import { runOpenRedaction } from './openredaction-adapter.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, size: { type: 'string' }, errors: { type: 'boolean' } } });
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
const size = values.size === undefined ? DEFAULT_SIZE : Number(values.size);
const documents = generateCorpus(seed, size);
const texts = documents.map((document) => document.text);

let started = process.hrtime.bigint();
const jaju = evaluate(documents, texts.map((text) => detect(text)), 60);
const jajuMs = Number(process.hrtime.bigint() - started) / 1e6;
started = process.hrtime.bigint();
const openRedaction = runOpenRedaction(texts);
const openRedactionMs = Number(process.hrtime.bigint() - started) / 1e6;
const other = evaluate(documents, openRedaction.predictions, 0);

const labels = documents.reduce((sum, document) => sum + document.labels.length, 0);
const mixed = documents.filter((document) => document.language === 'mixed').length;
const negativesOnly = documents.filter((document) => document.labels.length === 0).length;
const cell = (score: TypeScore) => `${score.precision.toFixed(3)} ${score.recall.toFixed(3)} ${score.f1.toFixed(3)}`;
const counts = (score: TypeScore) => `${score.truePositives}/${score.falsePositives}/${score.falseNegatives}`;

console.log(`corpus: seed ${seed}, ${documents.length} documents (${documents.length - mixed} Korean, ${mixed} mixed Korean/English, ${negativesOnly} with no personal data), ${labels} labelled spans`);
console.log('exact span match (type, start, end); P R F1 and TP/FP/FN\n');
console.log(`${'type'.padEnd(18)} ${'gold'.padStart(5)}  ${'jaju P     R     F1'.padEnd(20)} ${'TP/FP/FN'.padEnd(13)}  ${'openredaction P R F1'.padEnd(20)} TP/FP/FN`);
for (const type of FINDING_TYPES) {
  const gold = documents.reduce((sum, document) => sum + document.labels.filter((label) => label.type === type).length, 0);
  console.log(`${type.padEnd(18)} ${String(gold).padStart(5)}  ${cell(jaju.perType[type]).padEnd(20)} ${counts(jaju.perType[type]).padEnd(13)}  ${cell(other.perType[type]).padEnd(20)} ${counts(other.perType[type])}`);
}
console.log(`${'structured ids'.padEnd(18)} ${''.padStart(5)}  ${cell(jaju.structured).padEnd(20)} ${counts(jaju.structured).padEnd(13)}  ${cell(other.structured).padEnd(20)} ${counts(other.structured)}`);
console.log(`${'overall span F1'.padEnd(18)} ${String(labels).padStart(5)}  ${cell(jaju.overall).padEnd(20)} ${counts(jaju.overall).padEnd(13)}  ${cell(other.overall).padEnd(20)} ${counts(other.overall)}`);
console.log(`${'overall (overlap)'.padEnd(18)} ${''.padStart(5)}  ${cell(jaju.overallOverlap).padEnd(20)} ${counts(jaju.overallOverlap).padEnd(13)}  ${cell(other.overallOverlap).padEnd(20)} ${counts(other.overallOverlap)}`);
const unmapped = [...openRedaction.unmapped].sort((a, b) => b[1] - a[1]);
console.log(`\nopenredaction detections outside jaju's types (not scored): ${unmapped.map(([type, count]) => `${type} ${count}`).join(', ') || 'none'}`);
console.log(`time: jaju ${jajuMs.toFixed(0)} ms, openredaction ${openRedactionMs.toFixed(0)} ms for ${documents.length} documents`);
if (values.errors) {
  console.log('\njaju errors (first 60):');
  for (const example of jaju.examples) console.log(`  ${example.kind.padEnd(11)} ${example.type.padEnd(18)} ${example.document} ${JSON.stringify(example.text)}`);
}
console.log(`\ncommand: npx tsx bench/detect/evaluate.ts --seed ${seed} --size ${size}`);
