/** Locale-aware number and time formatting (cached formatters: the overview re-renders every few seconds). */
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

export function formatNumber(locale: string, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** 12,345 → "12.3K" (en) / "1.2만" (ko), for tiles. */
export function formatCompact(locale: string, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(locale: string, share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(share);
}

export function formatMs(locale: string, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  if (ms >= 1000) return `${formatNumber(locale, ms / 1000, 2)} s`;
  return `${formatNumber(locale, ms, ms < 10 ? 1 : 0)} ms`;
}

export function formatTime(locale: string, epochOrIso: number | string): string {
  const date = new Date(epochOrIso);
  return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function formatDateTime(locale: string, epochOrIso: number | string): string {
  const date = new Date(epochOrIso);
  return date.toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function shortHash(hash: string | null | undefined, length = 12): string {
  if (!hash) return '–';
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}
