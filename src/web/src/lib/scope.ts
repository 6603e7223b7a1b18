import type { ScopeView } from '../api/types.js';
import type { Translate } from '../i18n/i18n.js';

/** A cut scope in the page's language ("provider openai", "국가 US", "배치 유형 해외 클라우드"). */
export function describeScope(t: Translate, scope: ScopeView): string {
  if ('provider' in scope) return t('scope.provider', { value: scope.provider });
  if ('jurisdiction' in scope) return t('scope.jurisdiction', { value: scope.jurisdiction });
  return t('scope.deployment', { value: t(`tier.${scope.deployment}`) });
}
