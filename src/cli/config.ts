import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../config/json-schema.js';
import { loadConfigFile } from '../config/load-config.js';
import { CliUsageError, parseCliArgs, writeLine, type CliCommand } from './command.js';

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'validate a config file or print its JSON Schema',
  help: `Usage:
  jaju config check FILE          validate FILE; prints "ok" or every problem with its path
  jaju config schema [--out FILE] print the JSON Schema of the config (for editors)`,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { out: { type: 'string' } }, true);
    const [sub, file] = positionals;
    if (sub === 'schema') {
      const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
      if (values.out) writeFileSync(values.out, text);
      else io.stdout.write(text);
      return 0;
    }
    if (sub === 'check') {
      if (!file) throw new CliUsageError('config check needs a FILE');
      const config = loadConfigFile(file);
      writeLine(io.stdout, `ok: ${config.providers.length} providers, ${config.models.length} aliases, ${config.apps.length} apps`);
      return 0;
    }
    throw new CliUsageError(sub ? `unknown subcommand "${sub}" (check | schema)` : 'expected a subcommand: check | schema');
  },
};
