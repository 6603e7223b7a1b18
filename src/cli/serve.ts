import type { CliCommand } from './command.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the gateway and dashboard',
  help: 'Usage: jaju serve [--config FILE] [--port N]',
  async run() {
    throw new Error('not implemented yet');
  },
};
