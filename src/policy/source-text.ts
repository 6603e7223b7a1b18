/**
 * Cedar reports source locations as UTF-8 byte offsets; policy files may hold Korean comments and
 * reasons, so offsets are converted through the encoded bytes rather than used as string indices.
 */
export function lineAtByteOffset(text: string, byteOffset: number, firstLine = 1): number {
  const bytes = Buffer.from(text, 'utf8');
  const end = Math.max(0, Math.min(byteOffset, bytes.length));
  let line = firstLine;
  for (let index = 0; index < end; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
}

/** 1-based line of a string index, by binary search over the offsets where lines start. */
function lineLocator(text: string): (index: number) => number {
  const starts = [0];
  for (let position = text.indexOf('\n'); position !== -1; position = text.indexOf('\n', position + 1)) starts.push(position + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** One `…;` statement of a policy file, without the comments and blank lines before it. */
export interface PolicyStatement {
  text: string;
  /** 1-based line where the statement (its first annotation or effect keyword) starts. */
  line: number;
}

/**
 * Splits Cedar policy text into statements. In Cedar a `;` outside string literals and `//` comments
 * only ever ends a policy, so a small scanner is exact; each statement is then parsed by Cedar itself,
 * which gives every policy its own id and every error its own line.
 */
export function splitPolicyStatements(text: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const lineAtIndex = lineLocator(text);
  let start = -1;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '/' && text[index + 1] === '/') {
      const newline = text.indexOf('\n', index);
      index = newline === -1 ? text.length : newline + 1;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      index += 1;
      continue;
    }
    if (start === -1) start = index;
    if (char === '"') {
      index += 1;
      while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
      index += 1;
      continue;
    }
    if (char === ';') {
      statements.push({ text: text.slice(start, index + 1), line: lineAtIndex(start) });
      start = -1;
    }
    index += 1;
  }
  if (start !== -1) statements.push({ text: text.slice(start), line: lineAtIndex(start) });
  return statements;
}
