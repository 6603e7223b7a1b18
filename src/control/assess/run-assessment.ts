import { resolve } from 'node:path';
import { openLedger, type AuditLedger } from '../../audit/index.js';
import { ConfigError, dataDirectory, loadConfigFile, type Config } from '../../config/index.js';
import { loadContinuityResults } from '../drill/index.js';
import { computeIndicators } from '../indicators/index.js';
import { assess } from './assess.js';
import type { Assessment } from './model.js';
import { configComponents } from './evidence/config-components.js';
import { ledgerEvidence } from './evidence/ledger-evidence.js';
import type { EvidenceContext, EvidenceSource, ObservedEvidence } from './evidence/observed-evidence.js';
import { importCredentialFiles } from './gaiax/import-credentials.js';
import { inventoryComponents, type EstateComponent } from './inventory/components.js';
import { AssessInputError } from './inventory/input-error.js';
import { inventoryCredentialFiles, loadAnswersFile, loadInventoryFile, resolveWeights, type WeightSet } from './inventory/load-inputs.js';
import type { OBJECTIVE_IDS } from './method/objectives.js';
import type { Seal } from './method/seal.js';
import type { Contradiction } from './model.js';

export interface AssessmentOptions {
  /** Paths are resolved against `cwd`. */
  inventory: string;
  answers?: string | undefined;
  /** A gateway config: its providers become components, its ledger and saved drills observed evidence. */
  config?: string | Config | undefined;
  /** The config's ledger, already open (the console's); otherwise it is opened read-only and closed again. */
  ledger?: AuditLedger | undefined;
  /** Window start for the ledger (default 30 days ago). */
  since?: Date | undefined;
  /** `document` (default), `annex` or a weights file. */
  weights?: string | undefined;
  /** Minimum SEAL per objective, overriding the weights file's. */
  minimumSeal?: Partial<Record<(typeof OBJECTIVE_IDS)[number], Seal>> | undefined;
  /** More Gaia-X credential files (beside those the inventory names). */
  gaiaX?: readonly string[] | undefined;
  /** More evidence sources (e.g. saved evaluation runs, issue 19). */
  evidenceSources?: readonly EvidenceSource[] | undefined;
  cwd?: string | undefined;
  onWarning?: ((message: string) => void) | undefined;
}

/**
 * The observed evidence of a gateway: its ledger's sovereignty indicators over the window (the
 * project's indicator computation, src/control/indicators) and the latest saved drill continuity scores.
 */
export function gatewayEvidenceSource(config: Config, options: { ledger?: AuditLedger | undefined; onWarning?: ((message: string) => void) | undefined } = {}): { name: string; collect(context: EvidenceContext): Promise<ObservedEvidence> } {
  return {
    name: 'ledger',
    async collect(context: EvidenceContext): Promise<ObservedEvidence> {
      const continuity = loadContinuityResults(dataDirectory(config), (file, problem) => options.onWarning?.(`skipping drill result ${file}: ${problem}`));
      const ledger = options.ledger ?? (await openLedger(config, { readOnly: true }));
      try {
        const indicators = await computeIndicators(ledger.scan({ sinceTime: context.since.toISOString() }), { config, from: context.since, continuity });
        return ledgerEvidence(indicators, continuity, config, context);
      } finally {
        if (options.ledger === undefined) await ledger.close();
      }
    },
  };
}

/** The gateway config, its problems reported on one line like every other input of the assessment. */
function loadConfigForAssessment(file: string): Config {
  try {
    return loadConfigFile(file);
  } catch (error) {
    if (error instanceof ConfigError) throw new AssessInputError(error.source, error.issues);
    throw error;
  }
}

function withGate(weights: WeightSet, override: AssessmentOptions['minimumSeal']): WeightSet {
  if (override === undefined) return weights;
  return { ...weights, minimumSeal: { ...weights.minimumSeal, ...override } };
}

/** Loads the inputs, gathers evidence and assesses (the CLI and the console call this). */
export async function runAssessment(options: AssessmentOptions): Promise<Assessment> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = loadInventoryFile(resolve(cwd, options.inventory));
  const estate = loaded.inventory.estate;
  const answers = options.answers === undefined ? undefined : { file: resolve(cwd, options.answers), content: loadAnswersFile(resolve(cwd, options.answers)) };
  const weights = withGate(resolveWeights(options.weights, cwd), options.minimumSeal);
  const credentialFiles = [...inventoryCredentialFiles(loaded), ...(options.gaiaX ?? []).map((file) => resolve(cwd, file))];
  const imported = importCredentialFiles(credentialFiles, estate.home);
  let components: EstateComponent[] = [...inventoryComponents(loaded.inventory), ...imported.components];
  const contradictions: Contradiction[] = [];
  const sources: EvidenceSource[] = [...(options.evidenceSources ?? [])];
  let config: Config | undefined;
  if (options.config !== undefined) {
    config = typeof options.config === 'string' ? loadConfigForAssessment(resolve(cwd, options.config)) : options.config;
    const fromConfig = configComponents(config, components);
    components = [...components, ...fromConfig.components];
    contradictions.push(...fromConfig.contradictions);
    if (config.home !== estate.home) {
      contradictions.push({ claim: 'estate.home', declared: estate.home, observed: config.home, source: 'config home', message: `the inventory measures against ${estate.home}, the gateway enforces home ${config.home}` });
    }
    sources.unshift(gatewayEvidenceSource(config, { ledger: options.ledger, onWarning: options.onWarning }));
  }
  const since = options.since ?? new Date(Date.now() - 30 * 86_400_000);
  const context: EvidenceContext = { bloc: { home: estate.home, allies: estate.allies }, components, claims: loaded.inventory.claims, since };
  const observed: ObservedEvidence[] = [];
  for (const source of sources) {
    const evidence = await source.collect(context);
    if (evidence !== null) observed.push(evidence);
  }
  return assess({
    estate,
    inventory: loaded.path,
    components,
    answers,
    weights,
    observed,
    contradictions,
    credentials: imported.reports,
    withEvidence: config !== undefined,
  });
}
