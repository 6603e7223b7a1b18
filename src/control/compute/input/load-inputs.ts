import { extname, resolve } from 'node:path';
import type { AllocationInput, Application, Policy, Site } from '../model.js';
import { applicationsFromCsv } from './applications-csv.js';
import { parseApplications, parsePolicy, parseSites } from './parse-inputs.js';
import { parseYamlInput, readInputText } from './read-input-file.js';

export function loadSitesFile(file: string): Site[] {
  const path = resolve(file);
  return parseSites(parseYamlInput(readInputText(path, 'sites'), path), path);
}

export function loadPolicyFile(file: string): Policy {
  const path = resolve(file);
  return parsePolicy(parseYamlInput(readInputText(path, 'policy'), path), path);
}

/** Reads applications from YAML/JSON (`{ applications: [...] }`) or, for a `.csv` file, from CSV rows. */
export function loadApplicationsFile(file: string, policy: Policy): Application[] {
  const path = resolve(file);
  const text = readInputText(path, 'applications');
  if (extname(path).toLowerCase() === '.csv') {
    const { raw, lines } = applicationsFromCsv(text, path);
    return parseApplications(raw, policy, path, lines);
  }
  return parseApplications(parseYamlInput(text, path), policy, path);
}

export interface InputFiles {
  sites: string;
  applications: string;
  policy: string;
}

/** Loads and validates the three input files of `jaju allocate`. */
export function loadAllocationInput(files: InputFiles): AllocationInput {
  const sites = loadSitesFile(files.sites);
  const policy = loadPolicyFile(files.policy);
  const applications = loadApplicationsFile(files.applications, policy);
  return { sites, applications, policy };
}

/** Validates already-parsed inputs (e.g. JSON posted to the dashboard API). Throws ConfigError. */
export function parseAllocationInput(raw: { sites: unknown; applications: unknown; policy: unknown }): AllocationInput {
  const sites = parseSites(raw.sites, 'sites');
  const policy = parsePolicy(raw.policy, 'policy');
  const applications = parseApplications(raw.applications, policy, 'applications');
  return { sites, applications, policy };
}
