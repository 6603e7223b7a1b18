import type { FindingType } from '../../../src/domain/index.js';

export interface Label {
  type: FindingType;
  start: number;
  end: number;
}

export interface LabelledDocument {
  id: string;
  /** Template family, for per-template error analysis. */
  template: string;
  language: 'ko' | 'mixed';
  text: string;
  labels: Label[];
}

/** Builds a text and its labels together, so every label's offsets are right by construction. */
export class DocumentBuilder {
  text = '';
  readonly labels: Label[] = [];

  add(...parts: string[]): this {
    for (const part of parts) this.text += part;
    return this;
  }

  pii(type: FindingType, value: string): this {
    const start = this.text.length;
    this.text += value;
    this.labels.push({ type, start, end: this.text.length });
    return this;
  }
}
