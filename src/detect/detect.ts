import type { Finding } from '../domain/index.js';
import { detectAddresses } from './address/detect-addresses.js';
import type { Candidate } from './candidate.js';
import { DetectorError } from './detector-error.js';
import { detectEmails } from './email-address.js';
import { detectIpv6 } from './ipv6-address.js';
import { detectNames, namesBeforeContacts } from './names/detect-names.js';
import { NameSet } from './names/name-occurrences.js';
import { normalizeForDetection } from './normalize.js';
import { detectNumeric } from './numeric/detect-numeric.js';
import { detectPassports } from './passport-number.js';

const HAS_DIGIT = /[0-9]/;

/** Orders candidates by start; on a tie, the better one first (so the sweep below keeps it). */
function byStartThenStrength(a: Candidate, b: Candidate): number {
  return a.start - b.start || b.priority - a.priority || b.end - a.end;
}

function better(a: Candidate, b: Candidate): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.end - a.start > b.end - b.start);
}

/** Keeps non-overlapping candidates, the stronger one of every overlapping pair. */
function resolveOverlaps(candidates: Candidate[]): Finding[] {
  if (candidates.length > 1) candidates.sort(byStartThenStrength);
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    const previous = kept[kept.length - 1];
    if (previous === undefined || candidate.start >= previous.end) {
      kept.push(candidate);
    } else if (better(candidate, previous)) {
      kept.pop();
      // The stronger candidate may also overlap earlier kept ones: drop the weaker ones before it.
      while (kept.length > 0 && kept[kept.length - 1]!.end > candidate.start && better(candidate, kept[kept.length - 1]!)) kept.pop();
      if (kept.length === 0 || kept[kept.length - 1]!.end <= candidate.start) kept.push(candidate);
    }
  }
  return kept.map(({ type, start, end }) => ({ type, start, end }));
}

function detectCandidates(text: string): Candidate[] {
  const normalized = normalizeForDetection(text);
  const candidates: Candidate[] = [];
  detectNumeric(normalized, candidates);
  detectEmails(normalized, candidates);
  // Passports, IPv6 and addresses all contain a digit.
  if (HAS_DIGIT.test(normalized)) {
    detectPassports(normalized, candidates);
    detectIpv6(normalized, candidates);
    detectAddresses(normalized, candidates);
  }
  detectNames(normalized, candidates);
  namesBeforeContacts(normalized, candidates, candidates);
  return candidates;
}

/**
 * All personal-data findings in one text: sorted by start, never overlapping; offsets are JS
 * string indices into `text` (normalization keeps lengths), end exclusive. Throws DetectorError
 * when the input is not a string or a detector fails.
 */
export function detect(text: string): Finding[] {
  if (typeof text !== 'string') throw new DetectorError(`detect expects a string, got ${text === null ? 'null' : typeof text}`);
  if (text.length === 0) return [];
  try {
    const candidates = detectCandidates(text);
    const findings = resolveOverlaps(candidates);
    // A name found once (with a cue) is the same person wherever else it appears in this text.
    const names = findings.filter((finding) => finding.type === 'PERSON_NAME').map((finding) => text.slice(finding.start, finding.end));
    if (names.length === 0) return findings;
    const known = new NameSet(names);
    if (known.empty) return findings;
    const before = candidates.length;
    known.find(text, candidates);
    return candidates.length === before ? findings : resolveOverlaps(candidates);
  } catch (error) {
    throw new DetectorError(`detector failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}
