import type { Seal } from '../method/seal.js';
import type { EstateComponent } from '../inventory/components.js';

/** The home jurisdiction and its allies: the framework's "EU", generalised (docs/design.md §5). */
export interface Bloc {
  home: string;
  allies: readonly string[];
}

export type Standing = 'home' | 'ally' | 'foreign';

export function standing(country: string | undefined, bloc: Bloc): Standing {
  if (country === bloc.home) return 'home';
  if (country !== undefined && bloc.allies.includes(country)) return 'ally';
  return 'foreign';
}

/** home 4, ally 3, anything else `foreign` (default 1): the level of a country of origin. */
export function originLevel(country: string | undefined, bloc: Bloc, foreign: Seal = 1): Seal {
  const where = standing(country, bloc);
  return where === 'home' ? 4 : where === 'ally' ? 3 : foreign;
}

/**
 * Where the component sits (the country whose law reaches it physically): hosting for services,
 * storage for datasets, operating country for operations. Hardware and software the customer runs
 * sit wherever they are deployed, the home jurisdiction unless `hostingCountry` says otherwise.
 */
export function locationOf(component: EstateComponent, bloc: Bloc): { country: string | undefined; field: string } {
  switch (component.layer) {
    case 'accelerators':
    case 'servers':
    case 'software':
    case 'energy':
      return { country: component.hostingCountry ?? bloc.home, field: 'hostingCountry' };
    case 'datasets':
      return component.storageJurisdiction !== undefined ? { country: component.storageJurisdiction, field: 'storageJurisdiction' } : { country: component.hostingCountry, field: 'hostingCountry' };
    case 'operations':
      return component.operatedFrom !== undefined ? { country: component.operatedFrom, field: 'operatedFrom' } : { country: component.hostingCountry, field: 'hostingCountry' };
    default:
      return { country: component.hostingCountry, field: 'hostingCountry' };
  }
}

/**
 * Whether the customer holds the component at home (runs it in its own premises, can keep it running
 * without the supplier): customer-run hardware and software, open weights served at home, on-premises
 * or national-network platforms, datasets stored at home, operations staffed at home.
 */
export function heldAtHome(component: EstateComponent, bloc: Bloc): boolean {
  if (locationOf(component, bloc).country !== bloc.home) return false;
  switch (component.layer) {
    case 'models':
      return component.openWeights;
    case 'cloud':
      return component.deployment === 'on-premises' || component.deployment === 'national-network';
    case 'datacentres':
      return false;
    default:
      return true;
  }
}

/**
 * Control level of one component (the SEAL definitions of CSF v1.2.1 §SEAL, home for "EU"):
 * 4 supplier seated at home; 3 seated in an allied jurisdiction; 2 foreign supplier, but the component
 * is held at home under home law (material foreign dependency remains); 1 foreign supplier operating
 * it from inside the home jurisdiction (home law formally applies, limited enforceability); 0 foreign
 * supplier and located abroad or nowhere declared (exclusive foreign control).
 */
export function controlLevel(component: EstateComponent, bloc: Bloc): Seal {
  const seat = standing(component.supplierCountry, bloc);
  if (seat === 'home') return 4;
  if (seat === 'ally') return 3;
  if (heldAtHome(component, bloc)) return 2;
  return locationOf(component, bloc).country === bloc.home ? 1 : 0;
}
