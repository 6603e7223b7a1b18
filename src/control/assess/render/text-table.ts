import stringWidth from 'string-width';

/**
 * A plain-text table padded by display width (Hangul and other East Asian wide characters take two
 * terminal columns), so Korean component names line up. Right-aligned columns hold numbers.
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string {
  const widths = header.map((title, column) => Math.max(stringWidth(title), ...rows.map((row) => stringWidth(row[column] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const pad = ' '.repeat(Math.max(0, widths[column]! - stringWidth(cell)));
        return right.includes(column) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

export function hhiText(value: number | null): string {
  return value === null ? '—' : Math.round(value).toLocaleString('en-US');
}

export function shareText(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}
