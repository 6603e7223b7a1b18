export * from './config-error.js';
export * from './json-schema.js';
export * from './load-config.js';
export * from './paths.js';
export * from './schema.js';
export * from './data-directory.js';
export * from './read-yaml-file.js';
