#!/usr/bin/env node
// The `jaju` command. Runs the built code in dist/ when it is up to date with src/; otherwise (a fresh
// clone, or a checkout edited since the last build) runs src/ through tsx, so `npx jaju` is never stale.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtIsFresh } from '../scripts/source-freshness.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const built = join(root, 'dist', 'src', 'cli', 'main.js');

if (existsSync(built) && builtIsFresh(root)) {
  await import(pathToFileURL(built).href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    if (existsSync(built)) {
      await import(pathToFileURL(built).href);
    } else {
      process.stderr.write('jaju: not built and tsx is not installed; run `npm run build` first\n');
      process.exit(1);
    }
  }
  if (register) {
    register();
    await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
  }
}
