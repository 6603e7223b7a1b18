import { controlRecordInput, type AuditKind, type AuditRecordInput } from '../../domain/index.js';

/** A ledger record for a control event (cut, restore, crisis): no app, no call, the event in `detail`. */
export function controlRecord(kind: AuditKind, requestId: string, detail: Record<string, unknown>): AuditRecordInput {
  return controlRecordInput(kind, detail, requestId);
}
