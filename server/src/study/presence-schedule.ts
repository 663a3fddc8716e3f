// When the server asks a presence check: pure, so the integrity benchmark replays exactly the
// server's rules. One check in flight at a time; a wrong or expired one is asked again at the next
// foreground heartbeat; otherwise at a random heartbeat once the minimum spacing has passed. The
// first check of a session comes sooner (four times the rate), so a bot cannot bank the quiet
// minutes before it.

export type ScheduleState = { lastCheckAt: number | null; pendingUntil: number | null; retryCheck: boolean };
export type ScheduleConfig = { rate: number; minSpacingMs: number };

const FIRST_CHECK_RATE_FACTOR = 4;

export function presenceDue(state: ScheduleState, now: number, config: ScheduleConfig, random: () => number): boolean {
  if (state.pendingUntil !== null) return now >= state.pendingUntil;
  if (state.retryCheck) return true;
  if (state.lastCheckAt === null) return random() < Math.min(1, config.rate * FIRST_CHECK_RATE_FACTOR);
  return now - state.lastCheckAt >= config.minSpacingMs && random() < config.rate;
}
