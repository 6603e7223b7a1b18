import { defaultConfig, loadConfigFile } from '../config/index.js';
import { isServeRole, serveRoleIncludes, SERVE_ROLES } from '../serve/serve-role.js';
import { startJaju } from '../serve/start-jaju.js';
import { CliUsageError, integerOption, parseCliArgs, writeLine, type CliCommand } from './command.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the gateway and dashboard',
  help: `Usage: jaju serve [--config FILE] [--port N] [--host ADDRESS] [--role all|gateway|console]

Runs the OpenAI-compatible gateway and the dashboard. Without --config it starts with built-in
defaults: SQLite ledger under ./data, the n2sf, pipa and ai-basic-act policy packs, no providers
(route previews, the dashboard and the control-plane pages still work).

--role (default all) chooses what this process serves, over the same config and shared store:
  gateway   the data plane: /v1/*, the admin API, /healthz, /metrics
  console   the operations console: the dashboard page, /api/*, /healthz, /metrics (no app traffic)
  all       both on one port
Several gateways and one console share the ledger (store.postgres) and cuts (state.redis); see
docs/architecture.md.

Environment:
  JAJU_ADMIN_KEY       admin key (cuts, crisis); the admin API is off without it
  JAJU_OPERATOR_KEY    dashboard key; generated into ./data/operator.key when unset
  JAJU_PSEUDONYM_KEY   pseudonymization secret; generated into ./data/pseudonym.key when unset
(the variable names can be changed in the config: server.adminKeyEnv, server.operatorKeyEnv, detect.pseudonymKeyEnv)`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { config: { type: 'string', short: 'c' }, port: { type: 'string', short: 'p' }, host: { type: 'string' }, role: { type: 'string' } });
    const role = values.role ?? 'all';
    if (!isServeRole(role)) throw new CliUsageError(`--role expects one of ${SERVE_ROLES.join(', ')}, got "${role}"`);
    const config = values.config ? loadConfigFile(values.config) : defaultConfig();
    const port = integerOption('port', values.port, config.server.port);
    if (port > 65535) throw new Error(`--port must be ≤ 65535`);
    const running = await startJaju({ config, role, env: io.env, port, ...(values.host ? { host: values.host } : {}) });
    writeLine(io.stdout, `jaju listening on ${running.url} (role ${role})`);
    if (serveRoleIncludes(role, 'gateway')) {
      writeLine(io.stdout, `  gateway:   ${running.url}/v1  (OpenAI-compatible; ${config.providers.length} providers, ${config.models.length} aliases, ${config.apps.length} apps)`);
    }
    if (serveRoleIncludes(role, 'console')) {
      writeLine(io.stdout, `  dashboard: ${running.url}/  (operator key: ${running.operatorKeySource === 'env' ? `from ${config.server.operatorKeyEnv}` : `in ${running.operatorKeyFile}`})`);
    }
    writeLine(io.stdout, `  health:    ${running.url}/healthz`);
    writeLine(io.stdout, `  config:    ${config.source ?? 'built-in defaults (no --config)'}`);
    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        writeLine(io.stdout, `jaju: ${signal} received, finishing in-flight requests`);
        running.close().finally(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
