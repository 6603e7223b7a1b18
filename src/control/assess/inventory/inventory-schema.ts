import { z } from 'zod';
import { DEPLOYMENTS, GRADES } from '../../../domain/index.js';

/**
 * The estate inventory of `jaju assess` (docs/assess.md, "Inventory format"). One top-level list per
 * layer of the AI stack; every entry is a component with the common fields below plus its layer's
 * own. Every object is strict, so a misspelt key is an error naming its path. New sections (e.g. a
 * `hardware` lifecycle registry) and new fields of a section are added here without touching the rest:
 * the assessment reads components through `inventoryComponents`, which lists the sections.
 */

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "KR"');
const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'expected an identifier of letters, digits, ".", "_", ":" or "-"');
const share = z.number().min(0).max(1);

const alternativesSchema = z.strictObject({
  /** Substitutes that could replace this component (other suppliers, products or sites). */
  count: z.number().int().min(0).default(0),
  /** Time to switch to the best substitute. */
  switchingMonths: z.number().min(0).optional(),
  costClass: z.enum(['low', 'medium', 'high']).optional(),
  /** A switch was rehearsed (a drill, a migration test). */
  tested: z.boolean().default(false),
});

const exitSchema = z.strictObject({
  /** Data and configuration can be exported in documented formats. */
  dataPortability: z.boolean().default(false),
  /** Source code or build artefacts are in escrow (or open). */
  sourceEscrow: z.boolean().default(false),
  /** Notice the supplier must give before ending the service. */
  noticeMonths: z.number().min(0).optional(),
  /** Free text of the exit clause, for the report. */
  terms: z.string().optional(),
});

/** Fields every component has, whatever its layer. */
const common = {
  id: identifier,
  name: z.string().min(1),
  supplier: z.string().min(1),
  /** Legal seat of the supplier (decides foreign-law exposure). */
  supplierCountry: countryCode,
  /** The service stops (or degrades beyond use) without it; non-critical components never count as single points of failure. */
  critical: z.boolean().default(true),
  /** Declared capacity or spend in the layer's own unit (units, MW, KRW …): the share basis of the layer's HHI when every component declares it. */
  share: z.number().positive().optional(),
  /** Foreign laws with extraterritorial reach the component is exposed to, e.g. US-CLOUD-Act, US-EAR, US-FISA-702, CN-NIL. */
  foreignLaws: z.array(z.string().min(1)).default([]),
  alternatives: alternativesSchema.default(() => alternativesSchema.parse({})),
  exit: exitSchema.default(() => exitSchema.parse({})),
  /** e.g. CSAP-high, CSAP-medium, ISO-27001, ISO-42001, Gaia-X-Label-Level-2. */
  certifications: z.array(z.string().min(1)).default([]),
  /** Country where it runs or where its data sits. */
  hostingCountry: countryCode.optional(),
  /** Country it is operated and supported from. */
  operatedFrom: countryCode.optional(),
  /** A pilot or evaluation, not yet production (counted, but never a single point of failure). */
  pilot: z.boolean().default(false),
  notes: z.string().optional(),
  /** Documents backing the entry (contract numbers, certificates, URLs). */
  evidence: z.array(z.string().min(1)).default([]),
};

const acceleratorSchema = z.strictObject({
  ...common,
  kind: z.enum(['gpu', 'npu', 'cpu', 'other']),
  product: z.string().optional(),
  count: z.number().int().min(0).optional(),
  /** High-bandwidth memory supplier and its country. */
  hbmSupplier: z.string().optional(),
  hbmSupplierCountry: countryCode.optional(),
  /** Where the die is fabricated. */
  fabCountry: countryCode.optional(),
  /** Country of origin of the firmware and driver stack. */
  firmwareOrigin: countryCode.optional(),
  /** Subject to an export-control regime (e.g. US EAR ECCN 3A090/4A090). */
  exportControlled: z.boolean().default(false),
});

const serverSchema = z.strictObject({
  ...common,
  count: z.number().int().min(0).optional(),
  assemblyCountry: countryCode.optional(),
  firmwareOrigin: countryCode.optional(),
});

const datacentreSchema = z.strictObject({
  ...common,
  /** Region or city, e.g. "세종", "Gwangju". */
  location: z.string().optional(),
  powerMW: z.number().min(0).optional(),
  /** Power usage effectiveness (≥ 1). */
  pue: z.number().min(1).max(5).optional(),
  /** A PUE improvement target exists (the framework asks for "measurable improvement targets"). */
  pueTarget: z.number().min(1).max(5).optional(),
  /** Water usage effectiveness, litres per kWh of IT energy. */
  wue: z.number().min(0).optional(),
  /** Renewable or low-carbon share of the energy (0–1). */
  renewableShare: share.optional(),
  /** Water withdrawn per year (m³). */
  waterM3PerYear: z.number().min(0).optional(),
  /** Carbon and water figures are published. */
  disclosure: z.boolean().default(false),
});

const keyControl = z.enum(['customer-hsm', 'customer-held', 'provider-managed', 'none']);

const cloudSchema = z.strictObject({
  ...common,
  deployment: z.enum(DEPLOYMENTS),
  /** Who holds the encryption keys of the data at rest. */
  keyControl: keyControl.optional(),
  /** The gateway provider id this platform serves (links the entry to `--config`'s provider). */
  provider: identifier.optional(),
  /** Grades accredited to run here (N²SF C/S/O). */
  grades: z.array(z.enum(GRADES)).default([]),
});

const modelSchema = z.strictObject({
  ...common,
  /** Country of origin of the weights. */
  weightsOrigin: countryCode.optional(),
  licence: z.string().optional(),
  openWeights: z.boolean().default(false),
  /** Trained from scratch, or derived from another model (fine-tune, continued pre-training, reused weights). */
  lineage: z.enum(['from-scratch', 'derivative', 'unknown']).default('unknown'),
  baseModel: z.string().optional(),
  /** Where it was fine-tuned (or trained). */
  fineTunedIn: countryCode.optional(),
  /** The gateway provider id serving it (links the entry to `--config`'s provider). */
  provider: identifier.optional(),
});

const datasetSchema = z.strictObject({
  ...common,
  /** Country the data comes from. */
  origin: countryCode.optional(),
  licence: z.string().optional(),
  /** Jurisdiction where the dataset is stored. */
  storageJurisdiction: countryCode.optional(),
  /** Legal basis of processing (PIPA Art. 15 consent, Art. 28-2 pseudonymised research, public data …). */
  legalBasis: z.string().optional(),
  grade: z.enum(GRADES).optional(),
  personalData: z.boolean().default(false),
  keyControl: keyControl.optional(),
});

const softwareSchema = z.strictObject({
  ...common,
  /** gateway, orchestration, os, inference-server, monitoring … */
  role: z.string().optional(),
  licence: z.string().optional(),
  openSource: z.boolean().default(false),
});

const operationsSchema = z.strictObject({
  ...common,
  /** operations, soc, support, development … */
  role: z.string().optional(),
  /** Staff hold the national security clearances the service needs. */
  clearances: z.boolean().default(false),
  /** How far running the service depends on the foreign vendor's support: none, partial, essential. */
  vendorSupport: z.enum(['none', 'partial', 'essential']).default('essential'),
});

const energySchema = z.strictObject({
  ...common,
  /** How the energy is bought: grid, power-purchase agreement, on-site generation, renewable certificates. */
  supply: z.enum(['grid', 'ppa', 'onsite', 'rec']).optional(),
  renewableShare: share.optional(),
});

const claimsSchema = z.strictObject({
  /** "All S and C data stays in the home jurisdiction." */
  sensitiveDataInCountry: z.boolean().optional(),
  /** Share of served requests hosted at home is at least this. */
  domesticShareAtLeast: share.optional(),
  /** Share of served requests by open-weight models is at least this. */
  openWeightShareAtLeast: share.optional(),
  /** Share of served requests from operators seated abroad is at most this. */
  foreignOperatorShareAtMost: share.optional(),
});

const estateSchema = z.strictObject({
  name: z.string().min(1),
  owner: z.string().optional(),
  description: z.string().optional(),
  /** Home jurisdiction the method measures against. */
  home: countryCode.default('KR'),
  /** Allied jurisdictions: counted as "inside the bloc" for the strategic, operational and supply-chain criteria. */
  allies: z.array(countryCode).default([]),
  /** Date of the inventory (ISO 8601). */
  date: z.string().optional(),
});

/** Section names and their layer name in reports, in stack order (chips to norms). */
export const SECTIONS = {
  accelerators: acceleratorSchema,
  servers: serverSchema,
  datacentres: datacentreSchema,
  cloud: cloudSchema,
  models: modelSchema,
  datasets: datasetSchema,
  software: softwareSchema,
  operations: operationsSchema,
  energy: energySchema,
} as const;
export type Layer = keyof typeof SECTIONS;
export const LAYERS = Object.keys(SECTIONS) as Layer[];

export const inventorySchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).default(1),
    estate: estateSchema,
    accelerators: z.array(acceleratorSchema).default([]),
    servers: z.array(serverSchema).default([]),
    datacentres: z.array(datacentreSchema).default([]),
    cloud: z.array(cloudSchema).default([]),
    models: z.array(modelSchema).default([]),
    datasets: z.array(datasetSchema).default([]),
    software: z.array(softwareSchema).default([]),
    operations: z.array(operationsSchema).default([]),
    energy: z.array(energySchema).default([]),
    /** Statements about the traffic that the gateway's ledger can check (`--config`). */
    claims: claimsSchema.default({}),
    /** Gaia-X credential files (JSON-LD), relative to the inventory file, imported as components. */
    gaiaX: z.array(z.string().min(1)).default([]),
  })
  .superRefine((inventory, ctx) => {
    const seen = new Map<string, string>();
    for (const layer of LAYERS) {
      inventory[layer].forEach((component, index) => {
        const where = `${layer}[${index}]`;
        const first = seen.get(component.id);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [layer, index, 'id'], message: `duplicate component id "${component.id}" (first at ${first})` });
        else seen.set(component.id, where);
      });
    }
  });

export type InventoryInput = z.input<typeof inventorySchema>;
export type Inventory = z.output<typeof inventorySchema>;
export type AcceleratorComponent = Inventory['accelerators'][number];
export type ServerComponent = Inventory['servers'][number];
export type DatacentreComponent = Inventory['datacentres'][number];
export type CloudComponent = Inventory['cloud'][number];
export type ModelComponent = Inventory['models'][number];
export type DatasetComponent = Inventory['datasets'][number];
export type SoftwareComponent = Inventory['software'][number];
export type OperationsComponent = Inventory['operations'][number];
export type EnergyComponent = Inventory['energy'][number];
export type Claims = Inventory['claims'];
export type Estate = Inventory['estate'];
