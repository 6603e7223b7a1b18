#!/usr/bin/env node
import { runCli } from './run-cli.js';
import type { CliIo } from './command.js';

// The process entry point of the `jaju` bin: everything testable lives in run-cli.ts.
const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`jaju: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
