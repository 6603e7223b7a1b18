import { escapeHtml } from '../compute/render/escape.js';
import { PALETTE } from '../compute/render/svg-charts.js';
import { displayWidth } from './display-table.js';

export interface IntervalRow {
  label: string;
  value: number | null;
  ci: [number, number] | null;
}

export interface IntervalChartOptions {
  title: string;
  rows: readonly IntervalRow[];
  /** Axis range. */
  min: number;
  max: number;
  /** A vertical line, e.g. the 95 % target ratio. */
  marker?: { value: number; label: string };
  /** Values are shares 0–1 shown as percentages. */
  percent?: boolean;
  width?: number;
}

/**
 * A point with its 95 % interval per row (a "forest plot"): the honest picture of a score, since two
 * accuracies whose intervals overlap are not shown to differ. Inline SVG, no script.
 */
export function intervalChart(options: IntervalChartOptions): string {
  const width = options.width ?? 900;
  const labelWidth = Math.min(320, Math.max(110, 16 + Math.max(0, ...options.rows.map((row) => displayWidth(row.label))) * 7));
  const left = labelWidth;
  const right = 110;
  const plotWidth = width - left - right;
  const rowHeight = 26;
  const top = 34;
  const height = top + options.rows.length * rowHeight + 30;
  const span = options.max - options.min || 1;
  const x = (value: number) => left + ((Math.min(options.max, Math.max(options.min, value)) - options.min) / span) * plotWidth;
  const show = (value: number) => (!Number.isFinite(value) ? '∞' : options.percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(3));
  const parts: string[] = [];
  for (let tick = 0; tick <= 4; tick++) {
    const value = options.min + (span * tick) / 4;
    const tx = x(value).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${height - 24}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${tx}" y="${height - 8}" font-size="11" text-anchor="middle" fill="#555">${escapeHtml(show(value))}</text>`);
  }
  if (options.marker) {
    const mx = x(options.marker.value).toFixed(1);
    parts.push(`<line x1="${mx}" y1="${top - 10}" x2="${mx}" y2="${height - 24}" stroke="#b3261e" stroke-width="2" stroke-dasharray="5 3"/>`);
    parts.push(`<text x="${mx}" y="${top - 14}" font-size="11" text-anchor="middle" fill="#b3261e">${escapeHtml(options.marker.label)}</text>`);
  }
  options.rows.forEach((row, index) => {
    const y = top + index * rowHeight + rowHeight / 2;
    const color = PALETTE[index % PALETTE.length]!;
    parts.push(`<text x="${left - 10}" y="${y + 4}" font-size="12" text-anchor="end">${escapeHtml(row.label)}</text>`);
    if (row.value === null) {
      parts.push(`<text x="${left + 4}" y="${y + 4}" font-size="11" fill="#777">not measured (every item denied or failed)</text>`);
      return;
    }
    const tip = `${row.label}: ${show(row.value)}${row.ci ? ` (95% CI ${show(row.ci[0])}–${show(row.ci[1])})` : ''}`;
    if (row.ci) {
      const [lo, hi] = [x(row.ci[0]), x(row.ci[1])];
      parts.push(`<line x1="${lo.toFixed(1)}" y1="${y}" x2="${hi.toFixed(1)}" y2="${y}" stroke="${color}" stroke-width="3"><title>${escapeHtml(tip)}</title></line>`);
      parts.push(`<line x1="${lo.toFixed(1)}" y1="${y - 6}" x2="${lo.toFixed(1)}" y2="${y + 6}" stroke="${color}" stroke-width="2"/><line x1="${hi.toFixed(1)}" y1="${y - 6}" x2="${hi.toFixed(1)}" y2="${y + 6}" stroke="${color}" stroke-width="2"/>`);
    }
    parts.push(`<circle cx="${x(row.value).toFixed(1)}" cy="${y}" r="5" fill="${color}"><title>${escapeHtml(tip)}</title></circle>`);
    parts.push(`<text x="${width - right + 8}" y="${y + 4}" font-size="11" fill="#444">${escapeHtml(show(row.value))}</text>`);
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif">` +
    `<title>${escapeHtml(options.title)}</title>` +
    `<text x="8" y="16" font-size="14" font-weight="600">${escapeHtml(options.title)}</text>` +
    parts.join('') +
    `</svg>`
  );
}
