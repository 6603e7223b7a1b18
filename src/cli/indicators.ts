import { resolve } from 'node:path';
import { openLedger, parseSince } from '../audit/index.js';
import { defaultConfig, loadConfigFile } from '../config/index.js';
import { loadContinuityResults } from '../control/drill/index.js';
import { computeIndicators, renderIndicatorsText } from '../control/indicators/index.js';
import { dataDirectory } from '../config/index.js';
import { CliUsageError, parseCliArgs, writeLine, type CliCommand } from './command.js';

export const indicatorsCommand: CliCommand = {
  name: 'indicators',
  summary: 'sovereignty indicators from the audit ledger (domestic share, HHI, S/C in-country, continuity)',
  help: `Usage: jaju indicators [--config FILE] [--since 30d] [--json]

Computes the sovereignty indicators over the audit ledger's recent window: domestic share of requests
and tokens, share of S and C sends that stayed in the home jurisdiction (must be 100 %), foreign-law
exposure, vendor concentration (HHI by operator and by jurisdiction), open-weight and domestic-origin
model shares, personal data sent raw / pseudonymized / blocked by type, and the latest continuity
score of every drill scenario saved with \`jaju drill run --save\`. docs/drills.md defines each figure.
  --config   the gateway's config (default: built-in defaults, ledger in ./data/jaju.db)
  --since    window start: 90m, 12h, 30d, 4w or an ISO 8601 date (default 30d)
  --json     print the indicators as JSON
Exit code 0 also when an alarm is raised (alarms are part of the output), 1 when the ledger cannot be read.`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { config: { type: 'string', short: 'c' }, since: { type: 'string' }, json: { type: 'boolean' } });
    let from: Date;
    try {
      from = new Date(parseSince(values.since ?? '30d'));
    } catch (error) {
      throw new CliUsageError(`--since: ${(error as Error).message}`);
    }
    const config = values.config ? loadConfigFile(resolve(io.cwd, values.config)) : defaultConfig();
    const continuity = loadContinuityResults(dataDirectory(config), (file, problem) => writeLine(io.stderr, `jaju indicators: skipping ${file}: ${problem}`));
    const ledger = await openLedger(config, { readOnly: true });
    let indicators;
    try {
      indicators = await computeIndicators(ledger.scan({ sinceTime: from.toISOString() }), { config, from, continuity });
    } finally {
      await ledger.close();
    }
    writeLine(io.stdout, values.json ? JSON.stringify(indicators, null, 2) : renderIndicatorsText(indicators));
    return 0;
  },
};
