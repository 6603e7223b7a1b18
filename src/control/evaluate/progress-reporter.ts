import type { ProgressEvent } from './run-evaluation.js';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Seconds between quiet lines when the stream is not a terminal (CI logs). Default 10. */
  lineEverySeconds?: number;
  now?: () => number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m` : `${minutes}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * Progress of a run: on a terminal, one bar redrawn in place (done/total, rate, ETA); elsewhere a
 * quiet line every few seconds and one at the end, so CI logs stay short. Rate and ETA count only the
 * items asked in this run (cached answers arrive at once and would flatter both).
 */
export function progressReporter(stream: ProgressStream, options: ProgressOptions = {}) {
  const now = options.now ?? (() => performance.now());
  const tty = stream.isTTY === true;
  const every = (options.lineEverySeconds ?? 10) * 1000;
  const started = now();
  let lastDraw = -Infinity;
  let baseline: number | undefined;
  let last: ProgressEvent | undefined;

  const describe = (event: ProgressEvent) => {
    baseline ??= event.done;
    const elapsed = (now() - started) / 1000;
    const asked = event.done - baseline;
    const rate = elapsed > 0 ? asked / elapsed : 0;
    const left = event.total - event.done;
    const eta = left === 0 ? 0 : rate > 0 ? left / rate : Number.POSITIVE_INFINITY;
    const percent = event.total === 0 ? 100 : Math.floor((event.done / event.total) * 100);
    return { percent, rate: rate.toFixed(1), eta: duration(eta), cached: event.cached };
  };

  return {
    update(event: ProgressEvent): void {
      last = event;
      const time = now();
      const finished = event.done === event.total;
      if (!finished && time - lastDraw < (tty ? 100 : every)) return;
      lastDraw = time;
      const { percent, rate, eta, cached } = describe(event);
      const fromCache = cached > 0 ? `, ${cached} from cache` : '';
      if (tty) {
        const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 60));
        const filled = Math.round((percent / 100) * width);
        stream.write(`\r\x1b[K[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${event.done}/${event.total} ${percent}%  ${rate}/s  ETA ${eta}${fromCache}`);
      } else {
        stream.write(`eval: ${event.done}/${event.total} (${percent}%), ${rate} items/s, ETA ${eta}${fromCache}\n`);
      }
    },
    /** Ends the bar's line on a terminal. */
    finish(): void {
      if (tty && last) stream.write('\n');
    },
  };
}
