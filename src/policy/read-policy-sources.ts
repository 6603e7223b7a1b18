import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { packageRoot, resolveConfigPath, type Config } from '../config/index.js';
import type { PolicySource } from './compile-policy-set.js';
import { PolicyLoadError } from './policy-load-error.js';

/** The pack loaded whatever the config says: cut targets are never permitted. */
export const CORE_PACK = 'core';

/** Where the built-in packs and the schema live (policies/ at the package root). */
export function policiesDirectory(): string {
  return join(packageRoot(), 'policies');
}

async function readText(file: string, shownAs: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PolicyLoadError(shownAs, null, `cannot read ${what}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
}

/** Built-in files are shown relative to the package root (policies/n2sf.cedar); operator files as resolved. */
function shown(file: string): string {
  const fromRoot = relative(packageRoot(), file);
  return fromRoot.startsWith('..') ? file : fromRoot;
}

export interface PolicyInputs {
  schema: { file: string; text: string };
  packs: string[];
  sources: PolicySource[];
}

/** Reads the schema, the core pack, the packs named in config.policies.packs and config.policies.files. */
export async function readPolicySources(config: Pick<Config, 'policies' | 'baseDir'>): Promise<PolicyInputs> {
  const directory = policiesDirectory();
  const schemaFile = join(directory, 'jaju.cedarschema');
  const schema = { file: shown(schemaFile), text: await readText(schemaFile, shown(schemaFile), 'the Cedar schema') };
  const packs = [CORE_PACK, ...new Set(config.policies.packs.filter((pack: string) => pack !== CORE_PACK))];
  const sources: PolicySource[] = [];
  for (const pack of packs) {
    const file = join(directory, `${pack}.cedar`);
    sources.push({ file: shown(file), pack, text: await readText(file, shown(file), `policy pack "${pack}"`) });
  }
  for (const path of config.policies.files) {
    const file = resolveConfigPath(config, path);
    sources.push({ file, pack: null, text: await readText(file, file, 'policy file') });
  }
  return { schema, packs, sources };
}
