import type { CliCommand } from './command.js';

/**
 * Every `jaju` command, loaded lazily so that `jaju scan` does not pay for the gateway's imports.
 * One file per command; this table is the only place that lists them.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  serve: { summary: 'run the gateway and dashboard', load: async () => (await import('./serve.js')).serveCommand },
  config: { summary: 'validate a config file or print its JSON Schema', load: async () => (await import('./config.js')).configCommand },
};
