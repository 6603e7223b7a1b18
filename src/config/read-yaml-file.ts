import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';

/**
 * Reads a YAML (or JSON) file strictly: duplicate keys are errors. Problems — file missing or
 * unreadable, YAML syntax — are handed to `fail`, which builds the caller's own error type, so every
 * file jaju reads reports them the same way.
 */
export function readYamlFile(file: string, fail: (path: string, problems: string[]) => Error): { path: string; value: unknown } {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw fail(path, [`cannot read: ${reason}`]);
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw fail(path, document.errors.map((error) => `YAML syntax error: ${error.message.split('\n')[0]}`));
  }
  return { path, value: document.toJS() };
}
