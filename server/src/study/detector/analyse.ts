// Runs every rule over one session and assembles the analysis.
import type { Analysis, Flag, FlagKind, MaterialOffset, SessionTrace } from './types.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.ts';
import { takeBeats } from './intake.ts';
import { gatherEvidence } from './evidence.ts';
import { silenceMarks } from './silence.ts';
import { buildSegments } from './timeline.ts';
import { creditedIntervals } from './credit.ts';
import { replayFlags } from './flags/replay.ts';
import { tooFast } from './flags/too-fast.ts';
import { idleStretches } from './flags/idle.ts';
import { backgroundStretches } from './flags/background.ts';
import { scriptedTaps } from './flags/scripted-taps.ts';
import { scriptedScroll } from './flags/scripted-scroll.ts';
import { speedReading } from './flags/speed-reading.ts';
import { clockSkew } from './flags/clock-skew.ts';
import { presenceFailures } from './flags/presence.ts';
import { missingEvidence } from './flags/missing-evidence.ts';

const FLAG_ORDER: FlagKind[] = ['presence_failed', 'clock_skew', 'scripted', 'speed_reading', 'too_fast', 'replay', 'background', 'idle', 'concurrent'];

/**
 * Replays one session's stored beats and checks into segments, flags and credited intervals.
 * Pure: the same trace and thresholds always give the same analysis.
 */
export function analyseSession(trace: SessionTrace, offset: MaterialOffset, thresholds: Partial<Thresholds> = {}): Analysis {
  const t: Thresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const { accepted, replays } = takeBeats(trace, t.networkGraceMs);
  const evidence = gatherEvidence(trace.startedAt, accepted, offset, t);
  const session = { from: trace.startedAt, to: accepted.at(-1)?.serverAt ?? trace.startedAt };
  const findings = [
    tooFast(evidence), idleStretches(evidence), backgroundStretches(evidence), scriptedTaps(evidence),
    scriptedScroll(evidence), missingEvidence(evidence), speedReading(evidence), clockSkew(evidence), presenceFailures(trace.checks, session, t),
  ];
  const marks = [...silenceMarks(evidence), ...findings.flatMap((finding) => finding.marks)];
  const segments = buildSegments(session.from, session.to, marks);
  const credited = creditedIntervals(segments);
  const flags = sortFlags([...replayFlags(replays), ...findings.flatMap((finding) => finding.flags)]);
  return { segments, flags, credited, creditedSeconds: credited.reduce((sum, [from, to]) => sum + (to - from), 0) / 1000 };
}

/** Time order, then the more serious kind first, so stored and replayed analyses compare equal. */
function sortFlags(flags: Flag[]): Flag[] {
  return flags.sort((a, b) => a.from - b.from || a.to - b.to || FLAG_ORDER.indexOf(a.kind) - FLAG_ORDER.indexOf(b.kind));
}
