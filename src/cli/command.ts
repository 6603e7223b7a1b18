import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Streams a command writes to; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** One `jaju <name>` command. `run` returns the exit code; it throws CliUsageError for bad input. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Full --help text. */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad input from the user: printed as one line `jaju <cmd>: <message>`, exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with strict checking and errors turned into CliUsageError. */
export function parseCliArgs<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
  } catch (error) {
    // node:util's messages may span lines; a CLI error is one line.
    throw new CliUsageError((error as Error).message.replace(/\. To specify a positional argument.*$/, '').replace(/\s*\n\s*/g, ' '));
  }
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** Parses a positive integer option, naming the option in the error. */
export function integerOption(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new CliUsageError(`--${name} expects a whole number ≥ ${min}, got "${value}"`);
  return Number(value);
}
