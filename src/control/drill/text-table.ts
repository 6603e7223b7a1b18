/** A column of a plain-text table: right-aligned columns hold numbers. */
export interface TextColumn {
  header: string;
  align?: 'left' | 'right';
}

/** Fixed-width plain-text table (two spaces between columns, header underlined with dashes). */
export function textTable(columns: readonly TextColumn[], rows: readonly string[][]): string {
  const widths = columns.map((column, index) => Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index]!;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function formatShare(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}
