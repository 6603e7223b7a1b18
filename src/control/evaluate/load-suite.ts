import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { packageRoot } from '../../config/index.js';
import { parseCsvSuite } from './parse-csv-suite.js';
import { parseJsonlSuite } from './parse-jsonl-suite.js';
import type { Suite, SuiteItem } from './suite.js';
import { SuiteError } from './suite-error.js';

/** `--suite builtin` names the suite the project ships: every examples/eval/builtin/*.jsonl file. */
export const BUILTIN_SUITE = 'builtin';

export function builtinSuiteDirectory(): string {
  return join(packageRoot(), 'examples', 'eval', 'builtin');
}

function readText(file: string, shownAs: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SuiteError(shownAs, null, null, code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message);
  }
}

function readFile(file: string, shownAs: string, suite: string): { items: SuiteItem[]; examples: SuiteItem[] } {
  const extension = extname(file).toLowerCase();
  const place = { suite, file: shownAs, defaultCategory: suite };
  if (extension === '.csv') return { items: parseCsvSuite(readText(file, shownAs), place), examples: [] };
  if (extension === '.jsonl' || extension === '.ndjson') return parseJsonlSuite(readText(file, shownAs), place);
  throw new SuiteError(shownAs, null, null, `unknown suite format "${extension || '(none)'}" (expected .csv or .jsonl)`);
}

function checkUnique(items: readonly SuiteItem[], examples: readonly SuiteItem[]): void {
  const seen = new Map<string, SuiteItem>();
  for (const item of [...items, ...examples]) {
    const earlier = seen.get(item.id);
    if (earlier) {
      const [file, line] = splitOrigin(item.origin);
      throw new SuiteError(file, line, 'id', `duplicate id "${item.id}" (first at ${earlier.origin})`);
    }
    seen.set(item.id, item);
  }
}

function splitOrigin(origin: string): [string, number | null] {
  const match = /^(.*):(\d+)$/.exec(origin);
  return match ? [match[1]!, Number(match[2])] : [origin, null];
}

/** Reads one suite: a CSV or JSONL file, or `builtin`. Paths are resolved against `cwd` and shown as given. */
export function loadSuite(path: string, cwd: string): Suite {
  if (path === BUILTIN_SUITE) {
    const directory = builtinSuiteDirectory();
    const files = readdirSync(directory)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => join(directory, name));
    const items: SuiteItem[] = [];
    const examples: SuiteItem[] = [];
    for (const file of files) {
      const read = readFile(file, relative(packageRoot(), file), BUILTIN_SUITE);
      items.push(...read.items);
      examples.push(...read.examples);
    }
    checkUnique(items, examples);
    return { name: BUILTIN_SUITE, files: files.map((file) => relative(packageRoot(), file)), items, examples };
  }
  const file = resolve(cwd, path);
  const name = basename(file, extname(file));
  const read = readFile(file, path, name);
  checkUnique(read.items, read.examples);
  if (read.items.length === 0) throw new SuiteError(path, null, null, 'no items (only examples or nothing)');
  return { name, files: [path], items: read.items, examples: read.examples };
}

/** Reads every suite of a run; two suites may not share a name (their cached results would mix). */
export function loadSuites(paths: readonly string[], cwd: string): Suite[] {
  const suites: Suite[] = [];
  for (const path of paths) {
    const suite = loadSuite(path, cwd);
    const clash = suites.find((other) => other.name === suite.name);
    if (clash) throw new SuiteError(path, null, null, `another suite is also named "${suite.name}" (${clash.files.join(', ')}); rename one file`);
    suites.push(suite);
  }
  return suites;
}

/** Few-shot examples from a separate file (e.g. KMMLU's dev split): every row is an example. */
export function loadExamples(path: string, cwd: string): SuiteItem[] {
  const file = resolve(cwd, path);
  const read = readFile(file, path, basename(file, extname(file)));
  return [...read.items, ...read.examples];
}
