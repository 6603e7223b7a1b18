import stringWidth from 'string-width';

/**
 * A plain-text table padded by display width, not by character count: Hangul and other wide
 * characters take two terminal cells (Unicode East Asian Width), so "문법·어법" lines up with "grammar".
 * Columns whose every cell is numeric-looking are right-aligned.
 */
export function displayTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned?: readonly boolean[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => stringWidth(row[column] ?? ''))));
  const right = rightAligned ?? header.map((_, column) => rows.length > 0 && rows.every((row) => /^[-+]?[\d.,%–\s]+$|^—$|^n\/a$/.test(row[column] ?? '')));
  return all
    .map((row) =>
      row
        .map((cell, column) => {
          const pad = ' '.repeat(Math.max(0, widths[column]! - stringWidth(cell)));
          return right[column] ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export { stringWidth as displayWidth };
