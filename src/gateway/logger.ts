import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Nothing that could carry a secret or personal data is ever passed to the logger
 * (no bodies, no headers); the redact list is a second line of defence for fields added by mistake.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'jaju' },
      redact: {
        paths: ['authorization', 'headers', 'body', 'messages', 'apiKey', 'key', '*.authorization', '*.apiKey', '*.headers', 'req.headers', 'input'],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
