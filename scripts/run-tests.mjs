// `npm test`: type-check everything, build dist/ (the dashboard e2e tests serve the real bundle),
// then run every test/**/*.test.ts file with Node's own test runner (through tsx) and its spec reporter,
// whose closing summary (ℹ tests / ℹ pass / ℹ fail) is the line CI reads.
//   node scripts/run-tests.mjs [path-filter ...]   runs only test files whose path contains a filter.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const filters = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(path));
    else if (entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

function step(label, command, args, env = process.env) {
  process.stderr.write(`\n== ${label}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`\n${label} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}

const files = findTests(join(root, 'test'))
  .map((file) => relative(root, file))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`no test files match ${filters.join(' ')}\n`);
  process.exit(1);
}

if (filters.length === 0 || process.env.JAJU_TEST_TYPECHECK === '1') {
  step('type-check (tsc --noEmit)', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  step('type-check the dashboard (tsc -p src/web)', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join('src', 'web', 'tsconfig.json'), '--noEmit']);
}
// A filtered run (a developer iterating on one area) skips the build, so that another area's
// half-finished code cannot block it; the full run always builds.
if (filters.length === 0 || process.env.JAJU_TEST_BUILD === '1') {
  step('build', process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-needed']);
}
step(
  `tests (${files.length} files)`,
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=300000', ...files],
  { ...process.env, JAJU_TEST: '1', NODE_ENV: 'test' },
);
