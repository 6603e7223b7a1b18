import type { IndicatorValue, IndicatorsView } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { formatNumber, formatPercent } from '../lib/format.js';
import { Sparkline } from './charts.js';

function formatValue(locale: string, indicator: IndicatorValue): string {
  if (indicator.value === null) return '–';
  if (indicator.unit === 'share') return formatPercent(locale, indicator.value);
  return formatNumber(locale, indicator.value, indicator.unit === 'hhi' ? 0 : 1);
}

/** Direction of the last change in the trend, and whether it is good news. */
function trendOf(indicator: IndicatorValue): { arrow: string; tone: 'ok' | 'bad' | 'flat' } {
  const points = indicator.trend.filter((value): value is number => value !== null);
  if (points.length < 2) return { arrow: '·', tone: 'flat' };
  const last = points[points.length - 1]!;
  const before = points[points.length - 2]!;
  const scale = indicator.unit === 'hhi' ? 50 : indicator.unit === 'share' ? 0.005 : 0.5;
  if (Math.abs(last - before) < scale) return { arrow: '→', tone: 'flat' };
  const up = last > before;
  return { arrow: up ? '↑' : '↓', tone: up === indicator.higherIsBetter ? 'ok' : 'bad' };
}

/** The sovereignty indicators (src/control/indicators) with their trend, or why they are not shown. */
export function IndicatorsPanel({ view, error }: { view: IndicatorsView | undefined; error: Error | undefined }) {
  const { t, locale } = useI18n();
  if (error && !view) return <div className="banner bad">{error.message}</div>;
  if (!view) return <div className="loading">{t('common.loading')}</div>;
  if (!view.available) {
    return (
      <div className="module-missing" data-testid="indicators-unavailable">
        <strong>{t('module.unavailable')}</strong>
        <p>{view.message ?? t('module.unavailableHint')}</p>
      </div>
    );
  }
  if (!view.values || view.values.length === 0) return <div className="empty">{t('indicators.noTraffic')}</div>;
  return (
    <div className="indicator-tiles" data-testid="indicators">
      {view.values.map((indicator) => {
        const trend = trendOf(indicator);
        return (
          <div key={indicator.key} className={`indicator-tile ${indicator.alarm ? 'alarm-tile' : ''}`} data-testid={`indicator-${indicator.key}`}>
            <div className="indicator-label">{t(`indicator.${indicator.key}` as 'indicator.domesticRequests')}</div>
            <div className="indicator-line">
              <span className="indicator-value">{formatValue(locale, indicator)}</span>
              <span className={`trend ${trend.tone}`}>{trend.arrow}</span>
            </div>
            {indicator.trend.length > 1 && <Sparkline values={indicator.trend} color={indicator.alarm ? '#f43f5e' : '#60a5fa'} height={28} />}
          </div>
        );
      })}
    </div>
  );
}
