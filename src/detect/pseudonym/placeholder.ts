import { createHmac } from 'node:crypto';
import type { FindingType } from '../../domain/index.js';
import { normalizeForDetection } from '../normalize.js';

/**
 * Placeholders look like `[KR_RRN_3f9a2c]`: the finding type (so the model knows what it stands
 * for and keeps grammar around it), then 6 hex digits of HMAC-SHA256(key, type, canonical value).
 *
 * - Same value, same placeholder, in every request of a conversation (clients re-send the history),
 *   without any server-side state.
 * - A different key (deployment secret, optionally scoped per tenant) gives unrelated placeholders,
 *   so they cannot be joined across deployments or tenants.
 * - Canonical values ignore formatting: `010-1234-5678`, `01012345678` and `+82 10 1234 5678` are
 *   the same person and get the same placeholder.
 */
export const ID_LENGTH = 6;

export function placeholderText(type: FindingType, id: string): string {
  return `[${type}_${id}]`;
}

/** The form used where brackets are not allowed (a message's `name` must match ^[A-Za-z0-9_-]+$). */
export function barePlaceholderText(type: FindingType, id: string): string {
  return `${type}_${id}`;
}

const NUMERIC_TYPES: ReadonlySet<FindingType> = new Set(['KR_RRN', 'KR_FRN', 'KR_CRN', 'KR_BRN', 'KR_BANK_ACCOUNT', 'CREDIT_CARD']);

export function canonicalValue(type: FindingType, value: string): string {
  const normalized = normalizeForDetection(value);
  if (NUMERIC_TYPES.has(type)) return normalized.replace(/[^0-9*]/g, '');
  switch (type) {
    case 'KR_PHONE': {
      const digits = normalized.replace(/\D/g, '');
      if (!normalized.trimStart().startsWith('+82')) return digits;
      // +82 (0)10… / +82 10… → 010…
      const national = digits.slice(2);
      return national.startsWith('0') ? national : `0${national}`;
    }
    case 'KR_DRIVER_LICENSE':
      return normalized.replace(/[^0-9가-힣]/g, '');
    case 'KR_PASSPORT':
      return normalized.toUpperCase().replace(/[^0-9A-Z]/g, '');
    case 'EMAIL':
    case 'IP_ADDRESS':
      return normalized.toLowerCase();
    default:
      return normalized.replace(/\s+/g, ' ').trim();
  }
}

/** 6 hex digits; `attempt` > 0 only when two values of one session collide. */
export function placeholderId(key: Uint8Array, type: FindingType, canonical: string, attempt: number): string {
  const hmac = createHmac('sha256', key).update(type).update('\u0000').update(canonical);
  if (attempt > 0) hmac.update(`\u0000${attempt}`);
  return hmac.digest('hex').slice(0, ID_LENGTH);
}

/** Per-tenant key: HMAC(secret, scope), so tenants of one deployment get unrelated placeholders. */
export function scopedKey(secret: Uint8Array, scope: string | undefined): Uint8Array {
  if (scope === undefined || scope === '') return secret;
  return createHmac('sha256', secret).update('jaju-pseudonym-scope\u0000').update(scope).digest();
}
