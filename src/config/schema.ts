import { z } from 'zod';
import { DEPLOYMENTS, GRADES } from '../domain/index.js';

/**
 * The config file's schema (docs/design.md §4.2, contract). Every object is strict: an unknown key is an
 * error that names its path, because a misspelt `acreditedGrades` must never silently mean "[]".
 * Defaults fill what an operator may omit, always with the most conservative value.
 */

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "KR"');
const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected an identifier of letters, digits, ".", "_" or "-" (max 64)');
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');
const grade = z.enum(GRADES);

const serverSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
  /** Environment variable holding the admin key (cuts, crisis, reload). Unset ⇒ admin API disabled. */
  adminKeyEnv: envName.default('JAJU_ADMIN_KEY'),
  /** Environment variable holding the dashboard operator key. Unset ⇒ a key is generated into the data directory. */
  operatorKeyEnv: envName.default('JAJU_OPERATOR_KEY'),
  /** Largest accepted request body; larger bodies get 413. */
  maxBodyBytes: z.number().int().min(1024).default(8 * 1024 * 1024),
  /** Whole-request deadline, upstream retries and failover included. */
  requestTimeoutMs: z.number().int().min(100).default(120_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const storeSchema = z.union([
  z.strictObject({ sqlite: z.string().min(1) }),
  z.strictObject({ postgres: z.string().min(1) }),
]);

const auditSchema = z.strictObject({
  /** Records older than this are pruned (high-impact apps' records excepted). null keeps everything. */
  retentionDays: z.number().int().min(1).nullable().default(null),
  /** How often the head (seq, hash) is written to the anchor table/file, so tail truncation is detectable. */
  anchorIntervalMs: z.number().int().min(100).default(10_000),
  /** Longest a record waits for its group commit. */
  groupCommitMaxDelayMs: z.number().min(0).max(1000).default(2),
});

export const POLICY_PACKS = ['n2sf', 'pipa', 'ai-basic-act'] as const;
export type PolicyPack = (typeof POLICY_PACKS)[number];

const policiesSchema = z.strictObject({
  packs: z.array(z.enum(POLICY_PACKS)).default([...POLICY_PACKS]),
  /** Operator .cedar files, validated against the jaju schema at start-up. */
  files: z.array(z.string().min(1)).default([]),
});

const stateSchema = z.strictObject({
  /** Redis URL for state every gateway instance must share at once (cuts in force); absent = in-process. */
  redis: z.string().regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL').optional(),
  /** Prefix of jaju's Redis keys, so several deployments can share one Redis. */
  keyPrefix: z.string().min(1).default('jaju:'),
});

const detectSchema = z.strictObject({
  /** Environment variable holding the pseudonymization key. Unset ⇒ a key is generated into the data directory. */
  pseudonymKeyEnv: envName.default('JAJU_PSEUDONYM_KEY'),
});

const sovereigntySchema = z.strictObject({
  operatorCountry: countryCode,
  hostingCountry: countryCode,
  deployment: z.enum(DEPLOYMENTS),
  accreditedGrades: z.array(grade).default([]),
  certifications: z.array(z.string().min(1)).default([]),
  weightsOrigin: z.string().default(''),
  openWeights: z.boolean().default(false),
  // Undeclared retention or training is assumed: the conservative reading of a silent contract.
  retainsData: z.boolean().default(true),
  trainsOnData: z.boolean().default(true),
});

export const PROVIDER_TYPES = ['openai-compatible', 'anthropic'] as const;

const providerSchema = z.strictObject({
  id: identifier,
  type: z.enum(PROVIDER_TYPES),
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  apiKeyEnv: envName.optional(),
  /** Extra static headers some OpenAI-compatible vendors want (never put secrets here; use apiKeyEnv). */
  headers: z.record(z.string(), z.string()).default({}),
  /** Per-attempt upstream timeout (time to response headers, and longest silence within a stream). */
  timeoutMs: z.number().int().min(10).default(60_000),
  /** Retries on the same target before failing over (connect errors, timeouts, 429, 5xx). */
  maxRetries: z.number().int().min(0).max(10).default(1),
  /** Requests per second this target can carry; drills use it as a capacity limit. */
  capacityRps: z.number().positive().optional(),
  /** Energy estimate, preferred: measured joules per generated-or-read token on this target's hardware. */
  joulesPerToken: z.number().positive().optional(),
  /** Energy estimate, fallback: power draw attributable to one request while it runs (W) × its latency. */
  powerWatts: z.number().positive().optional(),
  /** Power usage effectiveness of the hosting site (industry average ≈ 1.56, Uptime Institute 2024). */
  pue: z.number().min(1).max(5).default(1.56),
  /** Grid carbon intensity (kg CO₂ per kWh); default from the hosting country (Korea 0.4173, 2023 official factor). */
  gridKgCo2PerKwh: z.number().min(0).max(2).optional(),
  sovereignty: sovereigntySchema,
});

const targetSchema = z.strictObject({ provider: identifier, model: z.string().min(1) });

const modelSchema = z.strictObject({
  alias: z.string().min(1).max(128),
  targets: z.array(targetSchema).min(1),
});

const appSchema = z
  .strictObject({
    id: identifier,
    keySha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex characters (sha-256 of the key)')
      .optional(),
    keyEnv: envName.optional(),
    grade,
    purpose: z.string().min(1).default('general'),
    highImpact: z.boolean().default(false),
    /** AI Basic Act: append a visible "AI-generated" notice to responses (true = default text, or your own text). */
    notice: z.union([z.boolean(), z.string().min(1)]).default(false),
    /** Weight of this app in the continuity score of drills. */
    criticality: z.number().min(0).default(1),
    /** Aliases this app may use; absent = all. */
    models: z.array(z.string().min(1)).optional(),
  })
  .refine((app) => (app.keySha256 === undefined) !== (app.keyEnv === undefined), {
    message: 'expected exactly one of keySha256 or keyEnv',
  });

export const configSchema = z
  .strictObject({
    home: countryCode.default('KR'),
    /** Allied jurisdictions, for the sovereignty assessment (not for routing). */
    allies: z.array(countryCode).default([]),
    server: serverSchema.default(() => serverSchema.parse({})),
    store: storeSchema.default({ sqlite: './data/jaju.db' }),
    audit: auditSchema.default(() => auditSchema.parse({})),
    policies: policiesSchema.default(() => policiesSchema.parse({})),
    detect: detectSchema.default(() => detectSchema.parse({})),
    state: stateSchema.default(() => stateSchema.parse({})),
    providers: z.array(providerSchema).default([]),
    models: z.array(modelSchema).default([]),
    apps: z.array(appSchema).default([]),
  })
  .superRefine((config, ctx) => {
    const providerIds = new Set<string>();
    config.providers.forEach((provider, index) => {
      if (providerIds.has(provider.id)) {
        ctx.addIssue({ code: 'custom', path: ['providers', index, 'id'], message: `duplicate provider id "${provider.id}"` });
      }
      providerIds.add(provider.id);
    });
    const aliases = new Set<string>();
    config.models.forEach((model, index) => {
      if (aliases.has(model.alias)) {
        ctx.addIssue({ code: 'custom', path: ['models', index, 'alias'], message: `duplicate alias "${model.alias}"` });
      }
      aliases.add(model.alias);
      model.targets.forEach((target, targetIndex) => {
        if (!providerIds.has(target.provider)) {
          ctx.addIssue({
            code: 'custom',
            path: ['models', index, 'targets', targetIndex, 'provider'],
            message: `unknown provider "${target.provider}" (declared: ${[...providerIds].join(', ') || 'none'})`,
          });
        }
      });
    });
    const appIds = new Set<string>();
    config.apps.forEach((app, index) => {
      if (appIds.has(app.id)) {
        ctx.addIssue({ code: 'custom', path: ['apps', index, 'id'], message: `duplicate app id "${app.id}"` });
      }
      appIds.add(app.id);
      app.models?.forEach((alias, aliasIndex) => {
        if (!aliases.has(alias)) {
          ctx.addIssue({ code: 'custom', path: ['apps', index, 'models', aliasIndex], message: `unknown alias "${alias}"` });
        }
      });
    });
  });

/** The config as written (before defaults): what a YAML file may contain. */
export type ConfigInput = z.input<typeof configSchema>;
/** The validated config with every default applied. */
export type ParsedConfig = z.output<typeof configSchema>;
export type ProviderConfig = ParsedConfig['providers'][number];
export type ModelConfig = ParsedConfig['models'][number];
export type TargetConfig = ModelConfig['targets'][number];
export type AppConfig = ParsedConfig['apps'][number];
export type StoreConfig = ParsedConfig['store'];
