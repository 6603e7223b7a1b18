import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { gradeRank } from '../../../src/domain/grade.js';
import { allocate } from '../../../src/control/compute/engine/allocate.js';
import { siteAcceptsGrade } from '../../../src/control/compute/engine/capacity.js';
import type { Allocation } from '../../../src/control/compute/engine/allocation-types.js';
import { PROPERTY_RUNS, arbitraryInput, build, type RawInput } from './fixtures.js';

const property = (arbitrary: fc.Arbitrary<RawInput>, check: (allocation: Allocation, raw: RawInput) => void) =>
  fc.assert(
    fc.property(arbitrary, (raw) => check(allocate(build(raw)), raw)),
    PROPERTY_RUNS,
  );

function grantsByFlavor(allocation: Allocation): number[] {
  return allocation.flavors.map((flavor) => allocation.tierGrants.reduce((sum, row) => sum + row[flavor.index]!, 0));
}

describe('allocation invariants (property tests)', () => {
  it('never exceeds installed or power-usable capacity, nor any site power budget', () => {
    property(arbitraryInput(), (allocation) => {
      const granted = grantsByFlavor(allocation);
      for (const flavor of allocation.flavors) {
        const held = allocation.hardHeld.reduce((sum, row) => sum + row[flavor.index]!, 0);
        assert.ok(flavor.usable <= flavor.installed);
        assert.ok(granted[flavor.index]! + held <= flavor.usable, `${flavor.name}: ${granted[flavor.index]} granted + ${held} held > ${flavor.usable} usable`);
      }
      for (const site of allocation.input.sites) {
        const draw = allocation.flavors.filter((flavor) => flavor.site === site).reduce((sum, flavor) => sum + flavor.usable * flavor.pool.watts * site.pue, 0);
        assert.ok(draw <= site.powerBudgetW * (1 + 1e-9), `${site.id}: usable accelerators draw ${draw} W > budget ${site.powerBudgetW} W`);
      }
      // Placements and the per-tier ledger agree.
      const fromPlacements = new Map<string, number>();
      for (const grant of allocation.grants) for (const placement of grant.placements) fromPlacements.set(placement.flavor, (fromPlacements.get(placement.flavor) ?? 0) + placement.gpus);
      for (const flavor of allocation.flavors) assert.equal(fromPlacements.get(flavor.name) ?? 0, granted[flavor.index]);
    });
  });

  it('grants 0 or at least the minimum useful share, never more than requested, only where type and grade allow', () => {
    property(arbitraryInput(), (allocation) => {
      const flavorByName = new Map(allocation.flavors.map((flavor) => [flavor.name, flavor]));
      for (const grant of allocation.grants) {
        assert.ok(grant.granted === 0 || grant.granted >= grant.minGpus, `${grant.id}: ${grant.granted} < min ${grant.minGpus}`);
        assert.ok(grant.granted <= grant.requested);
        assert.equal(grant.placements.reduce((sum, placement) => sum + placement.gpus, 0), grant.granted);
        for (const placement of grant.placements) {
          const flavor = flavorByName.get(placement.flavor)!;
          assert.equal(flavor.typeKey, grant.gpuType.toLowerCase());
          assert.ok(siteAcceptsGrade(flavor.site, grant.dataGrade as 'C' | 'S' | 'O'), `${grant.id} (grade ${grant.dataGrade}) placed at ${flavor.site.id}`);
        }
        if (grant.status === 'full') assert.equal(grant.granted, grant.requested);
        if (grant.status === 'below-minimum' || grant.status === 'no-eligible-site') assert.equal(grant.granted, 0);
      }
    });
  });

  it('keeps every organisation outside exempt tiers within its cap', () => {
    property(arbitraryInput(), (allocation) => {
      if (allocation.organisationCap === null) return;
      const exempt = new Set(allocation.input.policy.organisationCap.exemptTiers);
      const totals = new Map<string, number>();
      for (const grant of allocation.grants) if (!exempt.has(grant.tier)) totals.set(grant.organisation, (totals.get(grant.organisation) ?? 0) + grant.granted);
      for (const [organisation, total] of totals) assert.ok(total <= allocation.organisationCap, `${organisation}: ${total} > cap ${allocation.organisationCap}`);
    });
  });

  it('gives the same output for the same input, whatever the order of the applications', () => {
    fc.assert(
      fc.property(arbitraryInput(), fc.integer(), (raw, seed) => {
        const first = allocate(build(raw));
        assert.deepEqual(JSON.stringify(allocate(build(raw)).grants), JSON.stringify(first.grants));
        const shuffled = [...raw.applications];
        let state = seed | 0;
        for (let index = shuffled.length - 1; index > 0; index--) {
          state = (Math.imul(state, 1103515245) + 12345) | 0;
          const other = Math.abs(state) % (index + 1);
          [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
        }
        const second = allocate(build({ ...raw, applications: shuffled }));
        const byId = new Map(second.grants.map((grant) => [grant.id, grant]));
        for (const grant of first.grants) {
          const other = byId.get(grant.id)!;
          assert.equal(other.granted, grant.granted, grant.id);
          assert.deepEqual(other.placements, grant.placements, grant.id);
          assert.equal(other.explanation, grant.explanation, grant.id);
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('serves tiers in strict order: what lower tiers ask for never changes what higher tiers get', () => {
    // With no reserves below tier k and no pool guarantees, removing every lower-tier application
    // must leave the grants of tiers ≤ k exactly as they were.
    fc.assert(
      fc.property(arbitraryInput({ noSplit: true }), fc.nat(), (raw, pick) => {
        const tierIds = (raw.policy['tiers'] as { id: string }[]).map((tier) => tier.id);
        const cut = pick % tierIds.length;
        const policy = {
          ...raw.policy,
          tiers: (raw.policy['tiers'] as Record<string, unknown>[]).map((tier, index) => (index > cut ? { ...tier, reserve: 0, hardReserve: false } : tier)),
        };
        const upper = new Set(tierIds.slice(0, cut + 1));
        const full = allocate(build({ ...raw, policy }));
        const without = allocate(build({ ...raw, policy, applications: raw.applications.filter((entry) => upper.has(entry['tier'] as string)) }));
        const withoutById = new Map(without.grants.map((grant) => [grant.id, grant]));
        for (const grant of full.grants) {
          if (!upper.has(grant.tier)) continue;
          assert.equal(withoutById.get(grant.id)!.granted, grant.granted, `${grant.id} (${grant.tier}) changed when tiers below ${tierIds[cut]} applied`);
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('honours reserves: each tier gets at least min(its reserve, its demand) of every type, where the reserves fit', () => {
    property(arbitraryInput({ unitMinimum: true, noCap: true }), (allocation) => {
      const { policy } = allocation.input;
      allocation.types.forEach((type, typeIndex) => {
        const ofType = (grant: Allocation['grants'][number]) => grant.gpuType.toLowerCase() === type.toLowerCase() && grant.status !== 'no-eligible-site';
        // The guarantee holds when, at every grade level, the tiers' reserves (capped by their demand
        // at that level) fit in the capacity accredited for it; otherwise the earlier tiers win.
        const fits = [0, 1, 2].every((level) => {
          const supply = allocation.flavors.filter((flavor) => flavor.typeIndex === typeIndex && flavor.level >= level).reduce((sum, flavor) => sum + flavor.usable, 0);
          const needs = policy.tiers.reduce((sum, tier, tierIndex) => {
            const demand = allocation.grants.filter((grant) => grant.tierIndex === tierIndex && ofType(grant) && gradeRank(grant.dataGrade as 'C' | 'S' | 'O') >= level).reduce((total, grant) => total + grant.requested, 0);
            const reserve = allocation.reserves[tierIndex]![typeIndex]!;
            return sum + (tier.hardReserve && level === 0 ? reserve : Math.min(reserve, demand));
          }, 0);
          return needs <= supply;
        });
        if (!fits) return;
        policy.tiers.forEach((tier, tierIndex) => {
          const members = allocation.grants.filter((grant) => grant.tierIndex === tierIndex && ofType(grant));
          const demand = members.reduce((sum, grant) => sum + grant.requested, 0);
          const granted = members.reduce((sum, grant) => sum + grant.granted, 0);
          const reserve = allocation.reserves[tierIndex]![typeIndex]!;
          assert.ok(granted >= Math.min(reserve, demand), `${tier.id} ${type}: granted ${granted} < min(reserve ${reserve}, demand ${demand})`);
        });
      });
    });
  });

  it('lends no hard reserve: idle hard-reserve GPUs stay idle and the tier holds its whole reserve', () => {
    property(arbitraryInput(), (allocation) => {
      allocation.input.policy.tiers.forEach((tier, tierIndex) => {
        const heldTotal = allocation.hardHeld[tierIndex]!.reduce((sum, value) => sum + value, 0);
        if (!tier.hardReserve) {
          assert.equal(heldTotal, 0);
          return;
        }
        allocation.types.forEach((_, typeIndex) => {
          const flavors = allocation.flavors.filter((flavor) => flavor.typeIndex === typeIndex);
          const holds = flavors.reduce((sum, flavor) => sum + allocation.tierGrants[tierIndex]![flavor.index]! + allocation.hardHeld[tierIndex]![flavor.index]!, 0);
          assert.ok(holds >= allocation.reserves[tierIndex]![typeIndex]!, `${tier.id}: holds ${holds} < reserve ${allocation.reserves[tierIndex]![typeIndex]}`);
        });
      });
    });
  });

  it('wastes nothing: a partly served application has no idle eligible capacity left, a refused one less than its minimum', () => {
    property(arbitraryInput(), (allocation) => {
      for (const grant of allocation.grants) {
        const idle = grant.flavorUse.reduce((sum, use) => sum + use.free, 0);
        if (grant.status === 'partial') assert.equal(idle, 0, `${grant.id} is partial with ${idle} idle GPUs it could use`);
        if (grant.status === 'below-minimum') assert.ok(idle < grant.minGpus, `${grant.id} refused with ${idle} idle ≥ min ${grant.minGpus}`);
      }
    });
  });

  it('explains every application with the numbers of its grant', () => {
    property(arbitraryInput(), (allocation) => {
      for (const grant of allocation.grants) {
        const head = /^requested ([\d,]+), granted ([\d,]+): /.exec(grant.explanation);
        assert.ok(head, grant.explanation);
        assert.equal(Number(head[1]!.replace(/,/g, '')), grant.requested);
        assert.equal(Number(head[2]!.replace(/,/g, '')), grant.granted);
        // Every "N TYPE at SITE" after "placed" is a placement; together they are the grant.
        const placedAt = grant.explanation.search(/[Pp]laced /);
        const placed = placedAt === -1 ? [] : [...grant.explanation.slice(placedAt).matchAll(/([\d,]+) \S+ at (site-\d+)/g)];
        assert.equal(placed.reduce((total, match) => total + Number(match[1]!.replace(/,/g, '')), 0), grant.granted, grant.explanation);
        assert.equal(placed.length, grant.placements.length, grant.explanation);
        if (grant.status === 'partial') assert.match(grant.explanation, new RegExp(`level reached ${grant.level.toFixed(1)} `));
        if (grant.status === 'below-minimum') assert.match(grant.explanation, new RegExp(`minimum useful share is ${grant.minGpus.toLocaleString('en-US')} `));
        if (grant.status === 'organisation-cap') assert.match(grant.explanation, /per-organisation cap reached/);
      }
    });
  });
});
