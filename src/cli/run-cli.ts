import { isJajuError } from '../domain/errors.js';
import { ConfigError } from '../config/config-error.js';
import { CliUsageError, writeLine, type CliIo } from './command.js';
import { COMMANDS } from './commands.js';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return [
    'jaju (자주) — sovereign AI control plane',
    '',
    'Usage: jaju <command> [options]     (jaju <command> --help for details)',
    '',
    'Commands:',
    ...lines,
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code (0 ok, 1 failure, 2 bad input). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name === undefined ? io.stderr : io.stdout, usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    writeLine(io.stdout, '0.1.0');
    return 0;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    writeLine(io.stderr, `jaju: unknown command "${name}" (try: jaju --help)`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    writeLine(io.stdout, command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      writeLine(io.stderr, `jaju ${name}: ${error.message}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      writeLine(io.stderr, `jaju ${name}: ${error.message}`);
      return 2;
    }
    if (isJajuError(error)) {
      writeLine(io.stderr, `jaju ${name}: ${error.message}`);
      return 1;
    }
    writeLine(io.stderr, `jaju ${name}: ${(error as Error)?.message ?? String(error)}`);
    if (io.env['JAJU_DEBUG']) writeLine(io.stderr, (error as Error)?.stack ?? '');
    return 1;
  }
}
