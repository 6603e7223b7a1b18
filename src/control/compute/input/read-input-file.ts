import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { inputError } from './input-issues.js';

/** Reads a file's text, turning a missing or unreadable file into a path-named input error. */
export function readInputText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw inputError(path, [{ path: '', message: `cannot read the ${what} file: ${reason}` }]);
  }
}

/** Parses YAML (and so JSON) into plain data; syntax errors and duplicate keys are input errors. */
export function parseYamlInput(text: string, source: string): unknown {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw inputError(
      source,
      document.errors.map((error) => ({ path: '', message: `YAML syntax error: ${error.message.split('\n')[0]}` })),
    );
  }
  return document.toJS() ?? {};
}
