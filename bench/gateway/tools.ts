import { spawnSync } from 'node:child_process';

/** Path of an executable on PATH (or in /usr/sbin, where Debian puts nginx), or undefined. */
export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin'])) {
    if (!dir) continue;
    const result = spawnSync('test', ['-x', `${dir}/${name}`]);
    if (result.status === 0) return `${dir}/${name}`;
  }
  return undefined;
}

/**
 * Installs a Debian package when its executable is missing (the benchmark machine has root). The
 * package index is refreshed first, as a fresh container has none.
 */
export function ensureDebianTool(executable: string, debianPackage: string, log: (line: string) => void): string {
  const found = findExecutable(executable);
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error(`${executable} is missing; install it with: sudo apt-get install -y ${debianPackage}`);
  log(`installing ${debianPackage} (apt-get update && apt-get install -y ${debianPackage})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', debianPackage]]) {
    const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed: ${result.stderr?.toString().slice(-500)}`);
  }
  const installed = findExecutable(executable);
  if (!installed) throw new Error(`${debianPackage} installed but ${executable} is still not on PATH`);
  return installed;
}
