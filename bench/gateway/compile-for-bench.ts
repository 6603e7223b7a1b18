import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Compiles src/ and bench/gateway/ with the project's own tsc into a temp directory, so the gateway
 * runs as `npm start` runs it (tsc output), not through tsx: tsx's esbuild transform wraps every
 * function in a `__name(…)` call, which costs the request path several percent of its CPU.
 * The build directory gets package.json (for "type": "module" and the package-root lookup) and
 * symlinks to node_modules and policies/. Type errors elsewhere in the tree (other engineers' work in
 * progress) do not stop the emit; they are counted and reported.
 */
export function compileForBench(repositoryRoot: string, dir: string): { buildRoot: string; typeErrors: number; seconds: number } {
  const buildRoot = join(dir, 'build');
  mkdirSync(buildRoot, { recursive: true });
  const tsconfig = join(dir, 'tsconfig.bench.json');
  writeFileSync(
    tsconfig,
    JSON.stringify(
      {
        extends: join(repositoryRoot, 'tsconfig.json'),
        compilerOptions: {
          noEmit: false,
          noEmitOnError: false,
          sourceMap: false,
          rootDir: repositoryRoot,
          outDir: buildRoot,
          typeRoots: [join(repositoryRoot, 'node_modules', '@types')],
        },
        include: [join(repositoryRoot, 'src'), join(repositoryRoot, 'bench', 'gateway')],
        exclude: [join(repositoryRoot, 'src', 'web'), join(repositoryRoot, 'node_modules'), join(repositoryRoot, 'dist')],
      },
      null,
      2,
    ),
  );
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const typeErrors = (output.match(/error TS\d+/g) ?? []).length;
  const child = join(buildRoot, 'bench', 'gateway', 'gateway-child.js');
  if (!existsSync(child)) throw new Error(`tsc emitted no ${child}:\n${output.slice(-2000)}`);
  copyFileSync(join(repositoryRoot, 'package.json'), join(buildRoot, 'package.json'));
  for (const name of ['node_modules', 'policies']) {
    if (!existsSync(join(buildRoot, name))) symlinkSync(join(repositoryRoot, name), join(buildRoot, name));
  }
  return { buildRoot, typeErrors, seconds: (Date.now() - started) / 1000 };
}

/**
 * A copy of the tree (src/, bench/gateway/, tsconfig.json, package.json; node_modules and policies/ linked)
 * with a unified diff applied, for measuring a proposed change beside the current code in the same run.
 */
export function patchedTree(repositoryRoot: string, dir: string, patchFile: string): string {
  const root = join(dir, 'patched-tree');
  mkdirSync(join(root, 'bench'), { recursive: true });
  cpSync(join(repositoryRoot, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(repositoryRoot, 'bench', 'gateway'), join(root, 'bench', 'gateway'), { recursive: true });
  for (const name of ['tsconfig.json', 'package.json']) copyFileSync(join(repositoryRoot, name), join(root, name));
  for (const name of ['node_modules', 'policies']) symlinkSync(join(repositoryRoot, name), join(root, name));
  const result = spawnSync('patch', ['-p1', '--batch', '--forward', '-d', root, '-i', patchFile], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`patch ${patchFile} does not apply: ${result.stdout}${result.stderr}`);
  return root;
}
