import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocumentBuilder, type LabelledDocument } from './document-builder.js';
import { Random } from './random.js';
import { TEMPLATES } from './templates.js';

export const DEFAULT_SEED = 20260115;
export const DEFAULT_SIZE = 1200;

/** A deterministic labelled corpus: the same seed and size give the same documents, byte for byte. */
export function generateCorpus(seed = DEFAULT_SEED, size = DEFAULT_SIZE): LabelledDocument[] {
  const random = new Random(seed);
  const weighted = TEMPLATES.map((template) => [template, template.weight] as const);
  const documents: LabelledDocument[] = [];
  for (let index = 0; index < size; index++) {
    const template = random.weighted(weighted);
    const builder = new DocumentBuilder();
    template.build(builder, random);
    documents.push({ id: `doc-${String(index + 1).padStart(4, '0')}`, template: template.name, language: template.language, text: builder.text, labels: builder.labels });
  }
  return documents;
}

// `npx tsx bench/detect/corpus/generate-corpus.ts [out.jsonl]` writes the corpus as JSONL.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'corpus.jsonl');
  const documents = generateCorpus();
  writeFileSync(out, documents.map((document) => JSON.stringify(document)).join('\n') + '\n');
  const labels = documents.reduce((sum, document) => sum + document.labels.length, 0);
  process.stdout.write(`wrote ${documents.length} documents, ${labels} labels to ${out}\n`);
}
