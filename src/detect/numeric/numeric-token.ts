/**
 * A run of digit groups joined by separators, e.g. `010-1234-5678`, `4111 1111 1111 1111`,
 * `192.168.0.1`, `(02) 123-4567`, `+82 10 1234 5678`, `900101-1******`. Scanned by hand in one pass
 * (no regex backtracking, no allocation per character); the arrays are reused between tokens.
 */
export const SEPARATOR = {
  /** `-`, optionally with one space on either side (`960121 - 1234567`). */
  HYPHEN: 1,
  /** One space. */
  SPACE: 2,
  DOT: 3,
  /** `)`, `) `, `(` or ` (` — only phone numbers use them. */
  PAREN: 4,
} as const;
export type Separator = (typeof SEPARATOR)[keyof typeof SEPARATOR];

const ZERO = 48;
const NINE = 57;
const HYPHEN = 45;
const SPACE = 32;
const DOT = 46;
const PLUS = 43;
const OPEN = 40;
const CLOSE = 41;
const STAR = 42;
const AT = 64;
/** At most this many masking asterisks after a group (`1******`). */
const MAX_MASK = 7;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** Latin letters, digits, underscore and `@`: a number glued to them is part of a code, a word or an address. */
function isWordCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= ZERO && code <= NINE) || code === 95 || code === AT;
}

export class NumericToken {
  /** Start of the token including a `+` or `(` prefix. */
  start = 0;
  end = 0;
  count = 0;
  plus = false;
  openParen = false;
  /** Glued to a word on the left (`ID12`, `v1.2`, `ORD-123`): the first group cannot start an identifier. */
  leftGlued = false;
  /** Glued to a word on the right (`123abc`, `123-A`): the last group cannot end one. */
  rightGlued = false;
  groupStart = new Int32Array(16);
  /** End of the group's digits. */
  groupDigitsEnd = new Int32Array(16);
  /** End of the group including masking asterisks. */
  groupEnd = new Int32Array(16);
  /** Separator after group k (between k and k + 1). */
  separator = new Uint8Array(16);

  private grow(): void {
    const size = this.groupStart.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.groupStart = copy(this.groupStart, new Int32Array(size));
    this.groupDigitsEnd = copy(this.groupDigitsEnd, new Int32Array(size));
    this.groupEnd = copy(this.groupEnd, new Int32Array(size));
    this.separator = copy(this.separator, new Uint8Array(size));
  }

  digitCount(group: number): number {
    return this.groupDigitsEnd[group]! - this.groupStart[group]!;
  }

  masked(group: number): boolean {
    return this.groupEnd[group]! !== this.groupDigitsEnd[group]!;
  }

  /**
   * Reads the token whose first digit is at `from` (the caller found it). Returns the index after
   * the token.
   */
  read(text: string, from: number): number {
    const length = text.length;
    this.count = 0;
    this.plus = false;
    this.openParen = false;
    let start = from;
    const before = from > 0 ? text.charCodeAt(from - 1) : -1;
    if (before === PLUS) {
      this.plus = true;
      start = from - 1;
    } else if (before === OPEN) {
      this.openParen = true;
      start = from - 1;
    }
    this.start = start;
    const left = start > 0 ? text.charCodeAt(start - 1) : -1;
    const leftOfLeft = start > 1 ? text.charCodeAt(start - 2) : -1;
    this.leftGlued = isWordCode(left) || ((left === HYPHEN || left === DOT) && isWordCode(leftOfLeft));

    let position = from;
    for (;;) {
      if (this.count === this.groupStart.length) this.grow();
      const group = this.count++;
      this.groupStart[group] = position;
      while (position < length && isDigit(text.charCodeAt(position))) position++;
      this.groupDigitsEnd[group] = position;
      let stars = 0;
      while (position < length && stars < MAX_MASK && text.charCodeAt(position) === STAR) {
        position++;
        stars++;
      }
      this.groupEnd[group] = position;
      if (stars > 0) break; // a masked group ends the token
      const groupEnd = position;
      const kind = this.readSeparator(text, position);
      if (kind === 0) break;
      const kindCode = kind % 8;
      const next = (kind - kindCode) / 8;
      if (next < length && isDigit(text.charCodeAt(next))) {
        this.separator[group] = kindCode;
        position = next;
      } else {
        position = groupEnd;
        break;
      }
    }
    this.end = position;
    // `(` belongs to the number only as `(02) 123-4567`, `+` only as `+82 …`; otherwise they are punctuation.
    const first = this.groupStart[0]!;
    if (this.openParen && (this.count < 2 || this.separator[0] !== SEPARATOR.PAREN)) {
      this.openParen = false;
      this.start = first;
    }
    if (this.plus && !text.startsWith('82', first)) {
      this.plus = false;
      this.start = first;
    }
    if (this.start === first) {
      const glueLeft = first > 0 ? text.charCodeAt(first - 1) : -1;
      const glueLeftOfLeft = first > 1 ? text.charCodeAt(first - 2) : -1;
      this.leftGlued = isWordCode(glueLeft) || ((glueLeft === HYPHEN || glueLeft === DOT) && isWordCode(glueLeftOfLeft));
    }
    const right = position < length ? text.charCodeAt(position) : -1;
    const rightOfRight = position + 1 < length ? text.charCodeAt(position + 1) : -1;
    this.rightGlued = isWordCode(right) || (right === HYPHEN && isWordCode(rightOfRight));
    return position;
  }

  /** index-after-separator × 8 + separator kind; 0 when there is none. */
  private readSeparator(text: string, at: number): number {
    const code = text.charCodeAt(at);
    let next = at + 1;
    let kind: number;
    if (code === HYPHEN) {
      if (text.charCodeAt(next) === SPACE) next++;
      kind = SEPARATOR.HYPHEN;
    } else if (code === SPACE) {
      const following = text.charCodeAt(next);
      if (following === HYPHEN) {
        next++;
        if (text.charCodeAt(next) === SPACE) next++;
        kind = SEPARATOR.HYPHEN;
      } else if (following === OPEN) {
        next++;
        kind = SEPARATOR.PAREN;
      } else {
        kind = SEPARATOR.SPACE;
      }
    } else if (code === DOT) {
      kind = SEPARATOR.DOT;
    } else if (code === CLOSE) {
      if (text.charCodeAt(next) === SPACE) next++;
      kind = SEPARATOR.PAREN;
    } else if (code === OPEN) {
      kind = SEPARATOR.PAREN;
    } else {
      return 0;
    }
    return next * 8 + kind;
  }
}
