import type { Policy, Site } from '../model.js';
import type { ApplicationGrant, FlavorUse } from './allocation-types.js';
import type { Flavor } from './capacity.js';

export interface ExplainContext {
  policy: Policy;
  sites: readonly Site[];
  flavorsByType: ReadonlyMap<string, Flavor[]>;
}

const MAX_SITES_NAMED = 4;

/**
 * One paragraph per application, built only from the final numbers of the allocation, so that every
 * figure in it can be checked against the grant: "requested 512, granted 256: …".
 */
export function explainGrant(grant: ApplicationGrant, context: ExplainContext): string {
  const tier = context.policy.tiers[grant.tierIndex]!;
  const tierLabel = `tier ${grant.tierIndex + 1} "${tier.name}"`;
  const head = `requested ${count(grant.requested)}, granted ${count(grant.granted)}`;
  const placed = placementsText(grant);
  const redistributed = grant.fromRedistribution > 0 ? ` ${count(grant.fromRedistribution)} of them came from later tiers' reserves and pool guarantees that went unused.` : '';
  switch (grant.status) {
    case 'full':
      return `${head}: full request met in ${tierLabel} (weight ${weight(grant.weight)}); ${placed}.${redistributed}`;
    case 'partial':
      return (
        `${head}: ${tierLabel} had no more ${grant.gpuType} that grade-${grant.dataGrade} work may use when this application's ` +
        `fair-share level reached ${grant.level.toFixed(1)} GPUs per unit weight (weight ${weight(grant.weight)}); ` +
        `${reserveText(grant)}${protectedText(grant)}; ${usesText(grant.flavorUse)}. ${capitalise(placed)}.${redistributed}`
      );
    case 'below-minimum':
      return (
        `${head}: ${shortfallText(grant)}its minimum useful share is ${count(grant.minGpus)} ${grant.gpuType}, but only ${count(grant.availableAtEntry ?? 0)} ` +
        `were available to ${tierLabel} when its turn came at fair-share level ${(grant.minGpus / grant.weight).toFixed(1)} ` +
        `(weight ${weight(grant.weight)}); a share too small to use is not granted, and those GPUs stayed with other applications. ` +
        `${capitalise(reserveText(grant))}${protectedText(grant)}; ${usesText(grant.flavorUse)}.`
      );
    case 'organisation-cap': {
      const cap = grant.organisationCap ?? 0;
      const capSource = capDescription(context.policy, cap);
      const entry =
        grant.granted === 0
          ? ` Its minimum useful share of ${count(grant.minGpus)} did not fit under the cap.`
          : '';
      return (
        `${head}: per-organisation cap reached — ${grant.organisation} holds ${count(grant.organisationGranted)} GPUs ` +
        `against a cap of ${count(cap)}${capSource}.${entry}` +
        (grant.granted > 0 ? ` ${capitalise(placed)}.` : '') +
        redistributed
      );
    }
    case 'no-eligible-site':
      return `${head}: ${noSiteReason(grant, context)}.`;
  }
}

/** A minimum larger than all the usable capacity it could ever get: a supply shortfall, whatever the other applicants do. */
function shortfallText(grant: ApplicationGrant): string {
  const usable = grant.flavorUse.reduce((sum, use) => sum + use.usable, 0);
  if (grant.flavorUse.length === 0 || grant.minGpus <= usable) return '';
  return `supply shortfall — its minimum useful share of ${count(grant.minGpus)} ${grant.gpuType} is more than the ${count(usable)} usable at every site it may use; `;
}

function placementsText(grant: ApplicationGrant): string {
  if (grant.placements.length === 0) return 'nothing placed';
  return `placed ${grant.placements.map((placement) => `${count(placement.gpus)} ${placement.gpuType} at ${placement.site}`).join(', ')}`;
}

function reserveText(grant: ApplicationGrant): string {
  if (grant.tierReserveOfType === 0) return `the tier has no ${grant.gpuType} reserve and holds ${count(grant.tierGrantedOfType)} ${grant.gpuType}`;
  const state = grant.tierGrantedOfType >= grant.tierReserveOfType ? 'used in full' : 'not used in full';
  return `the tier's ${grant.gpuType} reserve of ${count(grant.tierReserveOfType)} is ${state} (the tier holds ${count(grant.tierGrantedOfType)} ${grant.gpuType})`;
}

function protectedText(grant: ApplicationGrant): string {
  if (grant.protectedForLaterTiers === 0) return '';
  return `; when its tier was served, ${count(grant.protectedForLaterTiers)} ${grant.gpuType} were protected for later tiers' reserves and pool guarantees`;
}

const usesTextCache = new WeakMap<readonly FlavorUse[], string>();

/** How each eligible flavor was used, the largest first; power-capped sites say so. */
function usesText(uses: readonly FlavorUse[]): string {
  const cached = usesTextCache.get(uses);
  if (cached !== undefined) return cached;
  const text = describeUses(uses);
  usesTextCache.set(uses, text);
  return text;
}

function describeUses(uses: readonly FlavorUse[]): string {
  const sorted = [...uses].sort((a, b) => b.usable - a.usable || (a.site < b.site ? -1 : 1));
  const named = sorted.slice(0, MAX_SITES_NAMED).map((use) => {
    const parts = [
      use.toEarlierTiers > 0 ? `${count(use.toEarlierTiers)} to earlier tiers` : '',
      use.toOwnTier > 0 ? `${count(use.toOwnTier)} to this tier` : '',
      use.toLaterTiers > 0 ? `${count(use.toLaterTiers)} to later tiers` : '',
      use.heldAsHardReserve > 0 ? `${count(use.heldAsHardReserve)} held idle as a hard reserve` : '',
      use.free > 0 ? `${count(use.free)} free` : '',
    ].filter((part) => part !== '');
    const power = use.powerLimited
      ? `power cap at site ${use.site}: ${count(use.usable)} of ${count(use.installed)} ${use.gpuType} can run within ${mw(use.powerBudgetMW)} MW at PUE ${use.pue}`
      : `${use.site}: ${count(use.usable)} ${use.gpuType} usable`;
    return `${power} (${parts.length > 0 ? parts.join(', ') : 'none allocated'})`;
  });
  const rest = sorted.length - named.length;
  return named.join('; ') + (rest > 0 ? `; and ${rest} more site${rest === 1 ? '' : 's'} fully used` : '');
}

function noSiteReason(grant: ApplicationGrant, context: ExplainContext): string {
  const withType = context.flavorsByType.get(grant.gpuType.toLowerCase()) ?? [];
  if (withType.length === 0) return `no site has ${grant.gpuType} accelerators`;
  const sites = [...new Set(withType.map((flavor) => flavor.site.id))];
  const powered = withType.filter((flavor) => flavor.usable > 0);
  if (powered.length === 0) return `no ${grant.gpuType} can run within its site's power budget (${sites.join(', ')})`;
  return `no site with ${grant.gpuType} is accredited for grade-${grant.dataGrade} data (${grant.gpuType} sites: ${sites.join(', ')})`;
}

function capDescription(policy: Policy, cap: number): string {
  const parts: string[] = [];
  if (policy.organisationCap.maxShare !== null) parts.push(`${round(policy.organisationCap.maxShare * 100)}% of usable capacity`);
  if (policy.organisationCap.maxGpus !== null && policy.organisationCap.maxGpus === cap) parts.push(`maxGpus ${count(cap)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** 12345 → "12,345" (what toLocaleString('en-US') gives for integers, without its cost on 10,000 explanations). */
function count(value: number): string {
  if (!Number.isInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let out = '';
  for (let index = 0; index < digits.length; index++) {
    if (index > 0 && (digits.length - index) % 3 === 0) out += ',';
    out += digits[index];
  }
  return value < 0 ? `-${out}` : out;
}

function weight(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function mw(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
