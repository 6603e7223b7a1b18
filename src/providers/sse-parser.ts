/** One server-sent event (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface SseEvent {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

/**
 * Incremental SSE parser: feed decoded text in arbitrary pieces, get complete events back. Handles CRLF,
 * LF and CR line ends split across pieces, multi-line data and comments. Parsing happens once, here;
 * everything downstream works on typed events.
 */
export class SseParser {
  private buffer = '';
  private dataLines: string[] = [];
  private eventName: string | undefined;
  private lastId: string | undefined;
  private pendingCr = false;

  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let input = text;
    if (this.pendingCr) {
      // A CR at the end of the previous piece was a line end; a leading LF here belongs to it.
      if (input.startsWith('\n')) input = input.slice(1);
      this.pendingCr = false;
    }
    this.buffer += input;
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr + 1 < this.buffer.length) next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
        else {
          next = cr + 1;
          this.pendingCr = true;
        }
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else break;
      this.line(this.buffer.slice(start, end), events);
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** Call at end of input: a final event without its blank line is still delivered, as browsers do not — but servers that forget the last newline are common. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer.length > 0) this.line(this.buffer, events);
    this.buffer = '';
    this.dispatch(events);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    else if (field === 'id') this.lastId = value;
  }

  private dispatch(events: SseEvent[]): void {
    if (this.dataLines.length === 0) {
      this.eventName = undefined;
      return;
    }
    events.push({ event: this.eventName, data: this.dataLines.join('\n'), id: this.lastId });
    this.dataLines = [];
    this.eventName = undefined;
  }
}
