// Runs the detector over a closed session's stored heartbeats and checks, files its flags, and
// keeps the session's credit in step with the reviews: until a flag is reviewed the detector's
// judgement stands; a confirmed flag removes all credit in its time range; a dismissed flag
// restores the time the server observed in its range that nothing else withholds: not time under
// another open or confirmed flag, nor time no flag accounts for (silence, background).
import type { Db, Tx } from '../db/client.ts';
import { changeStudyDays } from '../rollups/study-days.ts';
import { recountTasks, studyTasksOf } from '../campaigns/task-rollup.ts';
import { analyseSession, concurrentFlags, DEFAULT_THRESHOLDS, unionSeconds, type Heartbeat, type MaterialOffset, type Segment } from './detector/index.ts';
import { articleLengths } from './material.ts';

type Interval = [number, number];
/** `unrestorable`: observed time withheld by no flag, or in the background — no review can credit it. */
export type StoredAnalysis = { segments: Segment[]; credited: Interval[]; observed: Interval[]; effective: Interval[]; unrestorable?: Interval[] };

/** Characters before a position, reading each statute's articles in order, statutes in order of first visit. */
async function materialOffset(db: Db, beats: Heartbeat[]): Promise<MaterialOffset> {
  const slugs = [...new Set(beats.map((b) => b.position.statute))];
  const lengths = await articleLengths(db, slugs);
  const starts = new Map<string, number>();
  let total = 0;
  for (const slug of slugs) {
    const numbers = [...lengths.keys()].filter((k) => k.startsWith(`${slug}:`)).map((k) => Number(k.slice(slug.length + 1))).sort((a, b) => a - b);
    for (const n of numbers) { starts.set(`${slug}:${n}`, total); total += lengths.get(`${slug}:${n}`)!; }
  }
  return (p) => (starts.get(`${p.statute}:${p.article}`) ?? 0) + p.scroll * (lengths.get(`${p.statute}:${p.article}`) ?? 0);
}

/** Time between accepted heartbeats, each stretch capped as the detector caps credit: what the server saw. */
function observedIntervals(beats: Heartbeat[]): Interval[] {
  const intervals: Interval[] = [];
  let last: Heartbeat | null = null;
  for (const beat of beats) {
    if (last && beat.seq <= last.seq) continue;
    if (last) intervals.push([Math.max(last.serverAt, beat.serverAt - DEFAULT_THRESHOLDS.maxCreditPerBeatMs), beat.serverAt]);
    last = beat;
  }
  return intervals;
}

/** The parts of the intervals inside [from, to), e.g. a session's credit within a report's period. */
export function clipIntervals(intervals: Interval[], from: number, to: number): Interval[] {
  return intersect(intervals, [[from, to]]);
}

function intersect(a: Interval[], b: Interval[]): Interval[] {
  return a.flatMap(([from, to]) => b.flatMap(([f, t]): Interval[] => (Math.max(from, f) < Math.min(to, t) ? [[Math.max(from, f), Math.min(to, t)]] : [])));
}

function subtract(a: Interval[], b: Interval[]): Interval[] {
  return a.flatMap((interval) => b.reduce<Interval[]>((pieces, [f, t]) => pieces.flatMap(([from, to]): Interval[] =>
    t <= from || f >= to ? [[from, to]] : [...(f > from ? [[from, f] as Interval] : []), ...(t < to ? [[t, to] as Interval] : [])]), [interval]));
}

export async function analyseClosedSession(db: Db, sessionId: number): Promise<void> {
  const session = await db.studySession.findUniqueOrThrow({ where: { id: sessionId }, include: { heartbeats: { orderBy: [{ serverAt: 'asc' }, { id: 'asc' }] }, checks: true } });
  const beats: Heartbeat[] = session.heartbeats.map((h) => ({
    seq: h.seq, serverAt: h.serverAt.getTime(), clientAt: h.clientAt.getTime(), visibility: h.foreground ? 'foreground' : 'background',
    taps: h.taps, scrolls: h.scrolls, keys: h.keys, gapsMs: h.gaps as number[], position: { statute: h.statute, article: h.article, scroll: h.scroll },
  }));
  const analysis = analyseSession(
    { startedAt: session.startedAt.getTime(), endedAt: session.endedAt?.getTime() ?? null, heartbeats: beats, checks: session.checks.map((c) => ({ askedAt: c.askedAt.getTime(), answeredAt: c.answeredAt?.getTime() ?? null, correct: c.correct })) },
    await materialOffset(db, beats),
  );
  const span = { from: session.startedAt.getTime(), to: session.endedAt?.getTime() ?? beats.at(-1)?.serverAt ?? session.startedAt.getTime() };
  const others = await db.studySession.findMany({ where: { userId: session.userId, id: { not: session.id }, startedAt: { lt: new Date(span.to) }, OR: [{ endedAt: null }, { endedAt: { gt: new Date(span.from) } }] }, select: { id: true, startedAt: true, endedAt: true } });
  const concurrent = concurrentFlags([{ id: session.id, ...span }, ...others.map((o) => ({ id: o.id, from: o.startedAt.getTime(), to: o.endedAt?.getTime() ?? span.to }))])
    .filter((entry) => entry.sessionId === session.id).map((entry) => entry.flag);
  const flags = [...analysis.flags, ...concurrent];
  await changeStudyDays(db, [session.userId], async (tx, touch) => {
    const replaced = await tx.studyFlag.findMany({ where: { sessionId, status: 'open' }, select: { fromAt: true } });
    await tx.studyFlag.deleteMany({ where: { sessionId, status: 'open' } });
    if (flags.length) {
      await tx.studyFlag.createMany({ data: flags.map((flag) => ({
        sessionId, userId: session.userId, kind: flag.kind, fromAt: new Date(flag.from), toAt: new Date(flag.to), evidence: flag.evidence, explanation: flag.explanation,
      })) });
    }
    const observed = observedIntervals(beats);
    const flagged = flags.filter((flag) => flag.kind !== 'concurrent').map((flag): Interval => [flag.from, flag.to]);
    const background = analysis.segments.filter((segment) => segment.kind === 'background').map((segment): Interval => [segment.from, segment.to]);
    const unrestorable = [...subtract(subtract(observed, analysis.credited), flagged), ...intersect(observed, background)];
    const stored: StoredAnalysis = { segments: analysis.segments, credited: analysis.credited, observed, effective: analysis.credited, unrestorable };
    await tx.studySession.update({ where: { id: sessionId }, data: { analysis: stored, creditedSeconds: Math.round(analysis.creditedSeconds), lastBeatAt: beats.length ? new Date(beats.at(-1)!.serverAt) : null } });
    await recomputeCredit(tx, sessionId);
    await recountTasks(tx, studyTasksOf(session.userId));
    touch(session.userId, new Date(span.from), new Date(span.to));
    for (const at of [...replaced.map((flag) => flag.fromAt), ...flags.map((flag) => new Date(flag.from))]) touch(session.userId, at);
  });
}

/**
 * Effective credit = the detector's credited time, plus observed time under dismissed flags that no
 * open or confirmed flag and nothing unrestorable withholds, minus time under confirmed flags.
 */
export async function recomputeCredit(tx: Tx, sessionId: number): Promise<number> {
  const session = await tx.studySession.findUniqueOrThrow({ where: { id: sessionId }, select: { analysis: true, flags: { select: { status: true, fromAt: true, toAt: true, kind: true } } } });
  const stored = session.analysis as StoredAnalysis | null;
  if (!stored) return 0;
  const range = (status: string) => session.flags.filter((f) => f.status === status && f.kind !== 'concurrent').map((f): Interval => [f.fromAt.getTime(), f.toAt.getTime()]);
  const withheld = [...range('open'), ...range('confirmed'), ...(stored.unrestorable ?? [])];
  const restored = subtract(intersect(stored.observed, range('dismissed')), withheld);
  const effective = subtract([...stored.credited, ...restored], range('confirmed'));
  const seconds = Math.round(unionSeconds(effective));
  await tx.studySession.update({ where: { id: sessionId }, data: { creditedSeconds: seconds, analysis: { ...stored, effective } } });
  return seconds;
}
