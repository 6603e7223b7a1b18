import { LAYERS, type Inventory, type Layer } from './inventory-schema.js';

/** Where a component's entry came from. */
export type ComponentSource = 'inventory' | 'config' | 'gaia-x';

interface Located<L extends Layer> {
  layer: L;
  /** Path of the entry, e.g. `accelerators[0]`, `config:providers[2]`, `gaia-x:creds.json#0`. */
  path: string;
  source: ComponentSource;
  /**
   * For imported components: the original location of a field (e.g. supplierCountry →
   * `config:providers[2].sovereignty.operatorCountry`), so evidence names the field that really decided.
   */
  fieldPaths?: Partial<Record<string, string>>;
}

/** One component of the estate, flattened: its section's fields plus where it is. */
export type EstateComponent = { [L in Layer]: Inventory[L][number] & Located<L> }[Layer];
export type ComponentOf<L extends Layer> = Extract<EstateComponent, { layer: L }>;

/** The inventory's components in stack order (accelerators first), each with its path. */
export function inventoryComponents(inventory: Inventory): EstateComponent[] {
  const out: EstateComponent[] = [];
  for (const layer of LAYERS) {
    inventory[layer].forEach((entry, index) => out.push({ ...entry, layer, path: `${layer}[${index}]`, source: 'inventory' } as EstateComponent));
  }
  return out;
}

/** The evidence path of one field of a component. */
export function fieldPath(component: EstateComponent, field: string): string {
  return component.fieldPaths?.[field] ?? `${component.path}.${field}`;
}

export function ofLayer<L extends Layer>(components: readonly EstateComponent[], ...layers: L[]): ComponentOf<L>[] {
  return components.filter((component): component is ComponentOf<L> => (layers as Layer[]).includes(component.layer));
}
