import { JajuError, controlRecordInput, parseCutScope, type AuditRecordInput, type CutScope } from '../domain/index.js';
import type { CutRegistry } from './cut-registry.js';

export interface CutChange {
  scope: CutScope;
  /** Why, in the operator's words (kept in the ledger; at most 500 characters). */
  reason?: string;
}

/** A cut or restore request body: exactly one scope, a provider the config has; 400 naming the problem. */
export function parseCutChange(body: unknown, knownProvider: (id: string) => boolean): CutChange {
  const scope = parseCutScope(body);
  if (typeof scope === 'string') throw new JajuError('invalid_request', scope);
  if ('provider' in scope && !knownProvider(scope.provider)) {
    throw new JajuError('invalid_request', `provider: unknown provider "${scope.provider}"`, { details: { param: 'provider' } });
  }
  const reason = (body as { reason?: unknown }).reason;
  return { scope, ...(typeof reason === 'string' && reason !== '' ? { reason: reason.slice(0, 500) } : {}) };
}

/**
 * Makes a cut or a restore, the same way from the admin API and from the console: the control record
 * goes to the ledger first (a cut that the ledger cannot hold is not made), then the registry changes
 * (shared through Redis when configured). Resolves false when nothing changed.
 */
export async function applyCutChange(
  action: 'cut' | 'restore',
  change: CutChange,
  ports: { audit: { append(record: AuditRecordInput): Promise<unknown> }; cuts: CutRegistry; requestId: string },
): Promise<boolean> {
  await ports.audit.append(controlRecordInput(action, { scope: change.scope, ...(change.reason ? { reason: change.reason } : {}) }, ports.requestId));
  try {
    return action === 'cut' ? await ports.cuts.cut(change.scope) : await ports.cuts.restore(change.scope);
  } catch (error) {
    throw new JajuError('no_provider_available', `the ${action} could not be shared with the other instances (cut registry unavailable): ${(error as Error).message}`);
  }
}
