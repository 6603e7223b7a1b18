import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { JajuError, controlRecordInput } from '../domain/index.js';
import type { RequestContext } from '../http/request-context.js';
import type { ControlRecordSink } from './estate.js';
import type { FailureVerdict, LoginThrottle } from './login-throttle.js';

/** Who a request's client is (the gateway runtime's ClientAddresses has this shape). */
export interface ClientAddressSource {
  clientAddress(request: IncomingMessage): string;
}

export interface KeyChecksOptions {
  throttle: LoginThrottle;
  clients: ClientAddressSource;
  /** Where lock events are recorded (the ledger). */
  audit: ControlRecordSink;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** Counters are registered here when given (the server's /metrics registry). */
  metrics?: Registry;
  /** Most lock records per minute (default 60); beyond, they are counted and summed into the next record. */
  maxLockRecordsPerMinute?: number;
  clock?: () => number;
}

/**
 * Every key the console is shown — the operator key at login or as a bearer token, the admin key of a
 * cut — goes through `verify`: a correct key passes at once, always; a wrong one is counted against its
 * source (LoginThrottle) and answered 401, or, past the free failures, held back and answered 429.
 * When a source starts being slowed down, a `lock` control record goes to the ledger and
 * jaju_console_key_locks_total counts it.
 */
export class KeyChecks {
  private readonly failuresCounter: Counter | undefined;
  private readonly locksCounter: Counter | undefined;
  private readonly maxLockRecords: number;
  private readonly clock: () => number;
  private minute = -1;
  private recordsThisMinute = 0;
  private suppressed = 0;

  constructor(private readonly options: KeyChecksOptions) {
    this.maxLockRecords = options.maxLockRecordsPerMinute ?? 60;
    this.clock = options.clock ?? Date.now;
    if (options.metrics) {
      const registers = [options.metrics];
      this.failuresCounter = new Counter({ name: 'jaju_console_key_failures_total', help: 'Wrong operator or admin keys presented to the console', registers });
      this.locksCounter = new Counter({ name: 'jaju_console_key_locks_total', help: 'Lock events: a source began to get slowed-down answers to wrong keys', registers });
    }
  }

  /** Resolves when `presented` is the key; throws 401 (or 429 after a delay) when it is not. */
  async verify(context: RequestContext, presented: string, matches: (key: string) => boolean, keyName: 'operator' | 'admin'): Promise<void> {
    if (matches(presented)) return;
    const verdict = await this.options.throttle.failure(this.options.clients.clientAddress(context.request));
    this.failuresCounter?.inc();
    if (verdict.locked) await this.recordLock(verdict, keyName, context.requestId);
    if (verdict.delayMs === 0) throw new JajuError('invalid_api_key', `wrong ${keyName} key`);
    await pause(verdict.delayMs, context);
    const minutes = Math.round(this.options.throttle.windowMs / 60_000);
    context.response.setHeader('retry-after', String(Math.ceil(verdict.delayMs / 1000)));
    throw new JajuError(
      'rate_limited',
      `wrong ${keyName} key; ${verdict.failures} wrong keys from this address in ${minutes} minutes, so wrong keys from it are answered after ${verdict.delayMs / 1000} s (a correct key is never delayed)`,
    );
  }

  private async recordLock(verdict: FailureVerdict, keyName: string, requestId: string): Promise<void> {
    this.locksCounter?.inc();
    const minute = Math.floor(this.clock() / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.recordsThisMinute = 0;
    }
    // Bounded: a spray from many addresses must not turn into a ledger flood.
    if (this.recordsThisMinute >= this.maxLockRecords) {
      this.suppressed += 1;
      return;
    }
    this.recordsThisMinute += 1;
    const detail = {
      subject: `${keyName}-key`,
      source: verdict.source,
      failures: verdict.failures,
      windowSeconds: Math.round(this.options.throttle.windowMs / 1000),
      delayMs: verdict.delayMs,
      ...(this.suppressed > 0 ? { suppressedBefore: this.suppressed } : {}),
    };
    this.suppressed = 0;
    this.options.logger.warn({ source: verdict.source, failures: verdict.failures, key: keyName }, 'wrong keys from one source: slowing down its wrong keys');
    try {
      await this.options.audit.append(controlRecordInput('lock', detail, requestId));
    } catch (error) {
      // The slow-down holds without the record; the metric and the log still show it.
      this.options.logger.error({ err: (error as Error).message }, 'could not record a lock event in the ledger');
    }
  }
}

/** Waits `ms`, or less if the client goes away (its answer is then dropped anyway). */
function pause(ms: number, context: RequestContext): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const unsubscribe = context.onClientGone(done);
    function done() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}
