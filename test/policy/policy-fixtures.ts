import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/index.js';
import type { App, Deployment, FindingCounts, FindingType, Grade, SovereigntyProfile, Target } from '../../src/domain/index.js';
import { loadPolicyEngine, type LoadedPolicyEngine, type PolicyEngineOptions, type PolicyRequest } from '../../src/policy/index.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A profile inside the home jurisdiction that keeps no data; override what a test is about. */
export function profile(deployment: Deployment, overrides: Partial<SovereigntyProfile> = {}): SovereigntyProfile {
  return {
    operatorCountry: 'KR',
    hostingCountry: 'KR',
    deployment,
    accreditedGrades: [],
    certifications: [],
    weightsOrigin: 'KR',
    openWeights: true,
    retainsData: false,
    trainsOnData: false,
    ...overrides,
  };
}

export function target(provider: string, deployment: Deployment, overrides: Partial<SovereigntyProfile> = {}, order = 0, model = 'model-1'): Target {
  return { provider, model, profile: profile(deployment, overrides), order };
}

export const FOREIGN: Partial<SovereigntyProfile> = { operatorCountry: 'US', hostingCountry: 'US', weightsOrigin: 'US', openWeights: false };

export function app(grade: Grade, overrides: Partial<App> = {}): App {
  return { id: 'test-app', grade, purpose: 'general', highImpact: false, ...overrides };
}

/** What jaju's pseudonymizer replaces in these tests (the engine takes the list from the caller). */
export const PSEUDONYMIZED: readonly FindingType[] = [
  'KR_RRN',
  'KR_FRN',
  'KR_PASSPORT',
  'KR_DRIVER_LICENSE',
  'KR_PHONE',
  'EMAIL',
  'CREDIT_CARD',
  'KR_BANK_ACCOUNT',
];

export function request(grade: Grade, findings: FindingCounts = {}, overrides: Partial<PolicyRequest> = {}): PolicyRequest {
  return { app: app(grade), grade, findings, home: 'KR', crisis: false, pseudonymizedTypes: PSEUDONYMIZED, ...overrides };
}

/** Writes policy files into a fresh folder and returns their paths. */
export function policyFiles(files: Record<string, string>): { dir: string; paths: string[] } {
  const dir = tempDir('jaju-policy-');
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
  return { dir, paths };
}

/** An engine over the built-in packs (all by default) plus optional operator files. */
export function engineWith(
  options: { packs?: ('n2sf' | 'pipa' | 'ai-basic-act')[]; files?: string[] } & PolicyEngineOptions = {},
): Promise<LoadedPolicyEngine> {
  const { packs, files, ...engineOptions } = options;
  const config = parseConfig({ policies: { ...(packs ? { packs } : {}), files: files ?? [] } });
  return loadPolicyEngine(config, engineOptions);
}
