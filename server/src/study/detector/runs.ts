// Window detectors mark intervals one by one; flags describe maximal runs of marked intervals.

/** Maximal runs of consecutive `true` entries, as inclusive [first, last] index pairs. */
export function runsOf(marked: boolean[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  marked.forEach((isMarked, index) => {
    if (!isMarked) return;
    const last = found.at(-1);
    if (last && last[1] === index - 1) last[1] = index;
    else found.push([index, index]);
  });
  return found;
}

/**
 * Drops innocent intervals from the ends of a run. A window that reaches into a suspicious stretch
 * marks its honest neighbours too; they are released when their own numbers are normal. Returns
 * null when nothing suspicious is left.
 */
export function trimRun([first, last]: [number, number], suspicious: (index: number) => boolean): [number, number] | null {
  while (first <= last && !suspicious(first)) first++;
  while (last >= first && !suspicious(last)) last--;
  return first <= last ? [first, last] : null;
}
