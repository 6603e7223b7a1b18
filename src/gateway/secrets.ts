import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A secret from an environment variable, or else from a file in the data directory, generated on first
 * start (0600). Zero-configuration deployments thus get stable per-deployment secrets without any
 * secret ever being printed or logged.
 */
export function secretFromEnvOrFile(env: NodeJS.ProcessEnv, variable: string, file: string, bytes = 32): { value: string; source: 'env' | 'file' | 'generated' } {
  const fromEnv = env[variable];
  if (fromEnv) return { value: fromEnv, source: 'env' };
  if (existsSync(file)) {
    const value = readFileSync(file, 'utf8').trim();
    if (value) return { value, source: 'file' };
  }
  mkdirSync(dirname(file), { recursive: true });
  const value = randomBytes(bytes).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { value, source: 'generated' };
}

export function dataFile(dataDir: string, name: string): string {
  return join(dataDir, name);
}
