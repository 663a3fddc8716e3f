// Reports over a county read hundreds of thousands of evidence rows for tens of thousands of
// cadres: grouping them once by cadre keeps a report linear instead of people × rows.
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
