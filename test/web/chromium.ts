import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** True when a missing prerequisite must fail the run (CI), not skip it. */
export function inCi(): boolean {
  return process.env['CI'] === 'true' || process.env['CI'] === '1';
}

/**
 * Why the browser tests cannot run here, or undefined when they can. Outside CI a missing Chromium
 * skips them loudly (scripts/test-prerequisites.sh installs it with apt); in CI it is an error.
 */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const message = `Debian Chromium not found at ${CHROMIUM_PATH} (apt install chromium fonts-noto-cjk, or run scripts/test-prerequisites.sh)`;
  if (inCi()) throw new Error(`${message}: required in CI`);
  process.stderr.write(`\n*** SKIPPING dashboard browser tests: ${message} ***\n\n`);
  return message;
}

/** Debian's Chromium, headless, no sandbox (containers), with every phone-home feature off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
