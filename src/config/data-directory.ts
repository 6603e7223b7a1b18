import { dirname } from 'node:path';
import { resolveConfigPath, type Config } from './load-config.js';

/** Where jaju keeps its files: the SQLite file's folder, or ./data beside the config for PostgreSQL. */
export function dataDirectory(config: Pick<Config, 'store' | 'baseDir'>): string {
  if ('sqlite' in config.store) return dirname(resolveConfigPath(config, config.store.sqlite));
  return resolveConfigPath(config, './data');
}
