import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { parseSync } from 'oxc-parser';

/**
 * The dependency direction of docs/architecture.md, enforced: every import specifier of every file
 * under src/ (static, `export … from`, dynamic `import()`, type-only included) is resolved to the
 * module it lands in, and must be allowed by this table. The same table is printed in
 * docs/architecture.md; a test below keeps the two equal, so changing a boundary is a deliberate edit
 * of both.
 */
const ALLOWED: Record<string, readonly string[]> = {
  domain: [],
  config: ['domain'],
  detect: ['domain', 'config'],
  providers: ['domain', 'config'],
  audit: ['domain', 'config'],
  route: ['domain', 'config', 'providers'],
  policy: ['domain', 'config', 'route'],
  http: ['domain'],
  control: ['domain', 'config', 'detect', 'policy', 'route', 'audit'],
  gateway: ['domain', 'config', 'detect', 'policy', 'providers', 'route', 'audit', 'http'],
  console: ['domain', 'config', 'detect', 'policy', 'route', 'audit', 'http', 'control'],
  serve: ['domain', 'config', 'detect', 'policy', 'providers', 'route', 'audit', 'http', 'control', 'gateway', 'console'],
  cli: ['domain', 'config', 'detect', 'policy', 'providers', 'route', 'audit', 'http', 'control', 'gateway', 'console', 'serve'],
  web: ['domain', 'console'],
};

/** Imports that may only bring types (nothing of the server is bundled into the page). */
const TYPE_ONLY: Record<string, readonly string[]> = { web: ['domain', 'console'] };

const root = resolve(import.meta.dirname, '..');
const srcRoot = join(root, 'src');

interface ImportSite {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

interface Violation {
  file: string;
  specifier: string;
  from: string;
  to: string;
  reason: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier of a file, from a real TypeScript parse (comments and strings cannot fool it). */
export function importSites(file: string, text: string): ImportSite[] {
  const parsed = parseSync(file, text, { sourceType: 'module' });
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0]!.message}`);
  const sites: ImportSite[] = [];
  const add = (specifier: unknown, typeOnly: boolean) => {
    if (typeof specifier === 'string') sites.push({ file, specifier, typeOnly });
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown> & { type?: string; source?: { value?: unknown }; specifiers?: { importKind?: string }[] };
    switch (record.type) {
      case 'ImportDeclaration': {
        const specifiers = record.specifiers ?? [];
        add(record.source?.value, record['importKind'] === 'type' || (specifiers.length > 0 && specifiers.every((specifier) => specifier.importKind === 'type')));
        return;
      }
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (record.source) add(record.source.value, record['exportKind'] === 'type');
        break;
      case 'ImportExpression':
        add(record.source?.value, false);
        break;
      case 'TSImportType': {
        const argument = record['argument'] as { literal?: { value?: unknown }; value?: unknown } | undefined;
        add(argument?.literal?.value ?? argument?.value ?? (record['source'] as { value?: unknown } | undefined)?.value, true);
        break;
      }
    }
    for (const value of Object.values(record)) if (typeof value === 'object') visit(value);
  };
  visit(parsed.program);
  return sites;
}

/** The module (first folder under src/) a path belongs to; undefined outside src/. */
function moduleOf(path: string): string | undefined {
  const inside = relative(srcRoot, path);
  if (inside.startsWith('..') || inside === '') return undefined;
  const first = inside.split(sep)[0]!;
  return first.includes('.') ? '(root)' : first;
}

export function checkImports(sites: readonly ImportSite[]): Violation[] {
  const violations: Violation[] = [];
  for (const site of sites) {
    if (!site.specifier.startsWith('.')) continue; // packages and node: built-ins
    const from = moduleOf(site.file);
    const to = moduleOf(resolve(dirname(site.file), site.specifier));
    if (from === undefined || from === to) continue;
    const where = { file: relative(root, site.file), specifier: site.specifier, from, to: to ?? 'outside src' };
    const allowed = ALLOWED[from];
    if (allowed === undefined) violations.push({ ...where, reason: `module ${from} is not in the table` });
    else if (to === undefined || !allowed.includes(to)) violations.push({ ...where, reason: `${from} may import only ${allowed.join(', ') || 'nothing'}` });
    else if (TYPE_ONLY[from]?.includes(to) && !site.typeOnly) violations.push({ ...where, reason: `${from} may import only types from ${to}` });
  }
  return violations;
}

function format(violations: readonly Violation[]): string {
  return violations.map((violation) => `${violation.file}: "${violation.specifier}" (${violation.from} → ${violation.to}): ${violation.reason}`).join('\n');
}

describe('import boundaries (docs/architecture.md)', () => {
  const files = sourceFiles(srcRoot);

  it('every module under src/ is in the table', () => {
    const modules = new Set(files.map((file) => moduleOf(file)!));
    assert.deepEqual([...modules].filter((module) => !(module in ALLOWED)).sort(), []);
  });

  it('every import of every src file follows the allowed direction', () => {
    const sites = files.flatMap((file) => importSites(file, readFileSync(file, 'utf8')));
    assert.ok(sites.length > 500, `parsed ${sites.length} import specifiers`);
    const violations = checkImports(sites);
    assert.equal(violations.length, 0, `forbidden imports:\n${format(violations)}`);
  });

  it('catches forbidden imports of every form, and lets allowed ones through', () => {
    const at = (path: string) => join(srcRoot, path);
    const violations = checkImports([
      ...importSites(at('gateway/handlers/x.ts'), "import { registerConsole } from '../../console/index.js';"),
      ...importSites(at('gateway/x.ts'), "export { indicatorGauges } from '../control/indicators/index.js';"),
      ...importSites(at('gateway/y.ts'), "const lazy = await import('../control/drill/index.js');"),
      ...importSites(at('gateway/z.ts'), "import type { ConsoleEstate } from '../console/estate.js';"),
      ...importSites(at('gateway/w.ts'), "type Estate = import('../console/estate.js').ConsoleEstate;"),
      ...importSites(at('console/x.ts'), "import type { GatewayRuntime } from '../gateway/runtime.js';"),
      ...importSites(at('route/x.ts'), "import { runCli } from '../cli/run-cli.js';"),
      ...importSites(at('web/src/x.tsx'), "import { registerConsole } from '../../console/index.js';"),
      ...importSites(at('domain/x.ts'), "import { z } from 'zod'; import { Config } from '../config/index.js';"),
    ]);
    assert.deepEqual(
      violations.map((violation) => `${violation.from}→${violation.to}`),
      ['gateway→console', 'gateway→control', 'gateway→control', 'gateway→console', 'gateway→console', 'console→gateway', 'route→cli', 'web→console', 'domain→config'],
    );
    const allowed = checkImports([
      ...importSites(at('serve/x.ts'), "import { createGateway } from '../gateway/create-gateway.js'; import { registerConsole } from '../console/index.js';"),
      ...importSites(at('web/src/api/types.ts'), "export type * from '../../../console/api-types.js'; import { type Grade } from '../../../domain/index.js';"),
      ...importSites(at('gateway/x.ts'), "// import '../console/index.js'\nconst text = \"import '../console/index.js'\";"),
    ]);
    assert.deepEqual(allowed, []);
  });

  it('docs/architecture.md prints the same table', () => {
    const text = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
    const documented: Record<string, string[]> = {};
    for (const match of text.matchAll(/^\| `([a-z]+)` \| ([^|]*) \|/gm)) {
      documented[match[1]!] = [...match[2]!.matchAll(/`([a-z]+)`/g)].map((name) => name[1]!);
    }
    assert.deepEqual(documented, Object.fromEntries(Object.entries(ALLOWED).map(([module, allowed]) => [module, [...allowed]])));
  });
});
