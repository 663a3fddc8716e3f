// Turns the rules' marks into one ordered, gapless timeline.
import type { Segment, SegmentKind } from './types.ts';
import type { Mark, MarkKind } from './evidence.ts';

/**
 * Where marks overlap, the first in this list wins: silence is a fact (no beat can vouch for it),
 * then suspicion, then the reader's own absence. Unmarked time is active.
 */
const PRECEDENCE: MarkKind[] = ['silence', 'unverified', 'background', 'idle'];
const SHOWN_AS: Record<MarkKind, SegmentKind> = { silence: 'idle', unverified: 'unverified', background: 'background', idle: 'idle' };

/** Segments covering [from, to] exactly, ordered, with neighbours of the same kind merged. */
export function buildSegments(from: number, to: number, marks: Mark[]): Segment[] {
  if (to <= from) return [];
  const clipped = marks
    .map((mark) => ({ ...mark, from: Math.max(from, mark.from), to: Math.min(to, mark.to) }))
    .filter((mark) => mark.to > mark.from);
  const points = [...new Set([from, to, ...clipped.flatMap((mark) => [mark.from, mark.to])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  points.slice(1).forEach((end, index) => {
    const start = points[index]!;
    const kind = kindOf(clipped.filter((mark) => mark.from <= start && mark.to >= end));
    const last = segments.at(-1);
    if (last && last.kind === kind) last.to = end;
    else segments.push({ kind, from: start, to: end });
  });
  return segments;
}

function kindOf(covering: Mark[]): SegmentKind {
  const winner = PRECEDENCE.find((kind) => covering.some((mark) => mark.kind === kind));
  return winner ? SHOWN_AS[winner] : 'active';
}
