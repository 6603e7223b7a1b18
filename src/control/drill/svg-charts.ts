import type { DrillRow, DrillTimelineBucket } from './drill-report.js';

/** Outcome colours, shared by both charts and the legend (colour-blind-safe: blue, orange, vermilion, grey). */
export const OUTCOME_COLOURS = { same: '#0072b2', failedOver: '#e69f00', notServed: '#d55e00', outOfScope: '#bbbbbb' } as const;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function rect(x: number, y: number, width: number, height: number, fill: string, title: string): string {
  if (width <= 0 || height <= 0) return '';
  return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${width.toFixed(1)}" height="${height.toFixed(1)}" fill="${fill}"><title>${escapeXml(title)}</title></rect>`;
}

/**
 * One horizontal 100 % bar per app and alias: served by the same target, failed over, not served.
 * Inline SVG, no script, no external reference.
 */
export function rowsChart(rows: readonly DrillRow[]): string {
  const labelWidth = 260;
  const barWidth = 460;
  const rowHeight = 26;
  const rowsInScope = rows.filter((row) => row.requests > 0);
  const height = Math.max(1, rowsInScope.length) * rowHeight + 10;
  const parts: string[] = [];
  rowsInScope.forEach((row, index) => {
    const y = 5 + index * rowHeight;
    const label = `${row.app} / ${row.alias}`;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" class="label">${escapeXml(label)}</text>`);
    const failedOver = row.served - row.same;
    const notServed = row.requests - row.served;
    let x = labelWidth;
    for (const [count, colour, name] of [
      [row.same, OUTCOME_COLOURS.same, 'same target'],
      [failedOver, OUTCOME_COLOURS.failedOver, 'failed over'],
      [notServed, OUTCOME_COLOURS.notServed, 'not served'],
    ] as const) {
      const width = (count / row.requests) * barWidth;
      parts.push(rect(x, y + 3, width, rowHeight - 8, colour, `${label}: ${count} ${name}`));
      x += width;
    }
    parts.push(`<text x="${labelWidth + barWidth + 8}" y="${y + 16}" class="value">${row.continuity === null ? 'n/a' : `${(row.continuity * 100).toFixed(1)}%`}</text>`);
  });
  if (rowsInScope.length === 0) parts.push(`<text x="10" y="20" class="label">no request in scope</text>`);
  const width = labelWidth + barWidth + 70;
  return `<svg role="img" aria-label="Outcome per app and alias" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** Stacked columns per time bucket: how the outcome changes over the recorded window. */
export function timelineChart(buckets: readonly DrillTimelineBucket[]): string {
  const width = 760;
  const height = 200;
  const left = 50;
  const bottom = 24;
  const plotHeight = height - bottom - 10;
  const maximum = Math.max(1, ...buckets.map((bucket) => bucket.same + bucket.failedOver + bucket.notServed + bucket.outOfScope));
  const columnWidth = buckets.length > 0 ? (width - left - 10) / buckets.length : 0;
  const parts: string[] = [
    `<line x1="${left}" y1="${10 + plotHeight}" x2="${width - 10}" y2="${10 + plotHeight}" class="axis"/>`,
    `<text x="${left - 6}" y="16" text-anchor="end" class="value">${maximum}</text>`,
    `<text x="${left - 6}" y="${10 + plotHeight}" text-anchor="end" class="value">0</text>`,
  ];
  buckets.forEach((bucket, index) => {
    const x = left + index * columnWidth + 1;
    let y = 10 + plotHeight;
    for (const key of ['same', 'failedOver', 'notServed', 'outOfScope'] as const) {
      const barHeight = (bucket[key] / maximum) * plotHeight;
      y -= barHeight;
      parts.push(rect(x, y, Math.max(1, columnWidth - 2), barHeight, OUTCOME_COLOURS[key], `${bucket.start}: ${bucket[key]} ${key}`));
    }
  });
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (first) parts.push(`<text x="${left}" y="${height - 6}" class="value">${escapeXml(first.start)}</text>`);
  if (last && last !== first) parts.push(`<text x="${width - 10}" y="${height - 6}" text-anchor="end" class="value">${escapeXml(last.start)}</text>`);
  return `<svg role="img" aria-label="Outcome over time" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}
