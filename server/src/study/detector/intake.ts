// Decides which stored beats count. Beats are taken in server order (ties in stored order), so
// the same rows always give the same answer, whatever order the database returns them in.
import type { Heartbeat, SessionTrace } from './types.ts';

/** A beat ignored because its seq was not new, and the highest seq accepted when it came. */
export type Replay = { beat: Heartbeat; highestSeq: number; acceptedBefore: number };
export type Intake = { accepted: Heartbeat[]; replays: Replay[] };

/**
 * Keeps beats whose seq is higher than every seq before them. A repeated or lower seq is dropped;
 * it is a replay unless the network explains it (see isNetworkEcho). Beats outside the session's
 * own start and end are stored noise and are dropped silently.
 */
export function takeBeats(trace: SessionTrace, networkGraceMs: number): Intake {
  const inSession = trace.heartbeats
    .map((beat, index) => ({ beat, index }))
    .filter(({ beat }) => beat.serverAt >= trace.startedAt && (trace.endedAt === null || beat.serverAt <= trace.endedAt))
    .sort((a, b) => a.beat.serverAt - b.beat.serverAt || a.index - b.index);
  const accepted: Heartbeat[] = [];
  const replays: Replay[] = [];
  const bySeq = new Map<number, Heartbeat>();
  for (const { beat } of inSession) {
    const last = accepted.at(-1);
    if (!last || beat.seq > last.seq) {
      accepted.push(beat);
      bySeq.set(beat.seq, beat);
    } else if (!isNetworkEcho(beat, bySeq.get(beat.seq), last, networkGraceMs)) {
      replays.push({ beat, highestSeq: last.seq, acceptedBefore: accepted.length });
    }
  }
  return { accepted, replays };
}

/**
 * An honest client's beat can arrive twice (a retry after a timeout: same seq, same client time)
 * or after its successor (it stalled in the network: lower, unseen seq, older client time), but
 * only within the request timeout. Either way it adds nothing, so it is dropped without a flag.
 */
function isNetworkEcho(beat: Heartbeat, original: Heartbeat | undefined, last: Heartbeat, graceMs: number): boolean {
  if (original) return beat.clientAt === original.clientAt && beat.serverAt - original.serverAt <= graceMs;
  return beat.clientAt <= last.clientAt && beat.serverAt - last.serverAt <= graceMs;
}
