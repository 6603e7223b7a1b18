import type { IncomingMessage } from 'node:http';
import { JajuError } from '../domain/index.js';

/** How long a body may take (`server.bodyIdleTimeoutMs`, `server.bodyTimeoutMs`). */
export interface BodyTimeouts {
  /** Longest silence between two pieces of the body. */
  idleMs: number;
  /** Longest time for the whole body, from the moment its reading starts (just after the head). */
  totalMs: number;
}

export function bodyTimeouts(server: { bodyIdleTimeoutMs: number; bodyTimeoutMs: number }): BodyTimeouts {
  return { idleMs: server.bodyIdleTimeoutMs, totalMs: server.bodyTimeoutMs };
}


/**
 * Reads and parses a JSON body under a size limit and the body timeouts. An oversized body is drained
 * (up to a hard cap) before the 413 goes out, so that an ordinary client, still uploading, reads our
 * answer instead of a reset. A body that stalls or takes too long gets 408 (the connection is then
 * closed, see create-gateway.ts); a client that goes away mid-body gets 499.
 */
export async function readJsonBody(request: IncomingMessage, limitBytes: number, timeouts: BodyTimeouts): Promise<unknown> {
  const declared = Number(request.headers['content-length']);
  const drainCap = Math.max(limitBytes * 4, 64 * 1024 * 1024);
  if (Number.isFinite(declared) && declared > drainCap) {
    request.destroy();
    throw tooLarge(limitBytes);
  }
  const pieces: Buffer[] = [];
  let size = 0;
  let overLimit = Number.isFinite(declared) && declared > limitBytes;
  // Event listeners rather than `for await`: the stream's async iterator costs several µs per request.
  await new Promise<void>((resolve, reject) => {
    const startedAt = Date.now();
    let lastPieceAt = startedAt;
    // One timer for both limits, re-armed only when it fires: no timer work per piece of the body.
    let timer: NodeJS.Timeout | undefined = setTimeout(onTimer, Math.min(timeouts.idleMs, timeouts.totalMs));
    function onTimer() {
      const now = Date.now();
      const idleLeft = lastPieceAt + timeouts.idleMs - now;
      const totalLeft = startedAt + timeouts.totalMs - now;
      if (idleLeft > 0 && totalLeft > 0) {
        timer = setTimeout(onTimer, Math.min(idleLeft, totalLeft));
        return;
      }
      cleanup();
      reject(
        totalLeft <= 0
          ? timedOut('body_total', `request body not received within ${timeouts.totalMs} ms (server.bodyTimeoutMs)`)
          : timedOut('body_idle', `request body stalled for ${timeouts.idleMs} ms (server.bodyIdleTimeoutMs)`),
      );
    }
    const onData = (piece: Buffer) => {
      lastPieceAt = Date.now();
      size += piece.length;
      if (size > limitBytes) overLimit = true;
      if (overLimit) {
        if (size > drainCap) {
          cleanup();
          request.destroy();
          resolve();
        }
        return;
      }
      pieces.push(piece);
    };
    const onEnd = () => {
      cleanup();
      resolve();
    };
    const onError = () => {
      cleanup();
      reject(clientGone());
    };
    const onClose = () => {
      cleanup();
      if (!request.complete) reject(clientGone());
      else resolve();
    };
    function cleanup() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    }
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onError);
    request.once('close', onClose);
  });
  if (overLimit) throw tooLarge(limitBytes);
  if (size === 0) throw new JajuError('invalid_request', 'request body is empty: expected a JSON object');
  const text = pieces.length === 1 ? pieces[0]!.toString('utf8') : Buffer.concat(pieces, size).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JajuError('invalid_json', `request body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(limitBytes: number): JajuError {
  return new JajuError('request_too_large', `request body exceeds the limit of ${limitBytes} bytes (server.maxBodyBytes)`, {
    details: { limit: 'server.maxBodyBytes' },
  });
}

function timedOut(phase: 'body_idle' | 'body_total', message: string): JajuError {
  return new JajuError('request_timeout', message, { details: { limit: phase === 'body_idle' ? 'server.bodyIdleTimeoutMs' : 'server.bodyTimeoutMs' } });
}

function clientGone(): JajuError {
  return new JajuError('client_closed_request', 'the client closed the connection before its request body was complete');
}
