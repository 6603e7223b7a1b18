import type { Finding } from '../../domain/index.js';
import { detect } from '../detect.js';
import { firstLeafEndingAfter, jsonTextView, looksLikeJson, type JsonTextView } from './json-text-view.js';

/**
 * Findings of one request text part. A part that is JSON (tool-call arguments, tool results, pasted
 * documents) is read through its JSON view, so escaped Hangul and key/value context are seen.
 */
export function findingsOfText(text: string): Finding[] {
  if (looksLikeJson(text)) {
    const view = jsonTextView(text);
    if (view !== undefined) return detect(view.flat);
  }
  return detect(text);
}

/** Replaces every finding of a plain text with `replacement(finding value, type)`. */
export function replaceFindings(text: string, findings: readonly Finding[], replacement: (value: string, finding: Finding) => string): string {
  if (findings.length === 0) return text;
  let result = '';
  let position = 0;
  for (const finding of findings) {
    result += text.slice(position, finding.start) + replacement(text.slice(finding.start, finding.end), finding);
    position = finding.end;
  }
  return result + text.slice(position);
}

function replaceInJson(raw: string, view: JsonTextView, findings: readonly Finding[], replacement: (value: string, finding: Finding) => string): string {
  // Group findings by leaf; a finding that runs over several leaves is replaced in each of them.
  const perLeaf = new Map<number, Finding[]>();
  for (const finding of findings) {
    let index = firstLeafEndingAfter(view, finding.start);
    for (; index < view.leaves.length; index++) {
      const leaf = view.leaves[index]!;
      if (leaf.flatStart >= finding.end) break;
      const start = Math.max(finding.start, leaf.flatStart) - leaf.flatStart;
      const end = Math.min(finding.end, leaf.flatEnd) - leaf.flatStart;
      if (end <= start) continue;
      const local: Finding = { type: finding.type, start, end };
      const list = perLeaf.get(index);
      if (list === undefined) perLeaf.set(index, [local]);
      else list.push(local);
    }
  }
  if (perLeaf.size === 0) return raw;
  let result = '';
  let position = 0;
  for (let index = 0; index < view.leaves.length; index++) {
    const local = perLeaf.get(index);
    if (local === undefined) continue;
    const leaf = view.leaves[index]!;
    // A number holding an identifier becomes a string holding the placeholder.
    const replaced = replaceFindings(leaf.value, local, replacement);
    result += raw.slice(position, leaf.rawStart) + JSON.stringify(replaced);
    position = leaf.rawEnd;
  }
  return result + raw.slice(position);
}

/** Replaces every finding of a request text part (JSON-aware, like findingsOfText). */
export function replaceInText(text: string, replacement: (value: string, finding: Finding) => string): string {
  if (looksLikeJson(text)) {
    const view = jsonTextView(text);
    if (view !== undefined) return replaceInJson(text, view, detect(view.flat), replacement);
  }
  return replaceFindings(text, detect(text), replacement);
}
