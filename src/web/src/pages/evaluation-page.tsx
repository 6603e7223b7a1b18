import { request } from '../api/client.js';
import type { EvaluationsResponse } from '../api/types.js';
import { BarsChart } from '../components/charts.js';
import { Card, Empty, ErrorBanner, PageHeader, Stat } from '../components/card.js';
import { useI18n } from '../i18n/i18n.js';
import { formatDateTime, formatNumber, formatPercent } from '../lib/format.js';
import { usePoll } from '../lib/use-poll.js';

const VERDICT_TONE: Record<string, 'ok' | 'warn' | 'bad'> = { meets: 'ok', undecided: 'warn', below: 'bad' };

type Interval = [number, number] | null;

function interval(locale: string, ci: Interval, percent: boolean): string {
  if (!ci) return '–';
  const show = (value: number) => (!Number.isFinite(value) ? '∞' : percent ? formatPercent(locale, value) : formatNumber(locale, value, 3));
  return `${show(ci[0])} – ${show(ci[1])}`;
}

/** 모델 평가 / Evaluation: the runs `jaju eval run` saved, and each model's latest accuracy and ratio to its reference. */
export function EvaluationPage() {
  const { t, locale } = useI18n();
  const data = usePoll((signal) => request<EvaluationsResponse>('/api/evaluations', { signal }), 30_000);
  const latest = data.data?.latest ?? [];
  const runs = data.data?.runs ?? [];
  const best = latest.reduce<(typeof latest)[number] | undefined>((top, entry) => (entry.accuracy !== null && (top?.accuracy ?? -1) < entry.accuracy ? entry : top), undefined);
  const meets = latest.filter((entry) => entry.ratio?.verdict === 'meets').length;

  return (
    <>
      <PageHeader title={t('evaluation.title')} subtitle={t('evaluation.subtitle')} />
      <ErrorBanner error={data.error} />
      {data.data && runs.length === 0 && (
        <Empty>
          <span data-testid="evaluation-empty">{t('evaluation.empty')}</span>
          <div>
            <code>jaju eval run --suite builtin --models ko-chat,global --reference global --config jaju.yaml --app evaluator</code>
          </div>
        </Empty>
      )}
      {data.data?.problems.map((problem) => (
        <div key={problem} className="banner warn">
          {t('evaluation.unreadable')}: {problem}
        </div>
      ))}
      {latest.length > 0 && (
        <div data-testid="evaluation-page">
          <div className="stats">
            <Stat label={t('evaluation.runs')} value={formatNumber(locale, runs.length)} hint={runs[0] ? t('evaluation.lastRun', { time: formatDateTime(locale, runs[0].finishedAt) }) : undefined} />
            <Stat label={t('evaluation.models')} value={formatNumber(locale, latest.length)} />
            <Stat label={t('evaluation.best')} value={best ? formatPercent(locale, best.accuracy) : '–'} hint={best?.model} />
            <Stat label={t('evaluation.meetsTarget')} value={formatNumber(locale, meets)} tone={meets > 0 ? 'ok' : 'warn'} hint={t('evaluation.meetsHint')} testId="evaluation-meets" />
          </div>
          <Card title={t('evaluation.latest')} subtitle={t('evaluation.latestHint')} testId="evaluation-latest">
            <BarsChart
              rows={latest.map((entry) => ({ model: entry.model, accuracy: entry.accuracy === null ? 0 : Math.round(entry.accuracy * 1000) / 10 }))}
              categoryKey="model"
              specs={[{ key: 'accuracy', label: t('evaluation.accuracyPercent'), color: '#38bdf8' }]}
              layout="vertical"
              height={Math.max(120, 34 * latest.length + 40)}
              testId="evaluation-chart"
            />
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('evaluation.model')}</th>
                    <th className="num">{t('evaluation.accuracy')}</th>
                    <th>{t('evaluation.ci')}</th>
                    <th className="num">{t('evaluation.scored')}</th>
                    <th className="num">{t('evaluation.denied')}</th>
                    <th className="num">{t('evaluation.failed')}</th>
                    <th>{t('evaluation.ratio')}</th>
                    <th>{t('evaluation.verdict')}</th>
                    <th>{t('evaluation.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  {latest.map((entry) => (
                    <tr key={entry.model} data-testid={`evaluation-model-${entry.model}`}>
                      <td>
                        <strong>{entry.model}</strong>
                        <div className="muted small">{entry.suites.map((suite) => `${suite.name} (${suite.items})`).join(', ')}</div>
                      </td>
                      <td className="num">{formatPercent(locale, entry.accuracy)}</td>
                      <td className="small">{interval(locale, entry.ci95, true)}</td>
                      <td className="num">{formatNumber(locale, entry.items - entry.denied - entry.failed)}</td>
                      <td className="num">{formatNumber(locale, entry.denied)}</td>
                      <td className="num">{formatNumber(locale, entry.failed)}</td>
                      <td className="small">
                        {entry.ratio ? (
                          <>
                            {formatNumber(locale, entry.ratio.ratio, 3)} <span className="muted">({interval(locale, entry.ratio.ci95, false)}) ÷ {entry.ratio.reference}</span>
                          </>
                        ) : (
                          <span className="muted">{t('evaluation.reference')}</span>
                        )}
                      </td>
                      <td>{entry.ratio && <span className={`badge status ${VERDICT_TONE[entry.ratio.verdict] ?? 'neutral'}`}>{t(`evaluation.verdict.${entry.ratio.verdict}`)}</span>}</td>
                      <td className="small muted">{formatDateTime(locale, entry.finishedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
          <Card title={t('evaluation.saved')} subtitle={t('evaluation.savedHint')} testId="evaluation-runs">
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('evaluation.when')}</th>
                    <th>{t('evaluation.suites')}</th>
                    <th>{t('evaluation.via')}</th>
                    <th>{t('evaluation.scores')}</th>
                    <th>{t('evaluation.ratios')}</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((run) => (
                    <tr key={run.id} data-testid={`evaluation-run-${run.id}`}>
                      <td className="small">{formatDateTime(locale, run.finishedAt)}</td>
                      <td className="small">{run.suites.map((suite) => `${suite.name} (${suite.items})`).join(', ')}</td>
                      <td className="small muted">{run.via.mode === 'url' ? run.via.url : t('evaluation.inProcess', { app: run.via.app })}</td>
                      <td className="small">
                        {run.runs.map((score) => (
                          <div key={score.model}>
                            {score.model}: {formatPercent(locale, score.accuracy)}
                            {score.denied > 0 && <span className="muted"> · {t('evaluation.deniedCount', { count: formatNumber(locale, score.denied) })}</span>}
                          </div>
                        ))}
                      </td>
                      <td className="small">
                        {run.ratios.map((ratio) => (
                          <div key={ratio.model}>
                            {ratio.model} ÷ {ratio.reference}: {formatNumber(locale, ratio.ratio, 3)}{' '}
                            <span className={`badge status ${VERDICT_TONE[ratio.verdict] ?? 'neutral'}`}>{t(`evaluation.verdict.${ratio.verdict}`)}</span>
                          </div>
                        ))}
                        {run.ratios.length === 0 && <span className="muted">–</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </div>
      )}
      {!data.data && !data.error && <div className="loading">{t('common.loading')}</div>}
    </>
  );
}
