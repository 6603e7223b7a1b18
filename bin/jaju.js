#!/usr/bin/env node
// The `jaju` command. Runs the built code in dist/ when it is up to date with src/; otherwise (a fresh
// clone, or a checkout edited since the last build) runs src/ through tsx, so `npx jaju` is never stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const built = join(root, 'dist', 'src', 'cli', 'main.js');
const stamp = join(root, 'dist', '.build-stamp');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtIsFresh() {
  if (!existsSync(built) || !existsSync(stamp)) return false;
  const sources = join(root, 'src');
  if (!existsSync(sources)) return true;
  return statSync(stamp).mtimeMs >= newestMtime(sources);
}

if (builtIsFresh()) {
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
