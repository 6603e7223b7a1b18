import type { Seal } from '../method/seal.js';
import { sealAtLeast } from '../method/seal.js';
import type { EstateComponent } from '../inventory/components.js';
import { LAYERS } from '../inventory/inventory-schema.js';
import type { DerivationRule, RuleItem } from './rule.js';
import { controlLevel, heldAtHome, locationOf, originLevel, standing, type Bloc } from './jurisdiction-levels.js';

/**
 * The derivation rules: which criteria the inventory decides, and how. docs/assess.md, "Derivation
 * rules", repeats each in words; test/control/assess/derivation-rules.test.ts checks each one.
 */

const list = (names: string[]) => names.slice(0, 4).join(', ') + (names.length > 4 ? ` and ${names.length - 4} more` : '');
const SERVICE_LAYERS = ['cloud', 'models', 'operations', 'datacentres'] as const;
const DATA_LAYERS = ['cloud', 'models', 'datasets', 'operations'] as const;
const HARDWARE_LAYERS = ['accelerators', 'servers'] as const;
const EXPORT_CONTROL = /export|EAR|ITAR|wassenaar/i;

function supplierFields(component: EstateComponent, bloc: Bloc): string[] {
  const fields = ['supplierCountry'];
  if (standing(component.supplierCountry, bloc) === 'foreign') fields.push(locationOf(component, bloc).field);
  return fields;
}

const control = (component: EstateComponent, bloc: Bloc): RuleItem => ({ level: controlLevel(component, bloc), fields: supplierFields(component, bloc) });

/** Physical origin countries of hardware: supplier seat, memory supplier, fab, assembly. */
function hardwareOrigins(component: EstateComponent): { country: string; field: string }[] {
  const origins = [{ country: component.supplierCountry, field: 'supplierCountry' }];
  if (component.layer === 'accelerators') {
    if (component.hbmSupplierCountry) origins.push({ country: component.hbmSupplierCountry, field: 'hbmSupplierCountry' });
    if (component.fabCountry) origins.push({ country: component.fabCountry, field: 'fabCountry' });
  }
  if (component.layer === 'servers' && component.assemblyCountry) origins.push({ country: component.assemblyCountry, field: 'assemblyCountry' });
  return origins;
}

function certificationLevel(certifications: readonly string[]): Seal {
  const has = (pattern: RegExp) => certifications.some((name) => pattern.test(name));
  if (has(/^CSAP-high$|^N2SF|^national-accreditation/i)) return 4;
  if (has(/^CSAP-medium$|Gaia-X-Label-Level-3/i)) return 3;
  if (has(/^CSAP-low$|^ISO-?27001|^ISO-?27017|^ISO-?27018|^SOC-?2|Gaia-X-Label-Level-2/i)) return 2;
  return certifications.length > 0 ? 1 : 0;
}

function renewableLevel(share: number): Seal {
  return share >= 0.9 ? 4 : share >= 0.6 ? 3 : share >= 0.3 ? 2 : share > 0 ? 1 : 0;
}

export const DERIVATION_RULES: readonly DerivationRule[] = [
  {
    criterion: 'SOV-1.1',
    layers: SERVICE_LAYERS,
    basis: 'control level of each service supplier (cloud, models, operations, data centres): 4 seated at home, 3 in an allied jurisdiction, 2 foreign but held at home, 1 foreign-operated inside the home jurisdiction, 0 foreign and located abroad',
    item: control,
    action: (names) => `move ${list(names)} to suppliers seated at home or in an allied jurisdiction, or hold them at home (on-premises, open weights)`,
  },
  {
    criterion: 'SOV-1.5',
    layers: LAYERS,
    basis: 'continuity if a supplier stops: 4 home supplier; 3 allied supplier or a tested alternative; 2 an untested alternative, or the component is held at home and keeps running without updates; 1 foreign-operated inside the home jurisdiction; 0 foreign, abroad, no alternative',
    item: (component, bloc) => {
      const seat = standing(component.supplierCountry, bloc);
      if (seat === 'home') return { level: 4, fields: ['supplierCountry'] };
      const { count, tested } = component.alternatives;
      const fallback: Seal = seat === 'ally' ? 3 : heldAtHome(component, bloc) ? 2 : locationOf(component, bloc).country === bloc.home ? 1 : 0;
      const alternative: Seal = count > 0 ? (tested ? 3 : 2) : 0;
      return { level: Math.max(fallback, alternative) as Seal, fields: ['supplierCountry', 'alternatives.count', 'alternatives.tested'] };
    },
    action: (names) => `qualify and rehearse alternatives for ${list(names)}, or bring them in-house`,
  },
  {
    criterion: 'SOV-2.2',
    layers: LAYERS,
    basis: 'exposure to foreign laws with extraterritorial reach: 4 home supplier and none declared; 3 allied supplier and none declared; 2 laws apply but the component is held at home (no data reaches the supplier); 1 foreign seat with no law declared (presumed), or laws apply and it is operated inside the home jurisdiction; 0 laws apply and it sits abroad',
    item: (component, bloc) => {
      const seat = standing(component.supplierCountry, bloc);
      const fields = ['supplierCountry', 'foreignLaws'];
      if (component.foreignLaws.length === 0) return { level: seat === 'home' ? 4 : seat === 'ally' ? 3 : 1, fields };
      if (heldAtHome(component, bloc)) return { level: 2, fields };
      return { level: locationOf(component, bloc).country === bloc.home ? 1 : 0, fields: [...fields, locationOf(component, bloc).field] };
    },
    action: (names) => `remove the foreign-law exposure of ${list(names)} (home-seated supplier, separate home entity, or hold the component at home)`,
  },
  {
    criterion: 'SOV-2.3',
    layers: DATA_LAYERS,
    basis: 'channels to compel access to data: the control level of each component that holds or processes data, raised by one (to at most 3) when the customer holds the keys',
    item: (component, bloc) => {
      const base = control(component, bloc);
      const keys = 'keyControl' in component ? component.keyControl : undefined;
      if ((keys === 'customer-held' || keys === 'customer-hsm') && base.level < 3) return { level: (base.level + 1) as Seal, fields: [...base.fields, 'keyControl'] };
      return base;
    },
    action: (names) => `keep the data of ${list(names)} with home-seated operators, or encrypt it with customer-held keys`,
  },
  {
    criterion: 'SOV-2.4',
    layers: LAYERS,
    basis: 'export-control exposure (exportControlled, or an export-control law among foreignLaws): 4 none and home supplier, 3 none, 2 controlled but an alternative exists, 1 controlled without alternative; decided when the inventory lists accelerators or servers, or a component declares an export-control law',
    item: (component, bloc) => {
      const controlled = (component.layer === 'accelerators' && component.exportControlled) || component.foreignLaws.some((law) => EXPORT_CONTROL.test(law));
      const fields = component.layer === 'accelerators' ? ['exportControlled', 'foreignLaws'] : ['foreignLaws'];
      if (!controlled) return component.layer === 'accelerators' || component.layer === 'servers' ? { level: originLevel(component.supplierCountry, bloc, 3), fields: [...fields, 'supplierCountry'] } : null;
      return { level: component.alternatives.count > 0 ? 2 : 1, fields: [...fields, 'alternatives.count'] };
    },
    action: (names) => `add uncontrolled alternatives (e.g. domestic NPUs) for ${list(names)}`,
  },
  {
    criterion: 'SOV-3.1',
    layers: ['cloud', 'datasets'],
    basis: 'who holds the keys (keyControl): 4 customer HSM, 3 customer-held (BYOK), 2 provider-managed by a home-seated provider, 1 provider-managed abroad, 0 no encryption',
    item: (component, bloc) => {
      const keys = component.layer === 'cloud' || component.layer === 'datasets' ? component.keyControl : undefined;
      if (keys === undefined) return null;
      const level: Seal = keys === 'customer-hsm' ? 4 : keys === 'customer-held' ? 3 : keys === 'provider-managed' ? (standing(component.supplierCountry, bloc) === 'home' ? 2 : 1) : 0;
      return { level, fields: ['keyControl', 'supplierCountry'] };
    },
    action: (names) => `move the keys of ${list(names)} into a customer-held HSM`,
  },
  {
    criterion: 'SOV-3.3',
    layers: ['cloud', 'models', 'datasets', 'datacentres'],
    basis: 'localisation of storage and processing: 4 located at home, 3 in an allied jurisdiction, 0 elsewhere or not declared (no third-country fallback allowed)',
    item: (component, bloc) => {
      const { country, field } = locationOf(component, bloc);
      return { level: country === undefined ? 0 : originLevel(country, bloc, 0), fields: [field] };
    },
    action: (names) => `host ${list(names)} in the home jurisdiction (or an allied one), with no fallback abroad`,
  },
  {
    criterion: 'SOV-3.4',
    layers: ['models'],
    basis: 'control of the AI models: 4 weights of home origin trained from scratch and hosted at home; 3 home origin otherwise (derivative or hosted in an allied jurisdiction); 2 foreign open weights held at home; 1 foreign closed model hosted at home; 0 foreign model served from abroad',
    item: (component, bloc) => {
      if (component.layer !== 'models') return null;
      const origin = component.weightsOrigin ?? component.supplierCountry;
      const hosted = standing(component.hostingCountry, bloc);
      const fields = [component.weightsOrigin ? 'weightsOrigin' : 'supplierCountry', 'lineage', 'hostingCountry', 'openWeights'];
      if (origin === bloc.home) return { level: component.lineage === 'from-scratch' && hosted === 'home' ? 4 : hosted === 'foreign' ? 2 : 3, fields };
      if (hosted !== 'home') return { level: 0, fields };
      return { level: component.openWeights ? 2 : 1, fields };
    },
    action: (names) => `replace or complement ${list(names)} with a home-origin model trained from scratch and served at home`,
  },
  {
    criterion: 'SOV-4.1',
    layers: LAYERS,
    basis: 'ease of migration for each critical component: 4 a tested alternative, 3 an alternative reachable within 6 months, 2 an alternative, 1 no alternative but data portability, 0 neither',
    item: (component) => {
      if (!component.critical) return null;
      const { count, tested, switchingMonths } = component.alternatives;
      const level: Seal = count > 0 ? (tested ? 4 : switchingMonths !== undefined && switchingMonths <= 6 ? 3 : 2) : component.exit.dataPortability ? 1 : 0;
      return { level, fields: ['alternatives.count', 'alternatives.tested', 'alternatives.switchingMonths', 'exit.dataPortability'] };
    },
    action: (names) => `qualify a second source and rehearse the switch for ${list(names)}`,
  },
  {
    criterion: 'SOV-4.2',
    layers: ['operations'],
    basis: "running without the foreign vendor (operations' vendorSupport): 4 none needed and the staff hold the clearances (complete autonomy, CSF SEAL-4), 3 none needed without clearances, 3 essential but from a home-seated supplier, 2 partial, 0 essential from a foreign one",
    item: (component, bloc) => {
      if (component.layer !== 'operations') return null;
      const level: Seal = component.vendorSupport === 'none' ? (component.clearances ? 4 : 3) : component.vendorSupport === 'partial' ? 2 : standing(component.supplierCountry, bloc) === 'home' ? 3 : 0;
      return { level, fields: ['vendorSupport', 'clearances', 'supplierCountry'] };
    },
    action: (names) => `build in-house capability so that ${list(names)} run without foreign vendor support`,
  },
  {
    criterion: 'SOV-4.4',
    layers: ['operations', 'cloud'],
    basis: 'support delivered from (operatedFrom, else hostingCountry): 4 home, 3 allied jurisdiction, 0 elsewhere; components that declare neither are not counted',
    item: (component, bloc) => {
      const country = component.operatedFrom ?? component.hostingCountry;
      if (country === undefined) return null;
      return { level: originLevel(country, bloc, 0), fields: [component.operatedFrom !== undefined ? 'operatedFrom' : 'hostingCountry'] };
    },
    action: (names) => `have ${list(names)} operated and supported from the home jurisdiction`,
  },
  {
    criterion: 'SOV-4.5',
    layers: ['software', 'models'],
    basis: 'documentation and source: 4 open source or open weights, 3 source or weights in escrow, 2 closed from a home-seated supplier, 1 closed from a foreign one',
    item: (component, bloc) => {
      const open = component.layer === 'software' ? component.openSource : component.layer === 'models' ? component.openWeights : false;
      const field = component.layer === 'software' ? 'openSource' : 'openWeights';
      if (open) return { level: 4, fields: [field] };
      if (component.exit.sourceEscrow) return { level: 3, fields: [field, 'exit.sourceEscrow'] };
      return { level: standing(component.supplierCountry, bloc) === 'home' ? 2 : 1, fields: [field, 'exit.sourceEscrow', 'supplierCountry'] };
    },
    action: (names) => `obtain source or weights (open licence or escrow) for ${list(names)}`,
  },
  {
    criterion: 'SOV-4.6',
    layers: LAYERS,
    basis: 'control level (as SOV-1.1) of every critical supplier and subcontractor, all layers',
    item: (component, bloc) => (component.critical ? control(component, bloc) : null),
    action: (names) => `move ${list(names)} to suppliers under home (or allied) legal control`,
  },
  {
    criterion: 'SOV-5.1',
    layers: HARDWARE_LAYERS,
    basis: 'origin of the physical parts (supplier seat, HBM supplier, fab, assembly): the lowest of 4 home, 3 allied, 1 foreign',
    item: (component, bloc) => {
      const origins = hardwareOrigins(component);
      return { level: Math.min(...origins.map(({ country }) => originLevel(country, bloc))) as Seal, fields: origins.map(({ field }) => field) };
    },
    weight: (component) => component.share ?? ('count' in component && component.count !== undefined ? component.count : 1),
    action: (names) => `source ${list(names)} (or their memory and fabrication) from home or allied suppliers`,
  },
  {
    criterion: 'SOV-5.2',
    layers: HARDWARE_LAYERS,
    basis: 'provenance of firmware (firmwareOrigin, else the supplier seat): 4 home, 3 allied, 1 foreign',
    item: (component, bloc) => {
      const firmware = component.layer === 'accelerators' || component.layer === 'servers' ? component.firmwareOrigin : undefined;
      return { level: originLevel(firmware ?? component.supplierCountry, bloc), fields: [firmware !== undefined ? 'firmwareOrigin' : 'supplierCountry'] };
    },
    weight: (component) => component.share ?? ('count' in component && component.count !== undefined ? component.count : 1),
    action: (names) => `obtain auditable firmware of home or allied provenance for ${list(names)}`,
  },
  {
    criterion: 'SOV-5.3',
    layers: ['software'],
    basis: 'where software is built and updated: 4 home supplier, 3 allied, 2 foreign but open source (can be rebuilt at home), 1 foreign closed',
    item: (component, bloc) => (component.layer === 'software' ? { level: originLevel(component.supplierCountry, bloc, component.openSource ? 2 : 1), fields: ['supplierCountry', 'openSource'] } : null),
    action: (names) => `rebuild ${list(names)} from source at home, or choose home-built software`,
  },
  {
    criterion: 'SOV-5.4',
    layers: LAYERS,
    basis: 'reliance without alternative, per critical component: 4 home supplier, 3 allied with an alternative, 2 foreign with an alternative or allied without, 0 foreign without alternative',
    item: (component, bloc) => {
      if (!component.critical) return null;
      const seat = standing(component.supplierCountry, bloc);
      const alternative = component.alternatives.count > 0;
      const level: Seal = seat === 'home' ? 4 : seat === 'ally' ? (alternative ? 3 : 2) : alternative ? 2 : 0;
      return { level, fields: ['supplierCountry', 'alternatives.count'] };
    },
    action: (names) => `qualify a home or allied alternative for ${list(names)}`,
  },
  {
    criterion: 'SOV-6.3',
    layers: ['software', 'models'],
    basis: 'open licences: 4 open source / open weights; closed: 2 from a home-seated supplier, 1 otherwise',
    item: (component, bloc) => {
      const open = component.layer === 'software' ? component.openSource : component.layer === 'models' ? component.openWeights : false;
      return { level: open ? 4 : standing(component.supplierCountry, bloc) === 'home' ? 2 : 1, fields: [component.layer === 'software' ? 'openSource' : 'openWeights', 'supplierCountry'] };
    },
    action: (names) => `prefer openly licensed replacements for ${list(names)}`,
  },
  {
    criterion: 'SOV-6.5',
    layers: ['accelerators'],
    basis: 'independence in processors and accelerators, weighted by declared share or count: 4 home-designed, 3 allied, 1 foreign; pilots count in the value but never set the SEAL',
    item: (component, bloc) => ({ level: originLevel(component.supplierCountry, bloc), fields: ['supplierCountry', 'pilot'] }),
    weight: (component) => component.share ?? ('count' in component && component.count !== undefined ? component.count : 1),
    action: (names) => `move production capacity from ${list(names)} to home-designed accelerators (e.g. domestic NPUs)`,
  },
  {
    criterion: 'SOV-7.1',
    layers: ['cloud', 'datacentres'],
    basis: 'certifications: 4 CSAP-high or a national accreditation, 3 CSAP-medium or Gaia-X Label Level 3, 2 CSAP-low, ISO/IEC 27001/27017/27018, SOC 2 or Gaia-X Label Level 2, 1 any other, 0 none',
    item: (component) => ({ level: certificationLevel(component.certifications), fields: ['certifications'] }),
    action: (names) => `certify ${list(names)} (CSAP-high for sensitive workloads)`,
  },
  {
    criterion: 'SOV-8.1',
    layers: ['datacentres'],
    basis: 'PUE: 4 ≤ 1.2, 3 ≤ 1.4, 2 ≤ 1.6, 1 ≤ 2.0, 0 above; at most 3 without an improvement target (pueTarget)',
    item: (component) => {
      if (component.layer !== 'datacentres' || component.pue === undefined) return null;
      const level = sealAtLeast(-component.pue, [-1.2, -1.4, -1.6, -2.0]);
      return { level: component.pueTarget === undefined ? (Math.min(level, 3) as Seal) : level, fields: ['pue', 'pueTarget'] };
    },
    weight: (component) => (component.layer === 'datacentres' ? (component.powerMW ?? 1) : 1),
    action: (names) => `lower the PUE of ${list(names)} and set a measurable target`,
  },
  {
    criterion: 'SOV-8.3',
    layers: ['datacentres'],
    basis: 'carbon and water disclosure: 4 published with WUE, 3 published, 2 WUE or water declared in the inventory only, 0 nothing',
    item: (component) => {
      if (component.layer !== 'datacentres') return null;
      const water = component.wue !== undefined || component.waterM3PerYear !== undefined;
      return { level: component.disclosure ? (water ? 4 : 3) : water ? 2 : 0, fields: ['disclosure', 'wue', 'waterM3PerYear'] };
    },
    action: (names) => `publish carbon and water figures (PUE, WUE) of ${list(names)}`,
  },
  {
    criterion: 'SOV-8.4',
    layers: ['datacentres', 'energy'],
    basis: 'renewable or low-carbon share: 4 ≥ 90 %, 3 ≥ 60 %, 2 ≥ 30 %, 1 above 0, 0 none; value = the share (weighted by power MW for data centres)',
    item: (component) => {
      const share = component.layer === 'datacentres' || component.layer === 'energy' ? component.renewableShare : undefined;
      return share === undefined ? null : { level: renewableLevel(share), value: share * 100, fields: ['renewableShare'] };
    },
    weight: (component) => (component.layer === 'datacentres' ? (component.powerMW ?? 1) : (component.share ?? 1)),
    action: (names) => `contract renewable supply (PPA, on-site) for ${list(names)}`,
  },
];
