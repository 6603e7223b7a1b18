import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { vendoredCrdFolder } from './kueue-version.js';

/** One served version of a vendored CustomResourceDefinition. */
export interface CrdVersion {
  group: string;
  kind: string;
  version: string;
  namespaced: boolean;
  deprecated: boolean;
  /** The version's `openAPIV3Schema`, exactly as vendored. */
  schema: Record<string, unknown>;
}

interface CrdFile {
  path: string;
  group: string;
  kind: string;
  /** Parsed on first use: the workloads CRD alone is 1.4 MB of YAML. */
  versions?: Map<string, CrdVersion>;
}

let catalog: Map<string, CrdFile> | undefined;

/** Kind → its CRD file, read from the vendored folder without parsing the schemas. */
function files(): Map<string, CrdFile> {
  if (catalog !== undefined) return catalog;
  catalog = new Map();
  const folder = vendoredCrdFolder();
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.yaml')).sort()) {
    const path = join(folder, name);
    const head = readFileSync(path, 'utf8').slice(0, 4096);
    const group = /^ {2}group: (\S+)$/m.exec(head)?.[1];
    const kind = /^ {4}kind: (\S+)$/m.exec(head)?.[1];
    if (group === undefined || kind === undefined) throw new Error(`vendored CRD ${path}: cannot read spec.group and spec.names.kind`);
    catalog.set(kind, { path, group, kind });
  }
  return catalog;
}

/** Every kind the vendored CRDs define, sorted. */
export function vendoredKinds(): string[] {
  return [...files().keys()].sort();
}

/** The served version of a kind, or undefined (unknown kind or version). */
export function crdVersion(kind: string, group: string, version: string): CrdVersion | undefined {
  const file = files().get(kind);
  if (file === undefined || file.group !== group) return undefined;
  return versionsOf(file).get(version);
}

/** The versions a kind is served in (for error messages). */
export function servedVersions(kind: string): string[] {
  const file = files().get(kind);
  return file === undefined ? [] : [...versionsOf(file).keys()];
}

function versionsOf(file: CrdFile): Map<string, CrdVersion> {
  if (file.versions !== undefined) return file.versions;
  const crd = parse(readFileSync(file.path, 'utf8')) as {
    spec: { group: string; scope: string; names: { kind: string }; versions: { name: string; served: boolean; deprecated?: boolean; schema: { openAPIV3Schema: Record<string, unknown> } }[] };
  };
  file.versions = new Map(
    crd.spec.versions
      .filter((entry) => entry.served)
      .map((entry) => [
        entry.name,
        {
          group: crd.spec.group,
          kind: crd.spec.names.kind,
          version: entry.name,
          namespaced: crd.spec.scope === 'Namespaced',
          deprecated: entry.deprecated === true,
          schema: entry.schema.openAPIV3Schema,
        },
      ]),
  );
  return file.versions;
}
