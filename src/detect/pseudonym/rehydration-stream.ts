import { fixParticle, NEED_MORE } from './particles.js';
import type { PlaceholderIndex } from './placeholder-index.js';

function isWordCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
}
function isUpperCase(code: number): boolean {
  return code >= 65 && code <= 90;
}

/**
 * Restores placeholders in one stream of text (one choice's content, or one tool call's
 * arguments), chunk by chunk. Text that cannot begin a placeholder is returned at once; a tail that
 * may be the beginning of one (`[`, `[KR_`, `[KR_RRN_3f9`, a bare `KR_RRN_3f`) is held until the next
 * chunk completes it or proves it is something else. In `json` mode values are JSON-string-escaped
 * (tool-call arguments are JSON); in `text` mode the particle after a restored value is corrected.
 */
export class RehydrationStream {
  private pending = '';
  /** Final-consonant state of a value that was just restored and not yet followed by any text. */
  private afterValue: boolean | undefined;
  /** Whether the last character handed out was a word character (a bare placeholder needs a boundary). */
  private lastWasWord = false;

  constructor(
    private readonly index: PlaceholderIndex,
    private readonly mode: 'text' | 'json',
  ) {}

  /** True when text is being held back. */
  get holding(): boolean {
    return this.pending.length > 0;
  }

  /** Feeds a chunk; `final` means no more text follows (everything is released). */
  push(chunk: string, final: boolean): string {
    const buffer = this.pending + chunk;
    this.pending = '';
    if (buffer.length === 0) return '';
    const pattern = this.index.pattern();
    let out = '';
    let position = 0;
    let holdFrom = -1;
    for (;;) {
      if (this.afterValue !== undefined) {
        if (position >= buffer.length) break;
        const particle = fixParticle(this.afterValue, buffer, position, final);
        if (particle === NEED_MORE) {
          holdFrom = position;
          break;
        }
        if (particle !== undefined) {
          out += particle;
          position++;
        }
        this.afterValue = undefined;
      }
      pattern.lastIndex = position;
      let match = pattern.exec(buffer);
      // A bare placeholder at the very start of the chunk needs a boundary in what was already sent.
      while (match !== null && match.index === 0 && match[3] !== undefined && this.lastWasWord) {
        pattern.lastIndex = 1;
        match = pattern.exec(buffer);
      }
      if (match === null) break;
      const start = match.index;
      const end = start + match[0].length;
      if (!final && end === buffer.length && !match[0].endsWith(']')) {
        // `[KR_RRN_3f9a2c` at the end: a `]` (or more id characters) may still come.
        holdFrom = start;
        break;
      }
      const entry = match[1] !== undefined ? this.index.lookup(match[1], match[2]!) : this.index.lookup(match[3]!, match[4]!);
      if (entry === undefined) {
        out += buffer.slice(position, end);
        position = end;
        continue;
      }
      out += buffer.slice(position, start) + (this.mode === 'json' ? entry.jsonValue : entry.value);
      position = end;
      if (this.mode === 'text') this.afterValue = entry.finalConsonant;
    }
    if (holdFrom >= 0) {
      out += buffer.slice(position, holdFrom);
      this.pending = buffer.slice(holdFrom);
    } else if (position < buffer.length) {
      const tail = buffer.slice(position);
      const hold = final ? tail.length : this.holdStart(tail, out.length > 0 ? isWordCode(out.charCodeAt(out.length - 1)) : this.lastWasWord);
      out += tail.slice(0, hold);
      this.pending = tail.slice(hold);
    }
    if (final) {
      out += this.pending;
      this.pending = '';
      this.afterValue = undefined;
    }
    if (out.length > 0) this.lastWasWord = isWordCode(out.charCodeAt(out.length - 1));
    return out;
  }

  /** Where a possible placeholder prefix begins in `tail` (tail.length when none). */
  private holdStart(tail: string, wordBefore: boolean): number {
    const from = Math.max(0, tail.length - this.index.maxLength + 1);
    for (let at = from; at < tail.length; at++) {
      const code = tail.charCodeAt(at);
      if (code === 91 /* [ */) {
        if (this.index.bracketPrefixes.has(tail.slice(at).toLowerCase())) return at;
      } else if (isUpperCase(code)) {
        const boundary = at === 0 ? !wordBefore : !isWordCode(tail.charCodeAt(at - 1));
        if (boundary && this.index.barePrefixes.has(tail.slice(at))) return at;
      }
    }
    return tail.length;
  }
}
