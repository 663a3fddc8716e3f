// A character diff for Chinese text (no spaces to split words on): the shared prefix and suffix
// are cut first, the middle goes through a longest-common-subsequence table. Statute articles and
// question texts are short; a middle too large for the table is shown as removed + added.
export type DiffSegment = { kind: 'same' | 'added' | 'removed'; text: string };

const MAX_TABLE_CELLS = 4_000_000;

function push(segments: DiffSegment[], kind: DiffSegment['kind'], text: string): void {
  if (!text) return;
  const last = segments.at(-1);
  if (last?.kind === kind) last.text += text;
  else segments.push({ kind, text });
}

function lcsDiff(before: string[], after: string[], segments: DiffSegment[]): void {
  const n = before.length, m = after.length;
  // lengths[i][j] = LCS of before[i..] and after[j..], flattened.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] = before[i] === after[j] ? lengths[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!);
    }
  }
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) { push(segments, 'same', before[i]!); i++; j++; }
    else if (lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!) { push(segments, 'removed', before[i]!); i++; }
    else { push(segments, 'added', after[j]!); j++; }
  }
  push(segments, 'removed', before.slice(i).join(''));
  push(segments, 'added', after.slice(j).join(''));
}

/** Segments that rebuild `before` (same + removed) and `after` (same + added), in reading order. */
export function diffText(before: string, after: string): DiffSegment[] {
  const a = [...before], b = [...after];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const segments: DiffSegment[] = [];
  push(segments, 'same', a.slice(0, prefix).join(''));
  const middleA = a.slice(prefix, a.length - suffix), middleB = b.slice(prefix, b.length - suffix);
  if (middleA.length * middleB.length > MAX_TABLE_CELLS) {
    push(segments, 'removed', middleA.join(''));
    push(segments, 'added', middleB.join(''));
  } else {
    lcsDiff(middleA, middleB, segments);
  }
  push(segments, 'same', a.slice(a.length - suffix).join(''));
  return segments;
}
