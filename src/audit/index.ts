export { openLedger } from './ledger.js';
export type { AuditLedger, AuditPage, AuditQuery, Damage, OpenLedgerOptions, ScanOptions, VerifyReport } from './types.js';
export { AuditRecordError, AuditStoreError } from './errors.js';
export { canonicalJson } from './canonical-json.js';
export { GENESIS_HASH } from './record-row.js';
export { recordHash } from './chain-hash.js';
export { maskConnectionUrl } from './mask-url.js';
export { parseSince } from './parse-since.js';
export { csvHeader, csvLine, jsonLine } from './export-format.js';
