import { describeCutScope } from '../domain/index.js';
import type { ConsoleEstate } from './estate.js';
import type { Alarm } from './api-types.js';
import type { TrafficMeter } from './traffic-meter.js';

/** A denial spike: at least this many denials in the last minute… */
export const DENIAL_SPIKE_MIN = 5;
/** …and at least this many times the per-minute rate of the minutes before (floor: 1 per minute). */
export const DENIAL_SPIKE_FACTOR = 3;
const BASELINE_MINUTES = 14;
/** Without this much history there is no "usual" rate to compare with, so no spike is called. */
const MIN_BASELINE_MINUTES = 2;

/**
 * What an operations room must notice at once, worst first: S/C traffic sent out of the country (a
 * breach of the routing rules; must never happen), aliases left with no target, open circuits, a spike
 * of policy denials (a misconfigured app, or someone probing), cuts in force, a declared crisis.
 */
export function computeAlarms(estate: ConsoleEstate, meter: TrafficMeter, extra: readonly Alarm[] = []): Alarm[] {
  const alarms: Alarm[] = [...extra];
  const abroad = meter.sum('sensitiveAbroad', meter.windowSeconds);
  if (abroad > 0) alarms.push({ kind: 'sensitive-abroad', severity: 'critical', subject: 'live', values: { calls: abroad, minutes: meter.windowSeconds / 60 } });

  for (const route of estate.aliases.values()) {
    if (route.targets.length > 0 && route.targets.every((target) => estate.isCut(target))) {
      alarms.push({ kind: 'alias-unserved', severity: 'critical', subject: route.alias });
    }
  }
  for (const id of estate.providers.keys()) {
    const state = estate.circuits.state(id);
    if (state === 'open') alarms.push({ kind: 'circuit-open', severity: 'critical', subject: id });
    else if (state === 'half-open') alarms.push({ kind: 'circuit-half-open', severity: 'warning', subject: id });
  }

  const lastMinute = meter.sum('denials', 60);
  const elapsedMinutes = Math.min(BASELINE_MINUTES, Math.max(0, Math.floor((meter.now() - meter.startedAt) / 60_000) - 1));
  const baselinePerMinute = elapsedMinutes > 0 ? meter.sum('denials', elapsedMinutes * 60, 60) / elapsedMinutes : 0;
  if (elapsedMinutes >= MIN_BASELINE_MINUTES && lastMinute >= DENIAL_SPIKE_MIN && lastMinute >= DENIAL_SPIKE_FACTOR * Math.max(1, baselinePerMinute)) {
    const requests = meter.sum('requests', 60);
    alarms.push({
      kind: 'denial-spike',
      severity: 'warning',
      subject: 'policy',
      values: { denials: lastMinute, baselinePerMinute: Math.round(baselinePerMinute * 10) / 10, requests },
    });
  }

  for (const scope of estate.cuts.list()) alarms.push({ kind: 'cut-in-force', severity: 'warning', subject: describeCutScope(scope), scope: { ...scope } });
  if (estate.crisis) alarms.push({ kind: 'crisis', severity: 'warning', subject: 'crisis' });

  const order = { critical: 0, warning: 1, info: 2 } as const;
  return alarms.sort((a, b) => order[a.severity] - order[b.severity]);
}
