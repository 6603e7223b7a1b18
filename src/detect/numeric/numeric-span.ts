import { ContextProbe } from '../context/context-probe.js';
import { CONTEXT, type ContextCategory } from '../context/keywords.js';
import { NumericToken, SEPARATOR, type Separator } from './numeric-token.js';

/** Every category that claims a number; the nearest one says what a bare digit string is. */
export const IDENTIFIER_CATEGORIES: readonly ContextCategory[] = [
  CONTEXT.RRN, CONTEXT.FRN, CONTEXT.CRN, CONTEXT.BRN, CONTEXT.PASSPORT, CONTEXT.LICENSE,
  CONTEXT.ACCOUNT, CONTEXT.CARD, CONTEXT.PHONE, CONTEXT.IP, CONTEXT.NEGATIVE,
];

/**
 * Groups first..last of one numeric token, as seen by the per-type classifiers. One instance is
 * reused for every span; the digit string is built only when a classifier asks for it.
 */
export class NumericSpan {
  text = '';
  token: NumericToken = new NumericToken();
  first = 0;
  last = 0;
  private cachedDigits: string | undefined;
  private readonly probe = new ContextProbe();

  reset(text: string, token: NumericToken, first: number, last: number): this {
    this.text = text;
    this.token = token;
    this.first = first;
    this.last = last;
    this.cachedDigits = undefined;
    return this;
  }

  get groups(): number {
    return this.last - this.first + 1;
  }

  /** Start offset; includes a `+`/`(` prefix when the span starts the token. */
  get start(): number {
    return this.first === 0 ? this.token.start : this.token.groupStart[this.first]!;
  }

  get end(): number {
    return this.token.groupEnd[this.last]!;
  }

  /** Digits of group k of the span (k counted from the span's first group). */
  length(k: number): number {
    return this.token.digitCount(this.first + k);
  }

  groupText(k: number): string {
    const group = this.first + k;
    return this.text.slice(this.token.groupStart[group]!, this.token.groupDigitsEnd[group]!);
  }

  /** Separator between group k and k + 1 of the span. */
  separator(k: number): Separator {
    return this.token.separator[this.first + k]! as Separator;
  }

  /** True when the span has the given digit counts per group. */
  shape(...lengths: number[]): boolean {
    if (lengths.length !== this.groups) return false;
    for (let k = 0; k < lengths.length; k++) if (this.length(k) !== lengths[k]) return false;
    return true;
  }

  /** The single separator kind used between all groups, 0 when they differ (or for one group). */
  uniformSeparator(): Separator | 0 {
    if (this.groups < 2) return 0;
    const kind = this.separator(0);
    for (let k = 1; k < this.groups - 1; k++) if (this.separator(k) !== kind) return 0;
    return kind;
  }

  /** Joined by hyphens, or a single space between every group. */
  hyphenOrSpace(): boolean {
    const kind = this.uniformSeparator();
    return kind === SEPARATOR.HYPHEN || kind === SEPARATOR.SPACE;
  }

  totalDigits(): number {
    let total = 0;
    for (let k = 0; k < this.groups; k++) total += this.length(k);
    return total;
  }

  anyMasked(): boolean {
    for (let group = this.first; group <= this.last; group++) if (this.token.masked(group)) return true;
    return false;
  }

  /** All digits of the span without separators. */
  digits(): string {
    if (this.cachedDigits === undefined) {
      let digits = '';
      for (let k = 0; k < this.groups; k++) digits += this.groupText(k);
      this.cachedDigits = digits;
    }
    return this.cachedDigits;
  }

  context(): ContextProbe {
    return this.probe.around(this.text, this.start, this.end);
  }

  /** The identifier category whose context word is nearest, if any. */
  nearestContext(): ContextCategory | undefined {
    return this.context().nearest(IDENTIFIER_CATEGORIES);
  }
}
