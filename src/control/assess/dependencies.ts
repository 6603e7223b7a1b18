import { concentrationLevel, herfindahlHirschmanIndex } from '../indicators/index.js';
import type { EstateComponent } from './inventory/components.js';
import { LAYERS, type Layer } from './inventory/inventory-schema.js';
import { standing, type Bloc } from './derive/jurisdiction-levels.js';
import type { LayerResult, SinglePointOfFailure, SupplierShare } from './model.js';

/**
 * Dependency analysis per layer (docs/assess.md, "Dependencies"): HHI by supplier and by supplier
 * country (HHI = Σ (100·sᵢ)², docs/design.md §5), single points of failure, foreign-law exposure.
 * Share basis of a layer: every component's declared `share` when all declare one; else, for
 * accelerators and servers, every component's `count` when all declare one; else one per component.
 */

function basisOf(components: readonly EstateComponent[]): { basis: LayerResult['shareBasis']; amount: (component: EstateComponent) => number } {
  if (components.length > 0 && components.every((component) => component.share !== undefined)) return { basis: 'declared', amount: (component) => component.share! };
  const count = (component: EstateComponent) => ('count' in component ? component.count : undefined);
  if (components.length > 0 && components.every((component) => count(component) !== undefined)) return { basis: 'count', amount: (component) => count(component)! };
  return { basis: 'components', amount: () => 1 };
}

function sharesBy(components: readonly EstateComponent[], key: (component: EstateComponent) => string, amount: (component: EstateComponent) => number): SupplierShare[] {
  const groups = new Map<string, { amount: number; components: string[] }>();
  let total = 0;
  for (const component of components) {
    const name = key(component);
    const group = groups.get(name) ?? { amount: 0, components: [] };
    group.amount += amount(component);
    group.components.push(component.id);
    groups.set(name, group);
    total += amount(component);
  }
  return [...groups]
    .map(([name, group]) => ({ key: name, share: total > 0 ? group.amount / total : 0, components: group.components }))
    .sort((a, b) => b.share - a.share || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Supplier names compared case- and space-insensitively ("NVIDIA" = "Nvidia "), reported as first written. */
function supplierKey(components: readonly EstateComponent[]): (component: EstateComponent) => string {
  const first = new Map<string, string>();
  for (const component of components) {
    const normal = component.supplier.trim().toLowerCase();
    if (!first.has(normal)) first.set(normal, component.supplier.trim());
  }
  return (component) => first.get(component.supplier.trim().toLowerCase())!;
}

function singlePoints(components: readonly EstateComponent[], bloc: Bloc, key: (component: EstateComponent) => string): SinglePointOfFailure[] {
  const production = components.filter((component) => component.critical && !component.pilot);
  const out: SinglePointOfFailure[] = [];
  for (const component of production) {
    if (component.alternatives.count > 0) continue;
    const foreign = standing(component.supplierCountry, bloc) === 'foreign';
    out.push({
      reason: 'no-alternative',
      supplier: key(component),
      supplierCountry: component.supplierCountry,
      foreign,
      components: [component.id],
      message: `${component.id} (${component.name}) is critical and has no declared alternative${foreign ? `; its supplier is seated in ${component.supplierCountry}` : ''}`,
    });
  }
  const suppliers = new Set(production.map(key));
  if (production.length > 1 && suppliers.size === 1) {
    const supplier = [...suppliers][0]!;
    const country = production[0]!.supplierCountry;
    const foreign = standing(country, bloc) === 'foreign';
    out.push({
      reason: 'sole-supplier',
      supplier,
      supplierCountry: country,
      foreign,
      components: production.map((component) => component.id),
      message: `${supplier} (${country}) supplies all ${production.length} critical production components of the layer`,
    });
  }
  return out;
}

export function analyseLayer(layer: Layer, components: readonly EstateComponent[], bloc: Bloc): LayerResult {
  const { basis, amount } = basisOf(components);
  const key = supplierKey(components);
  const suppliers = sharesBy(components, key, amount);
  const countries = sharesBy(components, (component) => component.supplierCountry, amount);
  const hhiBySupplier = herfindahlHirschmanIndex(suppliers.map((entry) => entry.share));
  const hhiByCountry = herfindahlHirschmanIndex(countries.map((entry) => entry.share));
  const total = components.reduce((sum, component) => sum + amount(component), 0);
  const laws: Record<string, string[]> = {};
  let exposed = 0;
  for (const component of components) {
    if (component.foreignLaws.length === 0) continue;
    exposed += amount(component);
    for (const law of component.foreignLaws) (laws[law] ??= []).push(component.id);
  }
  return {
    layer,
    components: components.length,
    shareBasis: basis,
    hhiBySupplier,
    hhiByCountry,
    level: concentrationLevel(hhiBySupplier),
    suppliers,
    countries,
    singlePointsOfFailure: singlePoints(components, bloc, key),
    foreignLawExposure: { share: total > 0 ? exposed / total : null, laws },
  };
}

export function analyseLayers(components: readonly EstateComponent[], bloc: Bloc): LayerResult[] {
  const byLayer = new Map<Layer, EstateComponent[]>(LAYERS.map((layer) => [layer, []]));
  for (const component of components) byLayer.get(component.layer)!.push(component);
  return LAYERS.map((layer) => analyseLayer(layer, byLayer.get(layer)!, bloc));
}
