import type { Deployment } from './deployment.js';
import { DEPLOYMENTS } from './deployment.js';
import type { SovereigntyProfile } from './sovereignty-profile.js';

/**
 * What a drill or a crisis operator cuts: one provider, every provider operated from or hosted in a
 * jurisdiction, or a whole deployment tier.
 */
export type CutScope =
  | { provider: string }
  | { jurisdiction: string }
  | { deployment: Deployment };

export function cutScopeMatches(scope: CutScope, provider: string, profile: SovereigntyProfile): boolean {
  if ('provider' in scope) return scope.provider === provider;
  if ('jurisdiction' in scope) return profile.operatorCountry === scope.jurisdiction || profile.hostingCountry === scope.jurisdiction;
  return profile.deployment === scope.deployment;
}

export function describeCutScope(scope: CutScope): string {
  if ('provider' in scope) return `provider ${scope.provider}`;
  if ('jurisdiction' in scope) return `jurisdiction ${scope.jurisdiction}`;
  return `deployment ${scope.deployment}`;
}

export function cutScopeKey(scope: CutScope): string {
  if ('provider' in scope) return `provider:${scope.provider}`;
  if ('jurisdiction' in scope) return `jurisdiction:${scope.jurisdiction}`;
  return `deployment:${scope.deployment}`;
}

/** Parses `{provider}|{jurisdiction}|{deployment}` from untrusted JSON; returns an error message on bad input. */
export function parseCutScope(value: unknown): CutScope | string {
  if (typeof value !== 'object' || value === null) return 'expected an object with one of provider, jurisdiction, deployment';
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => key === 'provider' || key === 'jurisdiction' || key === 'deployment');
  if (keys.length !== 1) return 'expected exactly one of provider, jurisdiction, deployment';
  const key = keys[0]!;
  const v = record[key];
  if (typeof v !== 'string' || v === '') return `${key}: expected a non-empty string`;
  if (key === 'provider') return { provider: v };
  if (key === 'jurisdiction') return /^[A-Z]{2}$/.test(v) ? { jurisdiction: v } : 'jurisdiction: expected an ISO 3166-1 alpha-2 code';
  return (DEPLOYMENTS as readonly string[]).includes(v)
    ? { deployment: v as Deployment }
    : `deployment: expected one of ${DEPLOYMENTS.join(', ')}`;
}
