/** A plain-text table: left-aligned text columns, right-aligned number columns, two spaces apart. */
export function textTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)))];
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => [...String(row[column] ?? '')].length)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => {
          const text = String(cell ?? '');
          const pad = ' '.repeat(widths[column]! - [...text].length);
          return numeric[column] ? pad + text : text + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
