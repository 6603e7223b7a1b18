import { CONTEXT_CATEGORY_COUNT, CONTEXT_WORDS, type ContextCategory } from './keywords.js';

/** Characters looked at before and after a candidate. Labels usually precede the value. */
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 24;
/** A label after the value counts less than one before it ("010-… (휴대폰)" is rarer than "휴대폰: 010-…"). */
const AFTER_PENALTY = 2;
const NONE = 0x7fffffff;
const SYLLABLES = 11172;

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Keyword {
  category: ContextCategory;
  /** Pure ASCII: must stand alone as a word. */
  ascii: boolean;
}

const KEYWORDS = new Map<string, Keyword>();
for (const [categoryText, words] of Object.entries(CONTEXT_WORDS)) {
  const category = Number(categoryText) as ContextCategory;
  for (const word of words) {
    const key = word.toLowerCase();
    if (!KEYWORDS.has(key)) KEYWORDS.set(key, { category, ascii: /^[\x00-\x7f]+$/.test(word) });
  }
}

// Korean words (no Latin letters) are found through their first two syllables, then confirmed by a
// sticky pattern: a window is read once, with one table lookup per syllable. Words with Latin
// letters use a case-insensitive pattern, run only on windows that contain a Latin letter.
const koreanWords = [...KEYWORDS.keys()].filter((word) => !/[a-z]/.test(word)).sort((a, b) => b.length - a.length);
const KOREAN_AT = new RegExp(koreanWords.map(escapeRegExp).join('|'), 'y');
const KOREAN_FIRST = new Uint8Array(SYLLABLES);
const KOREAN_BIGRAMS = new Set<number>();
for (const word of koreanWords) {
  const first = word.charCodeAt(0) - 0xac00;
  const second = word.charCodeAt(1) - 0xac00;
  KOREAN_FIRST[first] = 1;
  KOREAN_BIGRAMS.add(first * SYLLABLES + second);
}
const LATIN_WORDS = new RegExp(
  [...KEYWORDS.keys()]
    .filter((word) => /[a-z]/.test(word))
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'gi',
);

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
function isLowerAsciiLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** Start of the current line if it has text before `at` (earlier lines then do not count), else `from`. */
function lowerBound(text: string, from: number, at: number): number {
  let lower = from;
  // A blank line separates records: context from the previous paragraph does not apply.
  for (let index = at - 1; index > from; index--) {
    if (text.charCodeAt(index) === 10 && text.charCodeAt(index - 1) === 10) {
      lower = index + 1;
      break;
    }
  }
  // Earlier lines count only when the value starts its own line (a label on the line above it).
  let lineStart = -1;
  for (let index = at - 1; index >= lower; index--) {
    if (text.charCodeAt(index) === 10) {
      lineStart = index + 1;
      break;
    }
  }
  if (lineStart > lower && text.slice(lineStart, at).trim() !== '') lower = lineStart;
  return lower;
}

/** End of the value's own sentence: a line break or sentence-ending punctuation followed by a space. */
function upperBound(text: string, at: number, to: number): number {
  for (let index = at; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) return index;
    if (code === 46 || code === 33 || code === 63 || code === 0x3002) {
      const next = text.charCodeAt(index + 1);
      if (index + 1 >= text.length || next === 32 || next === 10 || next === 9) return index;
    }
  }
  return to;
}

/**
 * Distances from one candidate span to the nearest context word of every category, computed from a
 * bounded window (so the cost per candidate is constant, whatever the text length).
 */
export class ContextProbe {
  private readonly distances = new Int32Array(CONTEXT_CATEGORY_COUNT);
  private text = '';
  private start = -1;
  private end = -1;

  /** Looks around [start, end) of text; cheap to call again for the same span. */
  around(text: string, start: number, end: number): this {
    if (text === this.text && start === this.start && end === this.end) return this;
    this.text = text;
    this.start = start;
    this.end = end;
    this.distances.fill(NONE);
    const before = lowerBound(text, Math.max(0, start - WINDOW_BEFORE), start);
    const after = upperBound(text, end, Math.min(text.length, end + WINDOW_AFTER));
    this.scan(text, before, start, start, true);
    this.scan(text, end, after, end, false);
    return this;
  }

  private record(keyword: Keyword, hitStart: number, hitEnd: number, anchor: number, before: boolean): void {
    const distance = before ? anchor - hitEnd : (hitStart - anchor) * AFTER_PENALTY;
    if (distance < this.distances[keyword.category]!) this.distances[keyword.category] = distance;
  }

  private scan(text: string, from: number, to: number, anchor: number, before: boolean): void {
    let latin = false;
    for (let index = from; index < to; index++) {
      const code = text.charCodeAt(index);
      if (isAsciiLetter(code)) latin = true;
      const syllable = code - 0xac00;
      if (syllable < 0 || syllable >= SYLLABLES || KOREAN_FIRST[syllable] === 0) continue;
      if (!KOREAN_BIGRAMS.has(syllable * SYLLABLES + (text.charCodeAt(index + 1) - 0xac00))) continue;
      KOREAN_AT.lastIndex = index;
      const match = KOREAN_AT.exec(text);
      if (match === null || index + match[0].length > to) continue;
      this.record(KEYWORDS.get(match[0])!, index, index + match[0].length, anchor, before);
    }
    if (latin) this.scanLatin(text.slice(from, to), from, anchor, before);
  }

  private scanLatin(window: string, from: number, anchor: number, before: boolean): void {
    LATIN_WORDS.lastIndex = 0;
    for (let match = LATIN_WORDS.exec(window); match !== null; match = LATIN_WORDS.exec(window)) {
      const keyword = KEYWORDS.get(match[0].toLowerCase());
      if (keyword === undefined) continue;
      const hitStart = match.index;
      const hitEnd = hitStart + match[0].length;
      if (keyword.ascii) {
        // ASCII words stand alone; an upper-case letter after is allowed (camelCase: cardNumber).
        if (hitStart > 0 && isAsciiLetter(window.charCodeAt(hitStart - 1))) continue;
        if (hitEnd < window.length && isLowerAsciiLetter(window.charCodeAt(hitEnd))) continue;
      }
      this.record(keyword, from + hitStart, from + hitEnd, anchor, before);
    }
  }

  /** Distance (in characters; after the value, doubled) to the nearest word of a category, or undefined. */
  distance(category: ContextCategory): number | undefined {
    const distance = this.distances[category]!;
    return distance === NONE ? undefined : distance;
  }

  /** The category among `categories` whose word is nearest, or undefined when none is in the window. */
  nearest(categories: readonly ContextCategory[]): ContextCategory | undefined {
    let best: ContextCategory | undefined;
    let bestDistance = NONE;
    for (const category of categories) {
      const distance = this.distances[category]!;
      if (distance < bestDistance) {
        best = category;
        bestDistance = distance;
      }
    }
    return best;
  }
}
