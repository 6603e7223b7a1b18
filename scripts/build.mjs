// Builds dist/: the TypeScript sources (tsc) and the dashboard bundle (vite), then writes a stamp
// that bin/jaju.js and `--if-needed` compare against the sources' modification times.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStamp, builtIsFresh } from './source-freshness.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stamp = buildStamp(root);

if (process.argv.includes('--if-needed') && builtIsFresh(root)) process.exit(0);

function run(label, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`build: ${label} failed\n`);
    process.exit(result.status ?? 1);
  }
  process.stderr.write(`build: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

run('tsc', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
if (existsSync(join(root, 'src', 'web', 'vite.config.ts'))) {
  run('dashboard', process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn']);
}
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, new Date().toISOString());
