import { useEffect, useState } from 'react';
import { request } from '../api/client.js';
import type { DrillReport, DrillRunResponse, DrillsResponse } from '../api/types.js';
import { BarsChart } from '../components/charts.js';
import { Card, Empty, ErrorBanner, PageHeader, Stat } from '../components/card.js';
import { useI18n } from '../i18n/i18n.js';
import { formatDateTime, formatNumber, formatPercent } from '../lib/format.js';
import { usePoll } from '../lib/use-poll.js';

const SINCE = ['1h', '24h', '7d', '30d', 'all'] as const;
const STATUS_TONE: Record<string, 'ok' | 'warn' | 'bad' | 'neutral'> = { unaffected: 'ok', degraded: 'warn', partial: 'bad', down: 'bad', 'out-of-scope': 'neutral' };

export function DrillsPage() {
  const { t, locale } = useI18n();
  const drills = usePoll((signal) => request<DrillsResponse>('/api/drills', { signal }), 0);
  const [scenario, setScenario] = useState('');
  const [since, setSince] = useState<(typeof SINCE)[number]>('7d');
  const [save, setSave] = useState(true);
  const [result, setResult] = useState<DrillRunResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const scenarios = drills.data?.scenarios ?? [];
  useEffect(() => {
    if (!scenario && scenarios[0]) setScenario(scenarios[0].id);
  }, [scenario, scenarios]);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await request<DrillRunResponse>('/api/drills/run', { body: { scenario, since, save } }));
      if (save) drills.refresh();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('drills.title')} subtitle={t('drills.subtitle')} />
      <ErrorBanner error={drills.error} />
      {drills.data && !drills.data.available && (
        <div className="module-missing" data-testid="drills-unavailable">
          <strong>{t('module.unavailable')}</strong>
          <p>{drills.data.message}</p>
        </div>
      )}
      {drills.data?.available && (
        <div className="drills-layout">
          <Card title={t('drills.scenarios')} className="scenario-card">
            {scenarios.length === 0 ? (
              <Empty>{drills.data.message ?? t('drills.noScenarios')}</Empty>
            ) : (
              <ul className="scenario-list" role="listbox" aria-label={t('drills.scenarios')}>
                {scenarios.map((entry) => {
                  const latest = drills.data!.latest.find((item) => item.scenario === entry.scenario);
                  return (
                    <li key={entry.id}>
                      <button type="button" role="option" aria-selected={entry.id === scenario} className={`scenario ${entry.id === scenario ? 'selected' : ''}`} onClick={() => setScenario(entry.id)} data-testid={`scenario-${entry.id}`}>
                        <div className="scenario-title">
                          <strong>{entry.name}</strong>
                          {latest && latest.score !== null && <span className={`badge status ${latest.score >= 0.999 ? 'ok' : latest.score >= 0.9 ? 'warn' : 'bad'}`}>{formatPercent(locale, latest.score)}</span>}
                        </div>
                        <div className="muted small">{entry.file}</div>
                        {entry.description && <div className="scenario-description small">{entry.description}</div>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
            <div className="drill-controls">
              <label className="field compact">
                <span>{t('drills.since')}</span>
                <select value={since} onChange={(event) => setSince(event.target.value as (typeof SINCE)[number])}>
                  {SINCE.map((option) => (
                    <option key={option} value={option}>
                      {t(`since.${option}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="check-field">
                <input type="checkbox" checked={save} onChange={(event) => setSave(event.target.checked)} />
                {t('drills.save')}
              </label>
              <button type="button" className="button primary" disabled={busy || !scenario} onClick={run} data-testid="drill-run">
                {busy ? t('drills.running') : t('drills.run')}
              </button>
            </div>
            <p className="hint">{t('drills.offline')}</p>
          </Card>
          <div className="drill-result">
            <ErrorBanner error={error} />
            {result ? <DrillReportView response={result} /> : !error && <Empty>{t('drills.empty')}</Empty>}
          </div>
        </div>
      )}
    </>
  );
}

function DrillReportView({ response }: { response: DrillRunResponse }) {
  const { t, locale } = useI18n();
  const report: DrillReport = response.report;
  const { totals, continuity } = report;
  const score = continuity.score;
  return (
    <div className="drill-report" data-testid="drill-report">
      <Card title={report.scenario.title} subtitle={`${report.scenario.cuts.map((cut) => cut.description).join(' · ') || t('drills.noCuts')} — ${t('drills.window', { from: report.window.firstRequest ? formatDateTime(locale, report.window.firstRequest) : '–', to: report.window.lastRequest ? formatDateTime(locale, report.window.lastRequest) : '–' })}`}>
        <div className="stats">
          <Stat label={t('drills.score')} value={formatPercent(locale, score)} tone={score === null ? 'neutral' : score >= 0.999 ? 'ok' : score >= 0.9 ? 'warn' : 'bad'} hint={t(`drills.weighting.${continuity.weighting}`)} testId="drill-score" />
          <Stat label={t('drills.inScope')} value={formatNumber(locale, totals.inScope)} hint={t('drills.recorded', { count: formatNumber(locale, totals.recorded) })} />
          <Stat label={t('drills.same')} value={formatNumber(locale, totals.same)} tone="ok" />
          <Stat label={t('drills.failedOver')} value={formatNumber(locale, totals.failedOver)} tone={totals.failedOver > 0 ? 'warn' : 'neutral'} />
          <Stat label={t('drills.notServed')} value={formatNumber(locale, totals.notServed)} tone={totals.notServed > 0 ? 'bad' : 'ok'} hint={t('drills.notServedSplit', { target: totals.notServedNoTarget, capacity: totals.notServedCapacity })} />
          <Stat label={t('drills.outOfScope')} value={formatNumber(locale, totals.outOfScope)} hint={t('drills.unreplayable', { count: totals.unreplayable })} />
        </div>
        {report.warnings.length > 0 && (
          <div className="banner warn">
            {report.warnings.map((warning) => (
              <div key={warning}>{warning}</div>
            ))}
          </div>
        )}
      </Card>
      <Card title={t('drills.byApp')}>
        {report.rows.length === 0 ? (
          <Empty>{t('drills.noWorkload')}</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="drill-rows">
              <thead>
                <tr>
                  <th>{t('drills.appAlias')}</th>
                  <th className="num">{t('drills.requests')}</th>
                  <th className="num">{t('drills.same')}</th>
                  <th>{t('drills.failedOver')}</th>
                  <th>{t('drills.notServed')}</th>
                  <th className="num">{t('drills.continuity')}</th>
                  <th>{t('drills.status')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={`${row.app}/${row.alias}`}>
                    <td>
                      <strong>{row.app}</strong> <span className="muted">→ {row.alias}</span>
                      {row.criticality !== 1 && <div className="muted small">{t('drills.criticality', { value: row.criticality })}</div>}
                    </td>
                    <td className="num">{formatNumber(locale, row.requests)}</td>
                    <td className="num">{formatNumber(locale, row.same)}</td>
                    <td className="small wrap-cell">
                      {row.failedOver.length === 0
                        ? '–'
                        : row.failedOver.map((entry) => (
                            <div key={`${entry.from}>${entry.to}`}>
                              {entry.from} → <strong>{entry.to}</strong> ({t(`mode.${entry.mode}`)}) ×{formatNumber(locale, entry.requests)}
                            </div>
                          ))}
                    </td>
                    <td className="small wrap-cell">
                      {row.notServed.length === 0
                        ? '–'
                        : row.notServed.map((entry) => (
                            <div key={`${entry.reason}-${entry.detail}`} className="yes-bad">
                              {t(`drills.reason.${entry.reason}`)} ×{formatNumber(locale, entry.requests)}
                              <div className="muted">{entry.detail}</div>
                            </div>
                          ))}
                    </td>
                    <td className="num">{formatPercent(locale, row.continuity)}</td>
                    <td>
                      <span className={`badge status ${STATUS_TONE[row.status] ?? 'neutral'}`}>{t(`drills.rowStatus.${row.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <div className="two-columns">
        <Card title={t('drills.timeline')}>
          <BarsChart
            rows={report.timeline.buckets.map((bucket) => ({ ...bucket, label: formatDateTime(locale, bucket.start).slice(-8, -3) }))}
            categoryKey="label"
            stacked
            specs={[
              { key: 'same', label: t('drills.same'), color: '#22c55e' },
              { key: 'failedOver', label: t('drills.failedOver'), color: '#f59e0b' },
              { key: 'notServed', label: t('drills.notServed'), color: '#f43f5e' },
              { key: 'outOfScope', label: t('drills.outOfScope'), color: '#64748b' },
            ]}
          />
        </Card>
        <Card title={t('drills.providerLoad')}>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('providers.provider')}</th>
                  <th className="num">{t('drills.baseline')}</th>
                  <th className="num">{t('drills.underScenario')}</th>
                  <th className="num">{t('drills.capacity')}</th>
                  <th className="num">{t('drills.overflow')}</th>
                </tr>
              </thead>
              <tbody>
                {report.providers.map((provider) => (
                  <tr key={provider.provider} className={provider.cut ? 'cut-row' : ''}>
                    <td>
                      <strong>{provider.provider}</strong> {provider.cut && <span className="badge status bad">{t('providers.cut')}</span>}
                    </td>
                    <td className="num">
                      {formatNumber(locale, provider.baseline.requests)}
                      <div className="muted small">{t('drills.peak', { rps: formatNumber(locale, provider.baseline.peakRps, 1) })}</div>
                    </td>
                    <td className="num">
                      {formatNumber(locale, provider.scenario.requests)}
                      <div className="muted small">{t('drills.peak', { rps: formatNumber(locale, provider.scenario.peakRps, 1) })}</div>
                    </td>
                    <td className="num">{provider.capacityRps === null ? '∞' : `${formatNumber(locale, provider.capacityRps, 1)}/s`}</td>
                    <td className={`num ${provider.overflow > 0 ? 'yes-bad' : ''}`}>{formatNumber(locale, provider.overflow)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </div>
  );
}
