import { detect } from '../../src/detect/index.js';
import type { FindingType } from '../../src/domain/index.js';

/** The findings of a text as "TYPE:matched text" strings, in order (readable assertion messages). */
export function found(text: string): string[] {
  return detect(text).map((finding) => `${finding.type}:${text.slice(finding.start, finding.end)}`);
}

/** The matched texts of one type. */
export function foundOf(text: string, type: FindingType): string[] {
  return detect(text)
    .filter((finding) => finding.type === type)
    .map((finding) => text.slice(finding.start, finding.end));
}
