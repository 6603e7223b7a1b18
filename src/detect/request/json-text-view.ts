/**
 * A JSON document seen as text a detector can read: every key, string and number becomes a line
 * `key: value`, with escapes decoded (`\uD64D\uAE38\uB3D9` → 홍길동) and the key right before its
 * value as context. Built by a linear tokenizer (no JSON.parse of the whole document, no recursion),
 * so nesting depth does not matter, and every piece remembers where it sits in the raw text, so that
 * replacements are spliced back without re-serializing (formatting is kept).
 */
export interface JsonLeaf {
  /** Where the literal sits in the raw JSON (quotes included for strings). */
  rawStart: number;
  rawEnd: number;
  /** Where its decoded value sits in the flat text. */
  flatStart: number;
  flatEnd: number;
  kind: 'string' | 'number';
  key: boolean;
  value: string;
}

export interface JsonTextView {
  flat: string;
  leaves: JsonLeaf[];
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Cheap test before tokenizing: the text starts (after white space) like an object or array. */
export function looksLikeJson(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9 || code === 10 || code === 13) continue;
    return code === 123 || code === 91;
  }
  return false;
}

/** The view, or undefined when the text is not made of JSON tokens. */
export function jsonTextView(raw: string): JsonTextView | undefined {
  const leaves: JsonLeaf[] = [];
  const length = raw.length;
  let position = 0;
  while (position < length) {
    const code = raw.charCodeAt(position);
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 44 || code === 123 || code === 125 || code === 91 || code === 93) {
      position++;
    } else if (code === 58 /* : */) {
      const previous = leaves[leaves.length - 1];
      if (previous === undefined || previous.kind !== 'string' || previous.rawEnd > position) return undefined;
      previous.key = true;
      position++;
    } else if (code === 34 /* " */) {
      let end = position + 1;
      for (;;) {
        if (end >= length) return undefined;
        const inner = raw.charCodeAt(end);
        if (inner === 92 /* \ */) end += 2;
        else if (inner === 34) break;
        else if (inner < 32) return undefined;
        else end++;
      }
      end++;
      let value: string;
      try {
        value = JSON.parse(raw.slice(position, end)) as string;
      } catch {
        return undefined;
      }
      leaves.push({ rawStart: position, rawEnd: end, flatStart: 0, flatEnd: 0, kind: 'string', key: false, value });
      position = end;
    } else if (code === 45 || (code >= 48 && code <= 57)) {
      NUMBER.lastIndex = position;
      const match = NUMBER.exec(raw);
      if (match === null) return undefined;
      const end = position + match[0].length;
      leaves.push({ rawStart: position, rawEnd: end, flatStart: 0, flatEnd: 0, kind: 'number', key: false, value: match[0] });
      position = end;
    } else if (raw.startsWith('true', position) || raw.startsWith('null', position)) {
      position += 4;
    } else if (raw.startsWith('false', position)) {
      position += 5;
    } else {
      return undefined;
    }
  }
  const parts: string[] = [];
  let offset = 0;
  for (const leaf of leaves) {
    leaf.flatStart = offset;
    leaf.flatEnd = offset + leaf.value.length;
    const separator = leaf.key ? ': ' : '\n';
    parts.push(leaf.value, separator);
    offset = leaf.flatEnd + separator.length;
  }
  return { flat: parts.join(''), leaves };
}

/** Index of the first leaf whose flat range ends after `flatOffset` (binary search); leaves.length if none. */
export function firstLeafEndingAfter(view: JsonTextView, flatOffset: number): number {
  let low = 0;
  let high = view.leaves.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (view.leaves[middle]!.flatEnd <= flatOffset) low = middle + 1;
    else high = middle;
  }
  return low;
}
