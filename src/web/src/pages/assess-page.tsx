import { useEffect, useState } from 'react';
import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from 'recharts';
import { queryString, request } from '../api/client.js';
import type { AssessCompareResponse, AssessInventoriesResponse, AssessReportResponse } from '../api/types.js';
import { BarsChart } from '../components/charts.js';
import { Card, Empty, ErrorBanner, PageHeader, Stat } from '../components/card.js';
import { useI18n } from '../i18n/i18n.js';
import { formatDateTime, formatNumber, formatPercent } from '../lib/format.js';
import { usePoll } from '../lib/use-poll.js';

type Assessment = AssessReportResponse['assessment'];
const SEAL_TONE = ['bad', 'bad', 'warn', 'ok', 'ok'] as const;
const TOOLTIP_STYLE = { background: '#0b1220', border: '1px solid #334155', borderRadius: 6, fontSize: 12, color: '#e2e8f0' } as const;

function SealBadge({ seal }: { seal: number }) {
  return <span className={`badge status ${SEAL_TONE[seal] ?? 'neutral'}`}>SEAL-{seal}</span>;
}

function signed(locale: string, value: number, digits = 1): string {
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatNumber(locale, Math.abs(value), digits)}`;
}

/** 종합 평가 / Assessment: the sovereignty assessment of an inventory (data/assess or examples/assess), with the live ledger as evidence. */
export function AssessPage() {
  const { t } = useI18n();
  const inventories = usePoll((signal) => request<AssessInventoriesResponse>('/api/assess', { signal }), 0);
  const [inventory, setInventory] = useState('');
  const [compareWith, setCompareWith] = useState('');
  const [weights, setWeights] = useState<'document' | 'annex'>('document');
  useEffect(() => {
    if (!inventory && inventories.data?.inventories[0]) setInventory(inventories.data.inventories[0].id);
  }, [inventory, inventories.data]);
  const report = usePoll((signal) => (inventory ? request<AssessReportResponse>(`/api/assess/report${queryString({ inventory, weights })}`, { signal }) : Promise.resolve(undefined)), 0, [inventory, weights]);
  const comparison = usePoll(
    (signal) => (inventory && compareWith ? request<AssessCompareResponse>(`/api/assess/compare${queryString({ a: inventory, b: compareWith, weights })}`, { signal }) : Promise.resolve(undefined)),
    0,
    [inventory, compareWith, weights],
  );
  const list = inventories.data?.inventories ?? [];

  return (
    <>
      <PageHeader
        title={t('assess.title')}
        subtitle={t('assess.subtitle')}
        actions={
          list.length > 0 ? (
            <>
              <select value={inventory} onChange={(event) => setInventory(event.target.value)} aria-label={t('assess.inventory')} data-testid="assess-inventory">
                {list.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.name} ({entry.file})
                  </option>
                ))}
              </select>
              <select value={weights} onChange={(event) => setWeights(event.target.value as 'document' | 'annex')} aria-label={t('assess.weights')} data-testid="assess-weights">
                <option value="document">{t('assess.weightsDocument')}</option>
                <option value="annex">{t('assess.weightsAnnex')}</option>
              </select>
              <select value={compareWith} onChange={(event) => setCompareWith(event.target.value)} aria-label={t('assess.compareWith')} data-testid="assess-compare">
                <option value="">{t('assess.noCompare')}</option>
                {list
                  .filter((entry) => entry.id !== inventory)
                  .map((entry) => (
                    <option key={entry.id} value={entry.id}>
                      {t('assess.compareTo', { name: `${entry.name} (${entry.file})` })}
                    </option>
                  ))}
              </select>
            </>
          ) : undefined
        }
      />
      <ErrorBanner error={inventories.error ?? report.error ?? comparison.error} />
      {inventories.data && list.length === 0 && <Empty>{t('assess.noInventories')}</Empty>}
      {report.data && <AssessmentView data={report.data} />}
      {comparison.data && <ComparisonView data={comparison.data} />}
      {!report.data && inventory && !report.error && <div className="loading">{t('common.loading')}</div>}
    </>
  );
}

function AssessmentView({ data }: { data: AssessReportResponse }) {
  const { t, locale, language } = useI18n();
  const assessment: Assessment = data.assessment;
  const { overall } = assessment;
  const spofs = assessment.layers.flatMap((layer) => layer.singlePointsOfFailure.map((spof) => ({ layer: layer.layer, spof })));
  const radar = assessment.objectives.map((objective) => ({ id: objective.id, score: objective.score, seal: objective.seal * 25 }));
  const layers = assessment.layers.filter((layer) => layer.components > 0);

  return (
    <div className="assess" data-testid="assess-report">
      <div className="stats">
        <Stat label={t('assess.overallSeal')} value={`SEAL-${overall.seal}`} tone={SEAL_TONE[overall.seal]} hint={t(`assess.seal.${overall.seal}` as 'assess.seal.0')} testId="assess-overall-seal" />
        <Stat label={t('assess.overallScore')} value={formatNumber(locale, overall.score, 1)} unit="/ 100" hint={t('assess.weightsUsed', { weights: assessment.method.weights })} testId="assess-overall-score" />
        <Stat label={t('assess.gate')} value={assessment.gate.passed ? t('assess.passed') : t('assess.failed')} tone={assessment.gate.passed ? 'ok' : 'bad'} hint={assessment.gate.failures.map((failure) => `${failure.objective} ${failure.seal} < ${failure.required}`).join(', ') || t('assess.gateHint')} />
        <Stat label={t('assess.components')} value={formatNumber(locale, assessment.estate.components)} hint={data.inventory.file} />
        <Stat label={t('assess.spof')} value={formatNumber(locale, spofs.length)} tone={spofs.some(({ spof }) => spof.foreign) ? 'bad' : spofs.length > 0 ? 'warn' : 'ok'} />
        <Stat label={t('assess.contradictions')} value={formatNumber(locale, assessment.contradictions.length)} tone={assessment.contradictions.length > 0 ? 'bad' : 'ok'} hint={assessment.evidence ? t('assess.evidenceHint', { records: formatNumber(locale, assessment.evidence.records ?? 0) }) : t('assess.noEvidence')} testId="assess-contradictions" />
      </div>
      <div className="two-columns">
        <Card title={t('assess.objectives')} subtitle={t('assess.objectivesHint')}>
          <div className="chart" data-testid="assess-radar">
            <ResponsiveContainer width="100%" height={300}>
              <RadarChart data={radar} outerRadius="72%">
                <PolarGrid stroke="#334155" />
                <PolarAngleAxis dataKey="id" tick={{ fill: '#b6c3d8', fontSize: 11 }} />
                <PolarRadiusAxis domain={[0, 100]} tick={{ fill: '#64748b', fontSize: 10 }} axisLine={false} />
                <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(value, name) => [formatNumber(locale, Number(value), 1), name === 'score' ? t('assess.score') : t('assess.sealTimes25')]} />
                <Radar dataKey="score" stroke="#22c55e" fill="#22c55e" fillOpacity={0.25} isAnimationActive={false} />
                <Radar dataKey="seal" stroke="#f59e0b" fill="#f59e0b" fillOpacity={0.12} isAnimationActive={false} />
              </RadarChart>
            </ResponsiveContainer>
          </div>
          <table className="table compact-table" data-testid="assess-objectives">
            <thead>
              <tr>
                <th>{t('assess.objective')}</th>
                <th className="num">{t('assess.weight')}</th>
                <th className="num">{t('assess.score')}</th>
                <th>SEAL</th>
              </tr>
            </thead>
            <tbody>
              {assessment.objectives.map((objective) => (
                <tr key={objective.id}>
                  <td>
                    <strong>{objective.id}</strong> {language === 'ko' ? objective.nameKo : objective.name}
                  </td>
                  <td className="num">{formatPercent(locale, objective.weight, 0)}</td>
                  <td className="num">{formatNumber(locale, objective.score, 1)}</td>
                  <td>
                    <SealBadge seal={objective.seal} />
                    {objective.minimumSeal > 0 && !objective.passesGate && <span className="badge status bad">{t('assess.belowGate', { seal: objective.minimumSeal })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <div className="stack">
          <Card title={t('assess.bottlenecks')} subtitle={t('assess.bottlenecksHint', { seal: overall.seal })}>
            {assessment.bottlenecks.length === 0 ? (
              <Empty>{t('assess.noBottlenecks')}</Empty>
            ) : (
              <table className="table compact-table" data-testid="assess-bottlenecks">
                <tbody>
                  {assessment.bottlenecks.slice(0, 6).map((entry) => (
                    <tr key={entry.component}>
                      <td className="wrap-cell">
                        <strong>{entry.component}</strong>
                        <div className="muted small">
                          {entry.layer} · {entry.supplier} · {entry.supplierCountry}
                        </div>
                      </td>
                      <td className="small mono wrap-cell">{entry.holdsDown.join(' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          <Card title={t('assess.improvements')}>
            <table className="table compact-table" data-testid="assess-improvements">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('assess.criterion')}</th>
                  <th className="num">{t('assess.gain')}</th>
                </tr>
              </thead>
              <tbody>
                {assessment.improvements.slice(0, 8).map((item) => (
                  <tr key={item.criterion}>
                    <td className="num">{item.rank}</td>
                    <td className="wrap-cell">
                      <span className="mono">{item.criterion}</span> <SealBadge seal={item.current.seal} />
                      <div className="muted small">{item.action}</div>
                    </td>
                    <td className="num">+{formatNumber(locale, item.scoreGain, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      </div>
      <Card title={t('assess.layers')} subtitle={t('assess.layersHint')}>
        <BarsChart
          rows={layers.map((layer) => ({ layer: layer.layer, supplier: Math.round(layer.hhiBySupplier ?? 0), country: Math.round(layer.hhiByCountry ?? 0) }))}
          categoryKey="layer"
          specs={[
            { key: 'supplier', label: t('assess.hhiSupplier'), color: '#60a5fa' },
            { key: 'country', label: t('assess.hhiCountry'), color: '#f59e0b' },
          ]}
          height={220}
          testId="assess-layers-chart"
        />
        <div className="table-scroll">
          <table className="table compact-table" data-testid="assess-layers">
            <thead>
              <tr>
                <th>{t('assess.layer')}</th>
                <th className="num">{t('assess.components')}</th>
                <th className="num">{t('assess.hhiSupplier')}</th>
                <th className="num">{t('assess.hhiCountry')}</th>
                <th>{t('assess.largest')}</th>
                <th className="num">{t('assess.foreignLaw')}</th>
                <th>{t('assess.spof')}</th>
              </tr>
            </thead>
            <tbody>
              {layers.map((layer) => (
                <tr key={layer.layer}>
                  <td>{layer.layer}</td>
                  <td className="num">{layer.components}</td>
                  <td className="num">{formatNumber(locale, layer.hhiBySupplier)}</td>
                  <td className="num">{formatNumber(locale, layer.hhiByCountry)}</td>
                  <td className="small">{layer.suppliers[0] ? `${layer.suppliers[0].key} ${formatPercent(locale, layer.suppliers[0].share)}` : '—'}</td>
                  <td className="num">{formatPercent(locale, layer.foreignLawExposure.share)}</td>
                  <td className="small wrap-cell">
                    {layer.singlePointsOfFailure.map((spof) => (
                      <div key={`${spof.reason}-${spof.components.join()}`}>
                        <span className={`badge status ${spof.foreign ? 'bad' : 'warn'}`}>{spof.supplierCountry}</span> {spof.components.join(', ')}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {assessment.evidence && (
        <Card title={t('assess.evidence')} subtitle={t('assess.window', { from: assessment.evidence.window?.from ? formatDateTime(locale, assessment.evidence.window.from) : '…', records: formatNumber(locale, assessment.evidence.records ?? 0) })}>
          {assessment.contradictions.length === 0 ? (
            <p className="muted">{t('assess.noContradictions')}</p>
          ) : (
            <ul className="alarm-list" data-testid="assess-contradiction-list">
              {assessment.contradictions.map((item) => (
                <li key={`${item.claim}-${item.message}`} className="alarm critical">
                  <div>
                    <div className="alarm-title mono">{item.claim}</div>
                    <div className="alarm-detail">{item.message}</div>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <table className="table compact-table">
            <tbody>
              {assessment.objectives
                .flatMap((objective) => objective.answers)
                .filter((answer) => answer.source === 'ledger' || answer.source === 'drills')
                .map((answer) => (
                  <tr key={answer.criterion}>
                    <td className="mono">{answer.criterion}</td>
                    <td className="wrap-cell small">{answer.title}</td>
                    <td className="num">{formatNumber(locale, answer.value, 1)}</td>
                    <td>
                      <SealBadge seal={answer.seal} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}

function ComparisonView({ data }: { data: AssessCompareResponse }) {
  const { t, locale } = useI18n();
  const { comparison } = data;
  return (
    <Card title={t('assess.comparison', { a: data.a.name, b: data.b.file })} subtitle={t('assess.comparisonHint', { seal: `${comparison.a.overall.seal} → ${comparison.b.overall.seal}`, score: signed(locale, comparison.overall.delta.score) })}>
      <table className="table compact-table" data-testid="assess-comparison">
        <thead>
          <tr>
            <th>{t('assess.objective')}</th>
            <th className="num">A</th>
            <th className="num">B</th>
            <th className="num">Δ</th>
            <th>SEAL</th>
          </tr>
        </thead>
        <tbody>
          {comparison.objectives.map((row) => (
            <tr key={row.id}>
              <td className="mono">{row.id}</td>
              <td className="num">{formatNumber(locale, row.a.score, 1)}</td>
              <td className="num">{formatNumber(locale, row.b.score, 1)}</td>
              <td className="num">{signed(locale, row.delta.score)}</td>
              <td>
                <SealBadge seal={row.a.seal} /> → <SealBadge seal={row.b.seal} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
