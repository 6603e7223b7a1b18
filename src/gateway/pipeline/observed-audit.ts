import type { AuditRecordInput } from '../../domain/index.js';
import type { AuditSink } from './ports.js';

export type AuditObserver = (record: AuditRecordInput) => void;

/**
 * Lets in-memory views (Prometheus metrics, the dashboard's live traffic meter) see every record the
 * gateway appends, from the one place where every decision and call outcome already passes. Observers
 * run synchronously and must be cheap; one that throws is ignored, never the request's problem.
 */
export function observeAudit<T extends AuditSink>(sink: T, observers: readonly AuditObserver[]): T {
  const observed = Object.create(sink) as T;
  observed.append = (record: AuditRecordInput) => {
    for (const observer of observers) {
      try {
        observer(record);
      } catch {
        // a broken view must not break the request path
      }
    }
    return sink.append(record);
  };
  return observed;
}
