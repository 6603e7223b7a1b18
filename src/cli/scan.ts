import { createInterface } from 'node:readline';
import { detect } from '../detect/index.js';
import { CliUsageError, parseCliArgs, type CliCommand } from './command.js';

/** Output is written in batches of about this size (and waits for the stream when it is full). */
const FLUSH_AT = 64 * 1024;

class LineWriter {
  private buffer = '';
  constructor(private readonly stream: NodeJS.WritableStream) {}

  async write(line: string): Promise<void> {
    this.buffer += `${line}\n`;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** `{"id": …, "text": "…"}` → the id and text, or a one-line error naming the line. */
function parseRecord(line: string, lineNumber: number): { id: string | number; text: string } {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw new CliUsageError(`line ${lineNumber}: invalid JSON (${(error as Error).message})`);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new CliUsageError(`line ${lineNumber}: expected an object {"id": …, "text": "…"}`);
  }
  const { id, text } = record as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') throw new CliUsageError(`line ${lineNumber}: "id" must be a string or a number`);
  if (typeof text !== 'string') throw new CliUsageError(`line ${lineNumber}: "text" must be a string`);
  return { id, text };
}

async function scanJsonl(stdin: NodeJS.ReadableStream, out: LineWriter): Promise<void> {
  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      const { id, text } = parseRecord(line, lineNumber);
      const findings = detect(text).map(({ type, start, end }) => ({ type, start, end }));
      await out.write(JSON.stringify({ id, findings }));
    }
  } finally {
    lines.close();
  }
}

async function scanPlain(stdin: NodeJS.ReadableStream, out: LineWriter): Promise<void> {
  const text = await readAll(stdin);
  for (const { type, start, end } of detect(text)) await out.write(JSON.stringify({ type, start, end, text: text.slice(start, end) }));
}

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'find Korean personal data in text on stdin (plain or JSONL)',
  help: `Usage:
  jaju scan            read one text from stdin; print one JSON line per finding:
                         {"type":"KR_RRN","start":7,"end":21,"text":"960121-1021413"}
  jaju scan --jsonl    read JSONL records {"id": …, "text": "…"} (id: string or number); print exactly
                       one line per record, in input order (blank lines are skipped):
                         {"id":"a1","findings":[{"type":"KR_PHONE","start":4,"end":17}]}

Offsets are JavaScript string (UTF-16) indices into the text, end exclusive; findings are sorted by
start and never overlap. Types: KR_RRN KR_FRN KR_PASSPORT KR_DRIVER_LICENSE KR_BRN KR_CRN KR_PHONE
KR_BANK_ACCOUNT CREDIT_CARD EMAIL IP_ADDRESS KR_ADDRESS PERSON_NAME (docs/detect.md).
A malformed JSONL line stops the scan with "jaju scan: line N: …" and exit code 2; the lines before
it have already been printed.`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { jsonl: { type: 'boolean' } });
    const out = new LineWriter(io.stdout);
    try {
      if (values.jsonl) await scanJsonl(io.stdin, out);
      else await scanPlain(io.stdin, out);
    } finally {
      await out.flush();
    }
    return 0;
  },
};
