import { Area, AreaChart, Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n/i18n.js';
import { formatNumber, formatTime } from '../lib/format.js';

const AXIS = { stroke: '#475569', fontSize: 11, tickLine: false } as const;
const TOOLTIP_STYLE = { background: '#0b1220', border: '1px solid #334155', borderRadius: 6, fontSize: 12, color: '#e2e8f0' } as const;

export interface SeriesSpec {
  key: string;
  label: string;
  color: string;
}

/**
 * A stacked area chart of per-step sums shown as per-second rates: one area per label (jurisdiction,
 * tier, provider, grade), with the legend as plain HTML so it wraps cleanly on a laptop screen.
 */
export function StackedRateChart({ times, stepSeconds, series, specs, height = 165, testId, unit }: { times: number[]; stepSeconds: number; series: Record<string, number[]>; specs: SeriesSpec[]; height?: number; testId?: string; unit: string }) {
  const { locale } = useI18n();
  const rows = times.map((time, index) => {
    const row: Record<string, number> = { time };
    for (const spec of specs) row[spec.key] = (series[spec.key]?.[index] ?? 0) / stepSeconds;
    return row;
  });
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart data={rows} margin={{ top: 6, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="#1e293b" vertical={false} />
          <XAxis dataKey="time" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(value: number) => formatTime(locale, value).slice(0, 5)} {...AXIS} minTickGap={40} />
          <YAxis {...AXIS} width={48} tickFormatter={(value: number) => formatNumber(locale, value, value < 10 ? 1 : 0)} allowDecimals />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(value) => formatTime(locale, Number(value))}
            formatter={(value, name) => [`${formatNumber(locale, Number(value), 2)} ${unit}`, specs.find((spec) => spec.key === name)?.label ?? String(name)]}
          />
          {specs.map((spec) => (
            <Area key={spec.key} type="monotone" dataKey={spec.key} stackId="1" stroke={spec.color} fill={spec.color} fillOpacity={0.35} strokeWidth={1.5} isAnimationActive={false} dot={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
      <Legend specs={specs} />
    </div>
  );
}

export function Legend({ specs }: { specs: SeriesSpec[] }) {
  return (
    <ul className="legend">
      {specs.map((spec) => (
        <li key={spec.key}>
          <span className="swatch" style={{ background: spec.color }} />
          {spec.label}
        </li>
      ))}
    </ul>
  );
}

/** A tiny trend line without axes (indicator trends). */
export function Sparkline({ values, color, height = 34 }: { values: (number | null)[]; color: string; height?: number }) {
  const rows = values.map((value, index) => ({ index, value }));
  return (
    <div className="sparkline">
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 4, right: 2, bottom: 4, left: 2 }}>
          <YAxis hide domain={['auto', 'auto']} />
          <Line type="monotone" dataKey="value" stroke={color} strokeWidth={1.8} dot={false} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Horizontal or vertical grouped bars (drill outcomes, compute tiers). */
export function BarsChart({ rows, categoryKey, specs, height = 220, stacked, layout = 'horizontal', testId }: { rows: Record<string, string | number>[]; categoryKey: string; specs: SeriesSpec[]; height?: number; stacked?: boolean; layout?: 'horizontal' | 'vertical'; testId?: string }) {
  const { locale } = useI18n();
  const vertical = layout === 'vertical';
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} layout={layout} margin={{ top: 6, right: 12, bottom: 0, left: vertical ? 8 : -8 }}>
          <CartesianGrid stroke="#1e293b" vertical={vertical} horizontal={!vertical} />
          {vertical ? (
            <>
              <XAxis type="number" {...AXIS} tickFormatter={(value: number) => formatNumber(locale, value)} />
              <YAxis type="category" dataKey={categoryKey} {...AXIS} width={170} tick={{ fill: '#b6c3d8', fontSize: 11 }} tickFormatter={(value: string) => (value.length > 26 ? `${value.slice(0, 25)}…` : value)} />
            </>
          ) : (
            <>
              <XAxis dataKey={categoryKey} {...AXIS} interval={0} />
              <YAxis {...AXIS} tickFormatter={(value: number) => formatNumber(locale, value)} />
            </>
          )}
          <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: '#1e293b88' }} formatter={(value, name) => [formatNumber(locale, Number(value), 2), specs.find((spec) => spec.key === name)?.label ?? String(name)]} />
          {specs.map((spec) => (
            <Bar key={spec.key} dataKey={spec.key} fill={spec.color} {...(stacked ? { stackId: 'a' } : {})} isAnimationActive={false} radius={stacked ? 0 : 2} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <Legend specs={specs} />
    </div>
  );
}
