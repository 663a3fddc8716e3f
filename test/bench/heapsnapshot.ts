// Compares two V8 heap snapshots: which kinds of objects (constructor or string/closure/array)
// grew in count and retained-by-self size between them. Used by exam-burst.ts --heap-snapshots;
// also runnable alone: node --import tsx test/bench/heapsnapshot.ts BEFORE.heapsnapshot AFTER.heapsnapshot
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
};

/** Count and self size per (node type, name), e.g. "object Foo", "closure bar", "string". */
export function heapCensus(file: string): Map<string, { count: number; size: number }> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type'), nameAt = fields.indexOf('name'), sizeAt = fields.indexOf('self_size');
  const census = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < data.nodes.length; i += width) {
    const type = types[data.nodes[i + typeAt]!]!;
    const name = data.strings[data.nodes[i + nameAt]!]!;
    // Strings and numbers are named by their value: group them by type only.
    const key = ['string', 'concatenated string', 'sliced string', 'number', 'heap number'].includes(type) ? type : `${type} ${name.slice(0, 80)}`;
    const entry = census.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += data.nodes[i + sizeAt]!;
    census.set(key, entry);
  }
  return census;
}

export function diffHeapSnapshots(before: string, after: string, top = 25): string {
  const a = heapCensus(before);
  const b = heapCensus(after);
  const rows = [...b].map(([key, v]) => ({ key, count: v.count - (a.get(key)?.count ?? 0), size: v.size - (a.get(key)?.size ?? 0) }));
  const total = (m: Map<string, { size: number }>) => [...m.values()].reduce((sum, v) => sum + v.size, 0);
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
  return [
    `heap snapshots: ${mb(total(a))} → ${mb(total(b))} (self sizes)`,
    `grew most (count, self size), top ${top}:`,
    ...rows.sort((x, y) => y.size - x.size).slice(0, top).map((r) => `  ${(r.count >= 0 ? '+' : '') + r.count}`.padEnd(12) + `${(r.size >= 0 ? '+' : '') + mb(r.size)}`.padEnd(12) + r.key),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(diffHeapSnapshots(process.argv[2]!, process.argv[3]!, Number(process.argv[4] ?? 25)));
}
