// Whether dist/ is up to date with src/: shared by bin/jaju.js (run dist or fall back to tsx) and
// scripts/build.mjs (--if-needed), so that both judge freshness the same way.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of any file below `dir` (0 when it does not exist). */
export function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The stamp the build writes last: its time is when dist/ was complete. */
export function buildStamp(root) {
  return join(root, 'dist', '.build-stamp');
}

/** True when a build finished after the last change to src/ and package.json. */
export function builtIsFresh(root) {
  const stamp = buildStamp(root);
  if (!existsSync(stamp)) return false;
  const changed = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  return statSync(stamp).mtimeMs >= changed;
}
