import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];
let hooked = false;

/**
 * A fresh temporary folder, removed when the test process exits (each test file runs in its own
 * process). Not tied to a node:test hook on purpose: a hook-scoped clean-up called from a `before`
 * would delete the folder as soon as that hook ended, under a ledger still open on it.
 */
export function tempDir(prefix = 'jaju-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const path of created) rmSync(path, { recursive: true, force: true });
    });
  }
  return dir;
}
