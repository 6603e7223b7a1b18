import { request } from '../api/client.js';
import type { AboutResponse } from '../api/types.js';
import { Card, PageHeader } from '../components/card.js';
import { useI18n } from '../i18n/i18n.js';
import { TIER_COLORS, GRADE_COLORS } from '../lib/colors.js';
import { usePoll } from '../lib/use-poll.js';

const PAGES = ['overview', 'audit', 'policy', 'providers', 'drills', 'compute', 'assess'] as const;

/** About and help: what each page shows, the colour code, the keys, and which modules this build has. */
export function AboutPage() {
  const { t } = useI18n();
  const about = usePoll((signal) => request<AboutResponse>('/api/about', { signal }), 0);
  return (
    <>
      <PageHeader title={t('about.title')} subtitle={t('about.subtitle')} />
      <div className="two-columns">
        <Card title={t('about.pages')}>
          <dl className="help-list">
            {PAGES.map((page) => (
              <div key={page}>
                <dt>{t(`nav.${page}`)}</dt>
                <dd>{t(`help.${page}`)}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <div className="stack">
          <Card title={t('about.colours')}>
            <ul className="legend vertical">
              {(Object.keys(TIER_COLORS) as (keyof typeof TIER_COLORS)[]).map((tier) => (
                <li key={tier}>
                  <span className="swatch" style={{ background: TIER_COLORS[tier] }} />
                  {t(`tier.${tier}`)} — {t(`tierHelp.${tier}`)}
                </li>
              ))}
              {(Object.keys(GRADE_COLORS) as (keyof typeof GRADE_COLORS)[]).map((grade) => (
                <li key={grade}>
                  <span className="swatch" style={{ background: GRADE_COLORS[grade] }} />
                  {t(`grade.${grade}.long`)}
                </li>
              ))}
            </ul>
          </Card>
          <Card title={t('about.keys')}>
            <p>{t('about.operatorKey')}</p>
            <p>{t('about.adminKey')}</p>
            <p>{t('about.offline')}</p>
          </Card>
          {about.data && (
            <Card title={t('about.build')}>
              <dl className="fields">
                <dt>{t('about.version')}</dt>
                <dd className="mono">jaju {about.data.version}</dd>
                <dt>{t('common.home')}</dt>
                <dd>{about.data.home}</dd>
                <dt>{t('about.config')}</dt>
                <dd className="mono small">{about.data.configSource ?? t('about.defaults')}</dd>
                <dt>Node.js</dt>
                <dd className="mono">{about.data.node}</dd>
                <dt>{t('about.modules')}</dt>
                <dd>
                  {Object.entries(about.data.modules).map(([name, state]) => (
                    <div key={name}>
                      <span className={state.available ? 'yes-good' : 'yes-bad'}>{state.available ? '✓' : '✗'}</span> {name}
                      {state.message && <span className="muted small"> — {state.message}</span>}
                    </div>
                  ))}
                </dd>
              </dl>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
