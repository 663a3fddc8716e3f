// Rotating check-in codes: an HMAC of the meeting and the current 30-second window under the
// meeting's secret. A code is accepted in its own window and the next, so it lives at most a
// minute: a screenshot forwarded to someone who is not in the room expires before it helps.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const QR_WINDOW_MS = 30_000;

const windowOf = (at: number) => Math.floor(at / QR_WINDOW_MS);

function signature(secret: string, meetingId: number, window: number): string {
  return createHmac('sha256', secret).update(`${meetingId}:${window}`).digest('base64url').slice(0, 22);
}

export function currentCode(secret: string, meetingId: number, now: number): { code: string; expiresAt: Date } {
  const window = windowOf(now);
  return { code: `${meetingId}.${window}.${signature(secret, meetingId, window)}`, expiresAt: new Date((window + 1) * QR_WINDOW_MS) };
}

export type ParsedCode = { meetingId: number; window: number; signature: string };

export function parseCode(code: string): ParsedCode | null {
  const match = /^(\d{1,10})\.(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  return match ? { meetingId: Number(match[1]), window: Number(match[2]), signature: match[3]! } : null;
}

export type CodeVerdict = 'valid' | 'forged' | 'expired';

export function verifyCode(secret: string, parsed: ParsedCode, now: number): CodeVerdict {
  const expected = Buffer.from(signature(secret, parsed.meetingId, parsed.window));
  if (!timingSafeEqual(expected, Buffer.from(parsed.signature.padEnd(expected.length).slice(0, expected.length)))) return 'forged';
  const age = windowOf(now) - parsed.window;
  return age === 0 || age === 1 ? 'valid' : 'expired';
}
