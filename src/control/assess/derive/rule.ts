import { answerTo } from '../answer.js';
import { valueOfSeal, type Seal } from '../method/seal.js';
import { fieldPath, type EstateComponent } from '../inventory/components.js';
import type { Layer } from '../inventory/inventory-schema.js';
import type { Answer } from '../model.js';
import type { Bloc } from './jurisdiction-levels.js';

/** One component's reading under a rule. */
export interface RuleItem {
  level: Seal;
  /** 0–100; default 25 × level. */
  value?: number;
  /** The component's fields that decided it (names within the component). */
  fields: string[];
}

/**
 * A derivation rule: the inventory decides a criterion when at least one component in the rule's
 * layers yields an item. The answer's SEAL is the minimum over the critical production components'
 * items (all items when there are none: the weakest link, as the framework's minimum rule), its value
 * the mean of the items' values weighted by `weight` (1 per component unless the rule says otherwise).
 */
export interface DerivationRule {
  criterion: string;
  layers: readonly Layer[];
  /** The rule in one sentence (printed as the answer's basis and in docs/assess.md). */
  basis: string;
  item(component: EstateComponent, bloc: Bloc): RuleItem | null;
  weight?(component: EstateComponent): number;
  /** What would raise the answer, given the limiting components' names. */
  action(limiting: string[]): string;
}

function namesOf(components: readonly EstateComponent[]): string[] {
  return components.map((component) => component.id);
}

export function applyRule(rule: DerivationRule, components: readonly EstateComponent[], bloc: Bloc): Answer | null {
  const items: { component: EstateComponent; item: RuleItem }[] = [];
  for (const component of components) {
    if (!rule.layers.includes(component.layer)) continue;
    const item = rule.item(component, bloc);
    if (item !== null) items.push({ component, item });
  }
  if (items.length === 0) return null;
  const binding = items.filter(({ component }) => component.critical && !component.pilot);
  const deciding = binding.length > 0 ? binding : items;
  const seal = Math.min(...deciding.map(({ item }) => item.level)) as Seal;
  let weighted = 0;
  let total = 0;
  for (const { component, item } of items) {
    const weight = rule.weight?.(component) ?? 1;
    weighted += weight * (item.value ?? valueOfSeal(item.level));
    total += weight;
  }
  const value = total > 0 ? weighted / total : 0;
  const limiting = items
    .filter(({ item }) => item.level < 4)
    .sort((a, b) => a.item.level - b.item.level || Number(b.component.critical) - Number(a.component.critical));
  return answerTo(rule.criterion, {
    value,
    seal,
    source: 'inventory',
    basis: rule.basis,
    evidence: items.flatMap(({ component, item }) => item.fields.map((field) => `${fieldPath(component, field)} (${component.id}: level ${item.level})`)),
    components: namesOf(limiting.map(({ component }) => component)),
    atMinimum: namesOf(deciding.filter(({ item }) => item.level === seal).map(({ component }) => component)),
    action: limiting.length > 0 ? rule.action(namesOf(limiting.map(({ component }) => component))) : 'already at the highest level',
  });
}
