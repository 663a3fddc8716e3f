// The study-session detector: pure functions from stored heartbeats to credit and explainable flags.
// No database, no Koa, no clock reads, so stored sessions replay to the same result.
export type {
  Analysis, Flag, FlagKind, Heartbeat, MaterialOffset, Position, PresenceCheck, Segment, SegmentKind, SessionTrace, Visibility,
} from './types.ts';
export { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.ts';
export { analyseSession } from './analyse.ts';
export { unionSeconds } from './credit.ts';
export { concurrentFlags, type SessionSpan } from './flags/concurrent.ts';
export { isSerious } from './severity.ts';
