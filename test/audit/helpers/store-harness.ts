import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openLedger } from '../../../src/audit/index.js';
import { parseConfig, type Config } from '../../../src/config/index.js';
import { freshSchema } from './postgres-test.js';
import { pairs } from './records.js';
import { postgresTamper, sqliteTamper, type Tamper } from './tamper.js';

/** A ledger database for one test: its config, direct SQL on it, and its removal. */
export interface TestStore {
  config: Config;
  tamper(): Tamper;
  cleanup(): Promise<void>;
}

export interface StoreHarness {
  name: 'sqlite' | 'postgres';
  /** An empty store (the ledger creates it on open). */
  fresh(audit?: Partial<Config['audit']>): Promise<TestStore>;
  /** A store holding POPULATED_RECORDS records (requests r0…r9, dispatch then complete), anchored at its head. */
  populated(): Promise<TestStore>;
  /** Releases what the harness keeps between tests. */
  dispose(): Promise<void>;
}

export const POPULATED_RECORDS = 20;

const QUIET = { anchorTimer: false, pruneIntervalMs: null } as const;

async function populate(config: Config): Promise<void> {
  const ledger = await openLedger(config, QUIET);
  for (const input of pairs(POPULATED_RECORDS)) await ledger.append(input);
  await ledger.close(); // close() anchors the head
}

function configFor(store: Config['store'], audit: Partial<Config['audit']> = {}, baseDir = tmpdir()): Config {
  return parseConfig({ store, audit }, null, baseDir);
}

export function sqliteHarness(): StoreHarness {
  const root = mkdtempSync(join(tmpdir(), 'jaju-audit-'));
  let template: string | null = null;
  let count = 0;
  const newPath = () => join(root, `ledger-${++count}`, 'audit.db');
  const store = (path: string, audit?: Partial<Config['audit']>): TestStore => ({
    config: configFor({ sqlite: path }, audit),
    tamper: () => sqliteTamper(path),
    cleanup: async () => undefined,
  });
  return {
    name: 'sqlite',
    async fresh(audit) {
      return store(newPath(), audit);
    },
    async populated() {
      if (template === null) {
        template = newPath();
        await populate(configFor({ sqlite: template }));
      }
      // A copy of one populated file (and its anchor side file) per test: no writer start-up each time.
      const path = newPath();
      mkdirSync(dirname(path), { recursive: true });
      for (const suffix of ['', '-wal', '.anchor.json']) {
        if (existsSync(`${template}${suffix}`)) copyFileSync(`${template}${suffix}`, `${path}${suffix}`);
      }
      return store(path);
    },
    async dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function postgresHarness(): StoreHarness {
  const schemas: { drop(): Promise<void> }[] = [];
  const fresh = async (audit?: Partial<Config['audit']>): Promise<TestStore> => {
    const schema = freshSchema();
    schemas.push(schema);
    return { config: configFor({ postgres: schema.url }, audit), tamper: () => postgresTamper(schema.url), cleanup: () => schema.drop() };
  };
  return {
    name: 'postgres',
    fresh,
    async populated() {
      const made = await fresh();
      await populate(made.config);
      return made;
    },
    async dispose() {
      await Promise.all(schemas.map((schema) => schema.drop()));
    },
  };
}
