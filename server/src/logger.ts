import pino, { type Logger } from 'pino';

/** JSON logs to stdout; secrets that could appear in logged objects are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'xuefa' },
    redact: ['*.password', '*.sessionKey', '*.session_key', '*.token', '*.bindTicket', 'req.headers.authorization'],
  });
}
