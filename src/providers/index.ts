export * from './create-provider.js';
export * from './provider.js';
export * from './upstream-error.js';
export * from './sse-parser.js';
