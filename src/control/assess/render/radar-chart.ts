import { escapeHtml } from '../../compute/render/escape.js';

export interface RadarSeries {
  name: string;
  /** One value per axis, 0–100. */
  values: readonly number[];
  color: string;
}

/**
 * A radar (spider) chart as inline SVG: one axis per objective, rings at 25/50/75/100. No script, no
 * external reference, so the report opens offline.
 */
export function radarChart(title: string, axes: readonly string[], series: readonly RadarSeries[], size = 420): string {
  const centre = size / 2;
  const radius = size / 2 - 70;
  const angle = (index: number) => -Math.PI / 2 + (2 * Math.PI * index) / axes.length;
  const point = (index: number, value: number) => {
    const r = (Math.max(0, Math.min(100, value)) / 100) * radius;
    return [centre + r * Math.cos(angle(index)), centre + r * Math.sin(angle(index))] as const;
  };
  const parts: string[] = [];
  for (const ring of [25, 50, 75, 100]) {
    const points = axes.map((_, index) => point(index, ring).map((n) => n.toFixed(1)).join(',')).join(' ');
    parts.push(`<polygon points="${points}" fill="none" stroke="#ddd"/>`);
    parts.push(`<text x="${(centre + 3).toFixed(1)}" y="${(centre - (ring / 100) * radius + 11).toFixed(1)}" font-size="10" fill="#888">${ring}</text>`);
  }
  axes.forEach((label, index) => {
    const [x, y] = point(index, 100);
    parts.push(`<line x1="${centre}" y1="${centre}" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#ccc"/>`);
    const [lx, ly] = point(index, 118);
    const anchor = Math.abs(lx - centre) < 8 ? 'middle' : lx > centre ? 'start' : 'end';
    parts.push(`<text x="${lx.toFixed(1)}" y="${(ly + 4).toFixed(1)}" font-size="12" text-anchor="${anchor}">${escapeHtml(label)}</text>`);
  });
  series.forEach((entry) => {
    const points = entry.values.map((value, index) => point(index, value).map((n) => n.toFixed(1)).join(',')).join(' ');
    parts.push(`<polygon points="${points}" fill="${entry.color}" fill-opacity="0.18" stroke="${entry.color}" stroke-width="2"><title>${escapeHtml(entry.name)}</title></polygon>`);
    entry.values.forEach((value, index) => {
      const [x, y] = point(index, value);
      parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="${entry.color}"><title>${escapeHtml(`${entry.name} — ${axes[index]}: ${value.toFixed(1)}`)}</title></circle>`);
    });
  });
  const legend = series.map((entry, index) => `<rect x="8" y="${8 + index * 18}" width="12" height="12" fill="${entry.color}"/><text x="24" y="${18 + index * 18}" font-size="12">${escapeHtml(entry.name)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" font-family="system-ui, sans-serif"><title>${escapeHtml(title)}</title>${parts.join('')}${legend}</svg>`;
}
