import type { FindingType } from '../../domain/index.js';
import { CONTEXT } from '../context/keywords.js';
import type { NumericSpan } from './numeric-span.js';
import { SEPARATOR } from './numeric-token.js';

/**
 * IPv4 dotted quads: four octets 0–255 without leading zeros. Version strings (`v1.2.3.4`,
 * `버전 1.0.0.1`) and outline numbers at the start of a line (`1.2.1.3 개요`) are not addresses.
 */
const VERSION_BEFORE = /(?:\bv|\bver|\bversion|\brelease|\bbuild|버전|빌드|릴리스|릴리즈)[.:]?\s*$/i;

function octetValid(text: string): boolean {
  if (text.length === 0 || text.length > 3) return false;
  if (text.length > 1 && text.charCodeAt(0) === 48) return false;
  return Number(text) <= 255;
}

function atLineStart(text: string, at: number): boolean {
  for (let index = at - 1; index >= 0 && index >= at - 8; index--) {
    const code = text.charCodeAt(index);
    if (code === 10) return true;
    if (code !== 32 && code !== 9) return false;
  }
  return at < 8 && text.slice(0, at).trim() === '';
}

export function classifyIpv4(span: NumericSpan): FindingType | undefined {
  if (span.groups !== 4 || span.uniformSeparator() !== SEPARATOR.DOT || span.anyMasked()) return undefined;
  for (let k = 0; k < 4; k++) if (!octetValid(span.groupText(k))) return undefined;
  // 255.255.255.0 is a subnet mask and 0.0.0.0 "any address": neither identifies a host.
  const first = span.groupText(0);
  if (first === '255' || (first === '0' && span.digits() === '0000')) return undefined;
  const start = span.start;
  if (VERSION_BEFORE.test(span.text.slice(Math.max(0, start - 12), start))) return undefined;
  const context = span.nearestContext();
  if (context === CONTEXT.NEGATIVE) return undefined;
  if (context !== CONTEXT.IP && atLineStart(span.text, start)) {
    // "1.2.3.4 개요": an outline number is followed by a space and words, and uses small numbers.
    let small = true;
    for (let k = 0; k < 4; k++) if (Number(span.groupText(k)) > 30) small = false;
    const next = span.text.charCodeAt(span.end);
    if (small && (next === 32 || next === 9)) return undefined;
  }
  return 'IP_ADDRESS';
}
