import type { FindingType } from '../../domain/index.js';
import { NameSet } from '../names/name-occurrences.js';
import { finalConsonantOf } from './particles.js';
import { barePlaceholderText, canonicalValue, placeholderId, placeholderText } from './placeholder.js';

export interface PlaceholderEntry {
  type: FindingType;
  id: string;
  /** The value as first seen in this session (what a placeholder is restored to). */
  value: string;
  /** JSON-string-escaped value (for tool-call arguments). */
  jsonValue: string;
  finalConsonant: boolean | undefined;
}

function escapeLabelCaseInsensitive(label: string): string {
  return label.replace(/[A-Z]/g, (letter) => `[${letter}${letter.toLowerCase()}]`);
}

/**
 * The mapping of one pseudonym session, in memory only: value ↔ placeholder, plus what the
 * rehydrator needs to find placeholders in model output (a pattern over the labels in use and the
 * set of every proper prefix, to hold back a placeholder split across stream chunks).
 */
export class PlaceholderIndex {
  private readonly byCanonical = new Map<string, PlaceholderEntry>();
  private readonly byKey = new Map<string, PlaceholderEntry>();
  private readonly labels = new Set<FindingType>();
  /** Lower-cased proper prefixes of `[TYPE_id]`. */
  readonly bracketPrefixes = new Set<string>();
  /** Exact proper prefixes of `TYPE_id` (a bare placeholder, as a model may write it without brackets). */
  readonly barePrefixes = new Set<string>();
  maxLength = 0;
  private cachedPattern: RegExp | undefined;
  private readonly personNames: string[] = [];
  private cachedNames: NameSet | undefined;

  constructor(private readonly key: Uint8Array) {}

  get size(): number {
    return this.byKey.size;
  }

  /** The entry for a value, creating its placeholder on first sight. */
  entryFor(type: FindingType, value: string): PlaceholderEntry {
    const canonical = canonicalValue(type, value);
    const canonicalKey = `${type}\u0000${canonical}`;
    const existing = this.byCanonical.get(canonicalKey);
    if (existing !== undefined) return existing;
    let attempt = 0;
    let id = placeholderId(this.key, type, canonical, attempt);
    // Two different values of this session on the same 24-bit id: derive another for the newcomer.
    while (this.byKey.has(`${type}_${id}`)) id = placeholderId(this.key, type, canonical, ++attempt);
    const entry: PlaceholderEntry = { type, id, value, jsonValue: JSON.stringify(value).slice(1, -1), finalConsonant: finalConsonantOf(value) };
    this.byCanonical.set(canonicalKey, entry);
    this.byKey.set(`${type}_${id}`, entry);
    this.addPrefixes(entry);
    if (type === 'PERSON_NAME') {
      this.personNames.push(value);
      this.cachedNames = undefined;
    }
    if (!this.labels.has(type)) {
      this.labels.add(type);
      this.cachedPattern = undefined;
    }
    return entry;
  }

  private addPrefixes(entry: PlaceholderEntry): void {
    const bracketed = placeholderText(entry.type, entry.id).toLowerCase();
    const bare = barePlaceholderText(entry.type, entry.id);
    for (let length = 1; length < bracketed.length; length++) this.bracketPrefixes.add(bracketed.slice(0, length));
    for (let length = 1; length < bare.length; length++) this.barePrefixes.add(bare.slice(0, length));
    this.maxLength = Math.max(this.maxLength, bracketed.length);
  }

  /** The person names replaced so far (a new object whenever one is added). */
  names(): NameSet {
    this.cachedNames ??= new NameSet(this.personNames);
    return this.cachedNames;
  }

  /** Entry of a placeholder found in text (label in any case for the bracketed form, id in any case). */
  lookup(label: string, id: string): PlaceholderEntry | undefined {
    return this.byKey.get(`${label.toUpperCase()}_${id.toLowerCase()}`);
  }

  /**
   * Matches `[TYPE_id]` (any case; the closing bracket may be missing) and bare `TYPE_id`
   * (upper-case type, standing alone). Groups: 1/2 bracketed label/id, 3/4 bare label/id.
   */
  pattern(): RegExp {
    if (this.cachedPattern === undefined) {
      const labels = [...this.labels].sort((a, b) => b.length - a.length);
      const insensitive = labels.map(escapeLabelCaseInsensitive).join('|');
      const exact = labels.join('|');
      this.cachedPattern = new RegExp(
        `\\[(${insensitive})_([0-9A-Fa-f]{6})(?![0-9A-Za-z_])\\]?|(?<![A-Za-z0-9_])(${exact})_([0-9A-Fa-f]{6})(?![0-9A-Za-z_])`,
        'g',
      );
    }
    return this.cachedPattern;
  }
}

