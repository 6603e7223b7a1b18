import type { CliCommand } from './command.js';

/**
 * Every `jaju` command, loaded lazily so that `jaju scan` does not pay for the gateway's imports.
 * One file per command; this table is the only place that lists them.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  serve: { summary: 'run the gateway and dashboard', load: async () => (await import('./serve.js')).serveCommand },
  route: { summary: 'dry-run the routing decision for one request', load: async () => (await import('./route.js')).routeCommand },
  config: { summary: 'validate a config file or print its JSON Schema', load: async () => (await import('./config.js')).configCommand },
  audit: { summary: 'verify the audit ledger or export its records', load: async () => (await import('./audit.js')).auditCommand },
  scan: { summary: 'find Korean personal data in text on stdin (plain or JSONL)', load: async () => (await import('./scan.js')).scanCommand },
  drill: { summary: 'cut/restore providers live; replay the recorded workload under a crisis scenario', load: async () => (await import('./drill.js')).drillCommand },
  indicators: { summary: 'sovereignty indicators from the audit ledger', load: async () => (await import('./indicators.js')).indicatorsCommand },
  policy: { summary: 'test policies against request cases, or check and list them', load: async () => (await import('./policy.js')).policyCommand },
  assess: { summary: 'sovereignty assessment SOV-1…8 with SEAL levels, dependency maps and ledger evidence', load: async () => (await import('./assess.js')).assessCommand },
  eval: { summary: 'evaluate models on Korean language and culture through the gateway, with confidence intervals', load: async () => (await import('./eval.js')).evalCommand },
  allocate: { summary: 'allocate national GPUs by priority within power budgets; export Kueue/Slurm quotas', load: async () => (await import('./allocate.js')).allocateCommand },
};
