// Log lines tagged with the bot's module, to stderr, so the console mode's standard output
// carries only the conversation.
import pino from 'pino';

export function createLogger(level = process.env.LOG_LEVEL ?? 'info') {
  return pino({ name: 'xuefa-bot', level }, pino.destination(2));
}
