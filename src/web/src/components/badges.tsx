import type { Deployment, Grade } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { GRADE_COLORS, TIER_COLORS } from '../lib/colors.js';

export function GradeBadge({ grade }: { grade: Grade | null | undefined }) {
  const { t } = useI18n();
  if (!grade) return <span className="muted">–</span>;
  return (
    <span className="badge grade" style={{ borderColor: GRADE_COLORS[grade], color: GRADE_COLORS[grade] }} title={t(`grade.${grade}.long`)}>
      {grade}
    </span>
  );
}

export function TierBadge({ tier }: { tier: Deployment }) {
  const { t } = useI18n();
  return (
    <span className="badge tier" style={{ background: `${TIER_COLORS[tier]}22`, color: TIER_COLORS[tier], borderColor: `${TIER_COLORS[tier]}66` }}>
      <span className="dot" style={{ background: TIER_COLORS[tier] }} />
      {t(`tier.${tier}`)}
    </span>
  );
}

export function CountryBadge({ country, home }: { country: string | null | undefined; home: string }) {
  if (!country) return <span className="muted">–</span>;
  return <span className={`badge country ${country === home ? 'home' : 'foreign'}`}>{country}</span>;
}

const CIRCUIT_CLASS = { closed: 'ok', 'half-open': 'warn', open: 'bad' } as const;

export function CircuitBadge({ state }: { state: 'closed' | 'open' | 'half-open' }) {
  const { t } = useI18n();
  return <span className={`badge status ${CIRCUIT_CLASS[state]}`}>{t(`circuit.${state}`)}</span>;
}

export function OutcomeBadge({ outcome, kind }: { outcome: string | null; kind: string }) {
  const { t } = useI18n();
  if (kind === 'deny') return <span className="badge status bad">{t('outcome.denied')}</span>;
  if (!outcome) return <span className="muted">–</span>;
  const tone = outcome === 'ok' ? 'ok' : outcome === 'denied' ? 'bad' : 'warn';
  return <span className={`badge status ${tone}`}>{t(`outcome.${outcome}` as 'outcome.ok')}</span>;
}

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useI18n();
  return <span className={`badge kind kind-${kind}`}>{t(`kind.${kind}` as 'kind.dispatch')}</span>;
}

export function YesNo({ value, good }: { value: boolean; good: boolean }) {
  const { t } = useI18n();
  return <span className={value === good ? 'yes-good' : 'yes-bad'}>{value ? t('common.yes') : t('common.no')}</span>;
}
