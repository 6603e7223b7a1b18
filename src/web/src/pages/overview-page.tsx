import { useMemo, useState } from 'react';
import { request } from '../api/client.js';
import type { Alarm, Deployment, Grade, IndicatorsView, OverviewResponse } from '../api/types.js';
import { StackedRateChart, type SeriesSpec } from '../components/charts.js';
import { CircuitBadge } from '../components/badges.js';
import { Card, ErrorBanner, PageHeader, Stat } from '../components/card.js';
import { IndicatorsPanel } from '../components/indicators-panel.js';
import { useI18n, type Translate } from '../i18n/i18n.js';
import { GRADE_COLORS, TIER_COLORS, jurisdictionColor, providerColors } from '../lib/colors.js';
import { formatCompact, formatMs, formatNumber, formatPercent, formatTime } from '../lib/format.js';
import { describeScope } from '../lib/scope.js';
import { usePoll } from '../lib/use-poll.js';

const TIERS: Deployment[] = ['on-premises', 'national-network', 'domestic-cloud', 'foreign-cloud'];
const GRADES: Grade[] = ['C', 'S', 'O'];
const RANGES = [
  { seconds: 300, step: 5 },
  { seconds: 900, step: 15 },
];

function sum(values: number[] | undefined): number {
  return values ? values.reduce((total, value) => total + value, 0) : 0;
}

export function OverviewPage() {
  const { t, locale } = useI18n();
  const [range, setRange] = useState(RANGES[0]!);
  const overview = usePoll((signal) => request<OverviewResponse>(`/api/overview?seconds=${range.seconds}&step=${range.step}`, { signal }), 2000, [range.seconds]);
  const indicators = usePoll((signal) => request<IndicatorsView>('/api/indicators', { signal }), 30_000);
  const data = overview.data;

  const specs = useMemo(() => {
    if (!data) return null;
    const { traffic, home, providerProfiles } = data;
    const colors = providerColors(providerProfiles);
    const countries = Object.keys(traffic.callsByJurisdiction);
    const foreign = countries.filter((country) => country !== home && country !== '(other)');
    const jurisdictions: SeriesSpec[] = countries.map((country) => ({
      key: country,
      label: country === home ? `${country} (${t('common.home')})` : country === '(other)' ? t('common.other') : country,
      color: jurisdictionColor(country, home, foreign.indexOf(country)),
    }));
    const tiers: SeriesSpec[] = TIERS.map((tier) => ({ key: tier, label: t(`tier.${tier}`), color: TIER_COLORS[tier] }));
    const providers: SeriesSpec[] = Object.keys(traffic.callsByProvider).map((id) => ({ key: id, label: id === '(other)' ? t('common.other') : id, color: colors[id] ?? '#64748b' }));
    const grades: SeriesSpec[] = GRADES.map((grade) => ({ key: grade, label: `${grade} · ${t(`grade.${grade}.short`)}`, color: GRADE_COLORS[grade] }));
    return { jurisdictions, tiers, providers, grades, colors };
  }, [data, t]);

  if (!data || !specs) {
    return (
      <>
        <PageHeader title={t('overview.title')} subtitle={t('overview.subtitle')} />
        <ErrorBanner error={overview.error} />
        {!overview.error && <div className="loading">{t('common.loading')}</div>}
      </>
    );
  }

  const { traffic } = data;
  const minute = traffic.lastMinute;
  const homeCalls = sum(traffic.callsByJurisdiction[data.home]?.slice(-Math.ceil(60 / traffic.stepSeconds)));
  const allCalls = sum(traffic.calls.slice(-Math.ceil(60 / traffic.stepSeconds)));
  const domesticShare = allCalls > 0 ? homeCalls / allCalls : null;
  const openCircuits = data.circuits.filter((circuit) => circuit.state !== 'closed').length;
  const unit = t('unit.perSecond');

  return (
    <>
      <PageHeader
        title={t('overview.title')}
        subtitle={t('overview.subtitle')}
        actions={
          <>
            <div className="segmented" role="group">
              {RANGES.map((option) => (
                <button key={option.seconds} type="button" className={option.seconds === range.seconds ? 'active' : ''} onClick={() => setRange(option)}>
                  {t('overview.lastMinutes', { minutes: option.seconds / 60 })}
                </button>
              ))}
            </div>
            <span className={`live ${overview.error ? 'stale' : ''}`} data-testid="live-indicator">
              <span className="live-dot" />
              {overview.updatedAt ? t('common.updatedAt', { time: formatTime(locale, overview.updatedAt) }) : t('common.loading')}
            </span>
          </>
        }
      />
      <ErrorBanner error={overview.error} />
      <div className="stats">
        <Stat label={t('overview.requestsMinute')} value={formatNumber(locale, minute.requests)} hint={`${formatNumber(locale, minute.requests / 60, 2)} ${unit}`} testId="stat-requests-minute" />
        <Stat label={t('overview.tokensMinute')} value={formatCompact(locale, minute.tokens)} hint={`${formatNumber(locale, minute.tokens / 60, 1)} ${unit}`} testId="stat-tokens-minute" />
        <Stat
          label={t('overview.denialsMinute')}
          value={formatNumber(locale, minute.denials)}
          tone={minute.denials > 0 ? 'warn' : 'neutral'}
          hint={minute.requests > 0 ? t('overview.ofRequests', { share: formatPercent(locale, minute.denials / minute.requests) }) : t('overview.noRequests')}
          testId="stat-denials-minute"
        />
        <Stat label={t('overview.domesticShare')} value={formatPercent(locale, domesticShare)} tone={domesticShare === null ? 'neutral' : domesticShare >= 0.9 ? 'ok' : 'warn'} hint={t('overview.domesticHint', { home: data.home })} testId="stat-domestic" />
        <Stat
          label={t('overview.sensitiveAbroad')}
          value={formatNumber(locale, sum(traffic.sensitiveAbroad))}
          tone={sum(traffic.sensitiveAbroad) > 0 ? 'bad' : 'ok'}
          hint={t('overview.sensitiveAbroadHint')}
          testId="stat-sensitive-abroad"
        />
        <Stat
          label={t('overview.circuitsCuts')}
          value={`${openCircuits} / ${data.cuts.length}`}
          tone={openCircuits > 0 ? 'bad' : data.cuts.length > 0 ? 'warn' : 'ok'}
          hint={t('overview.circuitsCutsHint')}
          testId="stat-circuits-cuts"
        />
      </div>
      <div className="overview-grid">
        <Card title={t('overview.alarms')} className="area-alarms" testId="alarms">
          <AlarmList alarms={data.alarms} />
        </Card>
        <Card title={t('overview.providerStatus')} subtitle={t('overview.providerStatusHint')} className="area-status">
          <ProviderStatusList data={data} colors={specs.colors} />
        </Card>
        <Card title={t('overview.byJurisdiction')} subtitle={t('overview.callsPerSecond')} className="area-jurisdiction">
          <StackedRateChart times={traffic.times} stepSeconds={traffic.stepSeconds} series={traffic.callsByJurisdiction} specs={specs.jurisdictions} unit={unit} testId="chart-jurisdiction" />
        </Card>
        <Card title={t('overview.byTier')} subtitle={t('overview.callsPerSecond')} className="area-tier">
          <StackedRateChart times={traffic.times} stepSeconds={traffic.stepSeconds} series={traffic.callsByTier} specs={specs.tiers} unit={unit} testId="chart-tier" />
        </Card>
        <Card title={t('overview.byProvider')} subtitle={t('overview.tokensPerSecond')} className="area-provider">
          <StackedRateChart times={traffic.times} stepSeconds={traffic.stepSeconds} series={traffic.tokensByProvider} specs={specs.providers} unit={unit} testId="chart-provider" />
        </Card>
        <Card title={t('overview.byGrade')} subtitle={t('overview.requestsPerSecond')} className="area-grade">
          <StackedRateChart times={traffic.times} stepSeconds={traffic.stepSeconds} series={traffic.requestsByGrade} specs={specs.grades} unit={unit} testId="chart-grade" />
        </Card>
        <Card
          title={t('overview.indicators')}
          className="area-indicators"
          subtitle={indicators.data?.available && indicators.data.bucketSeconds ? t('overview.indicatorsWindow', { step: formatDuration(t, indicators.data.bucketSeconds) }) : undefined}
        >
          <IndicatorsPanel view={indicators.data} error={indicators.error} />
        </Card>
      </div>
      <p className="footnote">
        {t('overview.sinceStart', {
          requests: formatNumber(locale, traffic.sinceStart.requests),
          tokens: formatNumber(locale, traffic.sinceStart.tokens),
          denials: formatNumber(locale, traffic.sinceStart.denials),
          time: formatTime(locale, traffic.sinceStart.startedAt),
        })}
        {data.ledgerHead && ` · ${t('overview.ledgerHead', { seq: formatNumber(locale, data.ledgerHead.seq) })}`}
      </p>
    </>
  );
}

function formatDuration(t: Translate, seconds: number): string {
  if (seconds % 3600 === 0) return t('duration.hours', { n: seconds / 3600 });
  if (seconds % 60 === 0) return t('duration.minutes', { n: seconds / 60 });
  return t('duration.seconds', { n: seconds });
}

function ProviderStatusList({ data, colors }: { data: OverviewResponse; colors: Record<string, string> }) {
  const { t, locale } = useI18n();
  const byProvider = data.traffic.lastMinute.byProvider;
  if (data.providerStatus.length === 0) return <div className="empty">{t('providers.none')}</div>;
  return (
    <ul className="status-list" data-testid="provider-status">
      {data.providerStatus.map((provider) => {
        const traffic = byProvider[provider.id];
        return (
          <li key={provider.id}>
            <span className="swatch" style={{ background: colors[provider.id] }} />
            <span className="status-name">
              <strong>{provider.id}</strong>
              <span className="muted small">
                {t(`tier.${provider.deployment}`)} · {provider.hostingCountry}
              </span>
            </span>
            <span className="status-numbers small">
              {formatNumber(locale, traffic?.calls ?? 0)} · {formatMs(locale, traffic?.latencyP95Ms ?? null)}
            </span>
            {provider.cut ? <span className="badge status bad">{t('providers.cut')}</span> : <CircuitBadge state={provider.circuit} />}
          </li>
        );
      })}
    </ul>
  );
}

function AlarmList({ alarms }: { alarms: Alarm[] }) {
  const { t, locale } = useI18n();
  if (alarms.length === 0) {
    return (
      <div className="all-clear" data-testid="alarms-clear">
        <span className="check">✓</span>
        {t('alarm.allClear')}
      </div>
    );
  }
  return (
    <ul className="alarm-list">
      {alarms.map((alarm, index) => (
        <li key={`${alarm.kind}-${alarm.subject}-${index}`} className={`alarm ${alarm.severity}`} data-testid={`alarm-${alarm.kind}`}>
          <span className="alarm-severity">{t(`severity.${alarm.severity}`)}</span>
          <div>
            <div className="alarm-title">{t(`alarm.${alarm.kind}`, { subject: alarm.scope ? describeScope(t, alarm.scope) : alarm.subject })}</div>
            {alarm.values && (
              <div className="alarm-detail">
                {Object.entries(alarm.values)
                  .map(([key, value]) => `${t(`alarmValue.${key}` as 'alarmValue.calls')}: ${formatNumber(locale, value, 1)}`)
                  .join(' · ')}
              </div>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
