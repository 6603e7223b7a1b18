import { OpenRedaction } from '@openredaction/openredaction';
import type { FindingType } from '../../src/domain/index.js';
import type { Label } from './corpus/document-builder.js';

/**
 * @openredaction/openredaction (the npm PII library compared against) mapped to jaju's finding
 * types. Its types outside jaju's taxonomy (ZIP_CODE_US, ISBN, USERNAME, MAC_ADDRESS, …) are not
 * scored; they are counted separately.
 */
export function mapOpenRedactionType(type: string): FindingType | undefined {
  if (type === 'SOUTH_KOREAN_RRN') return 'KR_RRN';
  if (type === 'EMAIL') return 'EMAIL';
  if (type === 'CREDIT_CARD') return 'CREDIT_CARD';
  if (type === 'NAME' || type.startsWith('PERSON')) return 'PERSON_NAME';
  if (type === 'IPV4' || type === 'IPV6' || type === 'IP_ADDRESS') return 'IP_ADDRESS';
  if (type.startsWith('PHONE')) return 'KR_PHONE';
  if (type.includes('PASSPORT')) return 'KR_PASSPORT';
  if (type.includes('DRIVING') || type.includes('DRIVER')) return 'KR_DRIVER_LICENSE';
  if (type.includes('BANK_ACCOUNT') || type === 'IBAN') return 'KR_BANK_ACCOUNT';
  if (type.includes('ADDRESS') && !type.includes('MAC') && !type.includes('EMAIL')) return 'KR_ADDRESS';
  return undefined;
}

export interface OpenRedactionRun {
  predictions: Label[][];
  /** Detections of types jaju does not have, by type. */
  unmapped: Map<string, number>;
}

export function runOpenRedaction(texts: readonly string[]): OpenRedactionRun {
  const shield = new OpenRedaction();
  const unmapped = new Map<string, number>();
  const predictions = texts.map((text) => {
    const result = shield.detect(text) as unknown as { detections: { type: string; position: [number, number] }[] };
    const labels: Label[] = [];
    for (const detection of result.detections) {
      const type = mapOpenRedactionType(detection.type);
      if (type === undefined) unmapped.set(detection.type, (unmapped.get(detection.type) ?? 0) + 1);
      else labels.push({ type, start: detection.position[0], end: detection.position[1] });
    }
    return labels;
  });
  return { predictions, unmapped };
}
