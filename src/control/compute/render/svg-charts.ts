import { escapeHtml } from './escape.js';
import { formatNumber } from './text-table.js';

/**
 * Small, dependency-free SVG charts for the self-contained HTML report (no scripts, no external
 * requests). Each returns an <svg> element with a <title> for screen readers.
 */

export const PALETTE = ['#1f5aa6', '#d9822b', '#2e8b57', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#b7950b', '#2c3e50', '#e84393'];

export interface Series {
  name: string;
  values: readonly number[];
  color?: string;
}

export interface BarChartOptions {
  title: string;
  categories: readonly string[];
  series: readonly Series[];
  /** Stack the series in one bar per category instead of one bar per series. */
  stacked?: boolean;
  /** Optional per-category reference value drawn as a vertical tick (e.g. a budget or usable capacity). */
  reference?: { name: string; values: readonly number[] };
  unit?: string;
  width?: number;
}

const BAR = 16;
const GAP = 10;
const CHAR_WIDTH = 6.8;

/** Legend items laid out left to right, wrapping to a new row at the chart's width. */
function legend(items: { name: string; color: string; line?: boolean }[], left: number, width: number, top: number): { svg: string; height: number } {
  let x = left;
  let y = top;
  const parts = items.map((item) => {
    const itemWidth = 28 + item.name.length * CHAR_WIDTH;
    if (x + itemWidth > width - 8 && x > left) {
      x = left;
      y += 18;
    }
    const swatch = item.line
      ? `<line x1="${x}" y1="${y - 4}" x2="${x + 12}" y2="${y - 4}" stroke="${item.color}" stroke-width="3"/>`
      : `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${item.color}"/>`;
    const text = `<text x="${x + 16}" y="${y}" font-size="12">${escapeHtml(item.name)}</text>`;
    x += itemWidth;
    return swatch + text;
  });
  return { svg: parts.join(''), height: y - top + 18 };
}

/** Horizontal bars: grouped (one bar per series) or stacked, with an optional reference tick per category. */
export function barChart(options: BarChartOptions): string {
  const width = options.width ?? 900;
  const labelWidth = Math.min(340, Math.max(120, 12 + Math.max(...options.categories.map((category) => category.length)) * CHAR_WIDTH));
  const plotWidth = width - labelWidth - 80;
  const colors = options.series.map((series, index) => series.color ?? PALETTE[index % PALETTE.length]!);
  const legendItems: { name: string; color: string; line?: boolean }[] = options.series.map((series, index) => ({ name: series.name, color: colors[index]! }));
  if (options.reference) legendItems.push({ name: options.reference.name, color: '#111', line: true });
  const legendLayout = legend(legendItems, 8, width, 40);
  const perCategory = options.stacked ? BAR : BAR * options.series.length;
  const top = 40 + legendLayout.height;
  const height = top + options.categories.length * (perCategory + GAP) + 12;
  const totals = options.categories.map((_, index) =>
    options.stacked ? options.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0) : Math.max(0, ...options.series.map((series) => series.values[index] ?? 0)),
  );
  const max = Math.max(1, ...totals, ...(options.reference?.values ?? []));
  const scale = (value: number) => (value / max) * plotWidth;
  const unit = options.unit ? ` ${options.unit}` : '';
  const parts: string[] = [];
  options.categories.forEach((category, index) => {
    const y = top + index * (perCategory + GAP);
    const reference = options.reference?.values[index];
    const referenceX = reference === undefined ? 0 : scale(reference);
    // Value labels go past both the bar and the reference tick, so the two never overlap.
    const labelX = (barWidth: number) => (labelWidth + Math.max(barWidth, referenceX + 2) + 4).toFixed(1);
    parts.push(`<text x="${labelWidth - 8}" y="${y + perCategory / 2 + 4}" font-size="12" text-anchor="end">${escapeHtml(category)}</text>`);
    let x = labelWidth;
    options.series.forEach((series, seriesIndex) => {
      const value = series.values[index] ?? 0;
      const barY = options.stacked ? y : y + seriesIndex * BAR;
      const barX = options.stacked ? x : labelWidth;
      const w = scale(value);
      if (w > 0) {
        parts.push(`<rect x="${barX.toFixed(1)}" y="${barY}" width="${w.toFixed(1)}" height="${BAR - 2}" fill="${colors[seriesIndex]}"><title>${escapeHtml(`${category} — ${series.name}: ${formatNumber(value)}${unit}`)}</title></rect>`);
      }
      if (options.stacked) x += w;
      else parts.push(`<text x="${labelX(w)}" y="${barY + BAR - 4}" font-size="11" fill="#444">${formatNumber(value)}</text>`);
    });
    if (options.stacked) parts.push(`<text x="${labelX(x - labelWidth)}" y="${y + BAR - 4}" font-size="11" fill="#444">${formatNumber(totals[index]!)}</text>`);
    if (reference !== undefined) {
      const rx = labelWidth + referenceX;
      parts.push(`<line x1="${rx.toFixed(1)}" y1="${y - 3}" x2="${rx.toFixed(1)}" y2="${y + perCategory + 1}" stroke="#111" stroke-width="2"><title>${escapeHtml(`${category} — ${options.reference!.name}: ${formatNumber(reference)}${unit}`)}</title></line>`);
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif">` +
    `<title>${escapeHtml(options.title)}</title>` +
    `<text x="8" y="16" font-size="14" font-weight="600">${escapeHtml(options.title)}</text>` +
    legendLayout.svg +
    parts.join('') +
    `</svg>`
  );
}

export interface LineChartOptions {
  title: string;
  xLabels: readonly string[];
  series: readonly Series[];
  /** Values are shares 0–1, drawn as percentages on a 0–100 % axis. */
  percent?: boolean;
  width?: number;
}

/** A line chart over a few x positions (years), with a y axis from 0. */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 900;
  const height = 300;
  const left = 60;
  const right = 20;
  const top = 30 + 18 * Math.ceil(options.series.length / 3);
  const bottom = 36;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const max = options.percent ? 1 : Math.max(1, ...options.series.flatMap((series) => series.values));
  const x = (index: number) => left + (options.xLabels.length === 1 ? plotWidth / 2 : (index / (options.xLabels.length - 1)) * plotWidth);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const label = (value: number) => (options.percent ? `${Math.round(value * 100)}%` : formatNumber(Math.round(value)));
  const parts: string[] = [];
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max * tick) / 4;
    parts.push(`<line x1="${left}" y1="${y(value).toFixed(1)}" x2="${width - right}" y2="${y(value).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(value) + 4).toFixed(1)}" font-size="11" text-anchor="end">${label(value)}</text>`);
  }
  options.xLabels.forEach((text, index) => parts.push(`<text x="${x(index).toFixed(1)}" y="${height - 12}" font-size="12" text-anchor="middle">${escapeHtml(text)}</text>`));
  const legendParts: string[] = [];
  options.series.forEach((series, index) => {
    const color = series.color ?? PALETTE[index % PALETTE.length]!;
    const points = series.values.map((value, position) => `${x(position).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
    series.values.forEach((value, position) =>
      parts.push(`<circle cx="${x(position).toFixed(1)}" cy="${y(value).toFixed(1)}" r="3.5" fill="${color}"><title>${escapeHtml(`${series.name}, ${options.xLabels[position]}: ${label(value)}`)}</title></circle>`),
    );
    const lx = 8 + (index % 3) * 250;
    const ly = 36 + Math.floor(index / 3) * 18;
    legendParts.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${color}"/><text x="${lx + 16}" y="${ly}" font-size="12">${escapeHtml(series.name)}</text>`);
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif">` +
    `<title>${escapeHtml(options.title)}</title>` +
    `<text x="8" y="16" font-size="14" font-weight="600">${escapeHtml(options.title)}</text>` +
    legendParts.join('') +
    parts.join('') +
    `</svg>`
  );
}
