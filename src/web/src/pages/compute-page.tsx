import { useEffect, useMemo, useState } from 'react';
import { queryString, request } from '../api/client.js';
import type { AllocationReport, ComputeExamplesResponse, ComputeReportResponse } from '../api/types.js';
import { GradeBadge } from '../components/badges.js';
import { BarsChart } from '../components/charts.js';
import { Card, Empty, ErrorBanner, PageHeader, Stat } from '../components/card.js';
import { useI18n } from '../i18n/i18n.js';
import { formatNumber, formatPercent } from '../lib/format.js';
import { usePoll } from '../lib/use-poll.js';

const STATUS_TONE: Record<string, string> = { full: 'ok', partial: 'warn', 'organisation-cap': 'warn', 'below-minimum': 'bad', 'no-eligible-site': 'bad' };
const PAGE = 20;

export function ComputePage() {
  const { t } = useI18n();
  const examples = usePoll((signal) => request<ComputeExamplesResponse>('/api/compute', { signal }), 0);
  const [example, setExample] = useState('');
  useEffect(() => {
    if (!example && examples.data?.examples[0]) setExample(examples.data.examples[0].id);
  }, [example, examples.data]);
  const report = usePoll((signal) => (example ? request<ComputeReportResponse>(`/api/compute/report${queryString({ example })}`, { signal }) : Promise.resolve(undefined)), 0, [example]);

  return (
    <>
      <PageHeader
        title={t('compute.title')}
        subtitle={t('compute.subtitle')}
        actions={
          examples.data && examples.data.examples.length > 1 ? (
            <select value={example} onChange={(event) => setExample(event.target.value)} aria-label={t('compute.example')}>
              {examples.data.examples.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
          ) : examples.data?.examples[0] ? (
            <span className="muted small">{examples.data.examples[0].file}</span>
          ) : undefined
        }
      />
      <ErrorBanner error={examples.error ?? report.error} />
      {examples.data && !examples.data.available && (
        <div className="module-missing" data-testid="compute-unavailable">
          <strong>{t('module.unavailable')}</strong>
          <p>{examples.data.message}</p>
        </div>
      )}
      {examples.data?.available && examples.data.examples.length === 0 && <Empty>{examples.data.message ?? t('compute.noExamples')}</Empty>}
      {report.data && <AllocationView report={report.data.report} />}
      {!report.data && example && !report.error && <div className="loading">{t('common.loading')}</div>}
    </>
  );
}

function AllocationView({ report }: { report: AllocationReport }) {
  const { t, locale } = useI18n();
  const { totals } = report;
  const [tier, setTier] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const applications = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return report.applications.filter((row) => (!tier || row.tier === tier) && (!needle || `${row.id} ${row.organisation} ${row.explanation}`.toLowerCase().includes(needle)));
  }, [report, tier, search]);
  useEffect(() => setPage(0), [tier, search]);
  const pages = Math.max(1, Math.ceil(applications.length / PAGE));
  const shown = applications.slice(page * PAGE, (page + 1) * PAGE);

  return (
    <div className="compute" data-testid="compute-report">
      <div className="stats">
        <Stat label={t('compute.usable')} value={formatNumber(locale, totals.usableGpus)} hint={t('compute.installed', { count: formatNumber(locale, totals.installedGpus) })} />
        <Stat label={t('compute.requested')} value={formatNumber(locale, totals.requestedGpus)} hint={t('compute.applications', { count: formatNumber(locale, totals.applications), organisations: formatNumber(locale, totals.organisations) })} />
        <Stat label={t('compute.granted')} value={formatNumber(locale, totals.grantedGpus)} tone={totals.demandMet >= 0.9 ? 'ok' : 'warn'} hint={t('compute.demandMet', { share: formatPercent(locale, totals.demandMet) })} testId="compute-granted" />
        <Stat label={t('compute.power')} value={`${formatNumber(locale, totals.powerDrawMW, 1)} / ${formatNumber(locale, totals.powerBudgetMW, 1)}`} unit="MW" hint={t('compute.energy', { mwh: formatNumber(locale, totals.energyMWh), co2: formatNumber(locale, totals.co2Tonnes) })} />
        <Stat label={t('compute.publicShare')} value={formatPercent(locale, totals.publicSupplyShare)} hint={t('compute.reserveHeld', { count: formatNumber(locale, totals.heldHardReserveGpus) })} />
        <Stat label={t('compute.hhi')} value={formatNumber(locale, totals.organisationHhi)} tone={totals.organisationHhi > 2500 ? 'bad' : totals.organisationHhi >= 1500 ? 'warn' : 'ok'} hint={t('compute.idle', { count: formatNumber(locale, totals.idleGpus) })} />
      </div>
      <div className="compute-columns">
        <Card title={t('compute.tiers')}>
          <BarsChart
            rows={report.tiers.map((entry) => ({ name: entry.name, requested: entry.requestedGpus, granted: entry.grantedGpus, reserved: entry.reservedGpus }))}
            categoryKey="name"
            layout="vertical"
            specs={[
              { key: 'requested', label: t('compute.requested'), color: '#64748b' },
              { key: 'granted', label: t('compute.granted'), color: '#22c55e' },
              { key: 'reserved', label: t('compute.reserved'), color: '#60a5fa' },
            ]}
            height={250}
          />
          <table className="table compact-table">
            <thead>
              <tr>
                <th>{t('compute.tier')}</th>
                <th>{t('compute.pool')}</th>
                <th className="num">{t('compute.reserve')}</th>
                <th className="num">{t('compute.met')}</th>
              </tr>
            </thead>
            <tbody>
              {report.tiers.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <strong>{entry.name}</strong>
                    {entry.hardReserve && <span className="badge status warn">{t('compute.hardReserve')}</span>}
                  </td>
                  <td>{t(`pool.${entry.pool}`)}</td>
                  <td className="num">{formatPercent(locale, entry.reserveShare, 0)}</td>
                  <td className="num">{formatPercent(locale, entry.demandMet)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t('compute.sites')}>
          <div className="table-scroll">
            <table className="table compact-table">
              <thead>
                <tr>
                  <th>{t('compute.site')}</th>
                  <th>{t('compute.gpus')}</th>
                  <th className="num">{t('compute.power')}</th>
                  <th>{t('compute.grades')}</th>
                </tr>
              </thead>
              <tbody>
                {report.sites.map((site) => (
                  <tr key={site.id}>
                    <td className="wrap-cell site-cell">
                      <strong>{site.name}</strong>
                      <div className="muted small">
                        {site.region} · {site.operator} · {t(`pool.${site.ownership}`)} · {site.scheduler}
                      </div>
                    </td>
                    <td className="small">
                      {site.pools.map((pool) => (
                        <div key={pool.type} className="gpu-pool">
                          <span className="mono">{pool.type}</span>
                          <span className="meter">
                            <span className="meter-fill" style={{ width: `${pool.usable > 0 ? Math.min(100, (100 * pool.granted) / pool.usable) : 0}%` }} />
                          </span>
                          {formatNumber(locale, pool.granted)}/{formatNumber(locale, pool.usable)}
                          {pool.powerLimited && <span className="badge status warn">{t('compute.powerLimited')}</span>}
                        </div>
                      ))}
                    </td>
                    <td className="num nowrap small">
                      {formatNumber(locale, site.powerDrawMW, 1)} / {formatNumber(locale, site.powerBudgetMW, 1)} MW
                      <div className="muted">PUE {formatNumber(locale, site.pue, 2)}</div>
                    </td>
                    <td>
                      {site.accreditedGrades.length === 0 ? <span className="muted">O</span> : site.accreditedGrades.map((grade) => <GradeBadge key={grade} grade={grade as 'C' | 'S' | 'O'} />)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
      <Card
        title={t('compute.applicationsTitle', { count: formatNumber(locale, applications.length) })}
        actions={
          <div className="inline-filters">
            <select value={tier} onChange={(event) => setTier(event.target.value)} aria-label={t('compute.tier')}>
              <option value="">{t('common.all')}</option>
              {report.tiers.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
            <input type="search" placeholder={t('compute.search')} value={search} onChange={(event) => setSearch(event.target.value)} />
          </div>
        }
      >
        <div className="table-scroll">
          <table className="table" data-testid="compute-applications">
            <thead>
              <tr>
                <th>{t('compute.application')}</th>
                <th>{t('compute.tier')}</th>
                <th>{t('compute.gpuType')}</th>
                <th className="num">{t('compute.requested')}</th>
                <th className="num">{t('compute.granted')}</th>
                <th>{t('compute.status')}</th>
                <th>{t('compute.explanation')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.id}>
                  <td>
                    <strong className="mono">{row.id}</strong>
                    <div className="muted small">
                      {row.organisation} · {row.region}
                    </div>
                  </td>
                  <td className="tier-cell small">
                    <div className="ellipsis" title={report.tiers.find((entry) => entry.id === row.tier)?.name ?? row.tier}>
                      {report.tiers.find((entry) => entry.id === row.tier)?.name ?? row.tier}
                    </div>
                  </td>
                  <td className="mono small">
                    {row.gpuType} <GradeBadge grade={row.dataGrade as 'C' | 'S' | 'O'} />
                  </td>
                  <td className="num">{formatNumber(locale, row.requested)}</td>
                  <td className="num">{formatNumber(locale, row.granted)}</td>
                  <td>
                    <span className={`badge status ${STATUS_TONE[row.status] ?? 'neutral'}`}>{t(`grant.${row.status}`)}</span>
                  </td>
                  <td className="explanation small">
                    <div className="clamp-2" title={row.explanation}>
                      {row.explanation}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="pager right">
          <button type="button" className="button ghost small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            ‹
          </button>
          <span className="pager-page">
            {page + 1} / {pages}
          </span>
          <button type="button" className="button ghost small" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            ›
          </button>
        </div>
      </Card>
    </div>
  );
}
