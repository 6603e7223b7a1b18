import { PRIORITY, type Candidate } from '../candidate.js';
import { AFTER_NAME } from './name-shape.js';

/**
 * Once a name is known (found with a cue, or replaced earlier in the same request), its other
 * occurrences are the same person even without a cue: `김민수님 … 김민수는 …`. Only names of 3+
 * Hangul syllables (or two+ English words) propagate; a 2-syllable name like 이상 is too often a word.
 *
 * A few Hangul names are looked up with the native indexOf; many, at word starts through a map of
 * first syllables (one linear pass, no giant alternation). English names use a small pattern.
 */
function isHangul(code: number): boolean {
  return code >= 0xac00 && code <= 0xd7a3;
}
function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function propagates(name: string): boolean {
  if (isHangul(name.charCodeAt(0))) return name.length >= 3;
  return name.includes(' ') || name.includes('-');
}

/** True when the Hangul word continues after a name only with particles/honorifics (김민수는, 김민수님께). */
function endsAsName(text: string, end: number): boolean {
  if (!isHangul(text.charCodeAt(end))) return true;
  let wordEnd = end;
  while (wordEnd < text.length && wordEnd - end < 8 && isHangul(text.charCodeAt(wordEnd))) wordEnd++;
  return AFTER_NAME.test(text.slice(end, wordEnd));
}

/** Up to this many names, each is looked up with the native indexOf; beyond, one pass over the words. */
const INDEX_OF_LIMIT = 16;

export class NameSet {
  private readonly hangul: string[] = [];
  /** First syllable → names starting with it, longest first (built only for many names). */
  private byFirst: Map<number, string[]> | undefined;
  private readonly english: RegExp | undefined;
  readonly empty: boolean;

  constructor(names: Iterable<string>) {
    const englishNames: string[] = [];
    for (const name of new Set(names)) {
      if (!propagates(name)) continue;
      if (isHangul(name.charCodeAt(0))) this.hangul.push(name);
      else englishNames.push(name);
    }
    // Longest first: 남궁민수 before 남궁민.
    this.hangul.sort((a, b) => b.length - a.length);
    this.english = englishNames.length === 0 ? undefined : new RegExp(englishNames.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
    this.empty = this.hangul.length === 0 && this.english === undefined;
  }

  /** Appends every standalone occurrence of a known name (unsorted; overlaps are resolved by the caller). */
  find(text: string, out: Candidate[]): void {
    if (this.hangul.length > INDEX_OF_LIMIT) this.findByWords(text, out);
    else for (const name of this.hangul) this.findByIndexOf(text, name, out);
    if (this.english !== undefined) {
      this.english.lastIndex = 0;
      for (let match = this.english.exec(text); match !== null; match = this.english.exec(text)) {
        const start = match.index;
        const end = start + match[0].length;
        if (!isAsciiLetter(text.charCodeAt(start - 1)) && !isAsciiLetter(text.charCodeAt(end))) out.push({ type: 'PERSON_NAME', start, end, priority: PRIORITY.name });
      }
    }
  }

  private findByIndexOf(text: string, name: string, out: Candidate[]): void {
    for (let start = text.indexOf(name); start >= 0; start = text.indexOf(name, start + 1)) {
      if (isHangul(text.charCodeAt(start - 1))) continue;
      const end = start + name.length;
      if (endsAsName(text, end)) out.push({ type: 'PERSON_NAME', start, end, priority: PRIORITY.name });
    }
  }

  private findByWords(text: string, out: Candidate[]): void {
    if (this.byFirst === undefined) {
      this.byFirst = new Map();
      for (const name of this.hangul) {
        const list = this.byFirst.get(name.charCodeAt(0)) ?? [];
        list.push(name);
        this.byFirst.set(name.charCodeAt(0), list);
      }
    }
    const length = text.length;
    for (let index = 0; index < length; ) {
      const code = text.charCodeAt(index);
      if (!isHangul(code)) {
        index++;
        continue;
      }
      // `index` starts a Hangul word.
      const candidates = this.byFirst.get(code);
      if (candidates !== undefined) {
        for (const name of candidates) {
          if (text.startsWith(name, index) && endsAsName(text, index + name.length)) {
            out.push({ type: 'PERSON_NAME', start: index, end: index + name.length, priority: PRIORITY.name });
            break;
          }
        }
      }
      index++;
      while (index < length && isHangul(text.charCodeAt(index))) index++;
    }
  }
}
