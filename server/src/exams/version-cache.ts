// Question versions never change once written, so the parts a paper shows (type, stem,
// options) are cached per process: papers for answer saves (paper-cache.ts) are built without reading them.
import type { Db } from '../db/client.ts';

export type ShownVersion = { type: 'single' | 'multiple' | 'judge' | 'fill'; stem: string; options: unknown };

const MAX_ENTRIES = 20_000;
const caches = new WeakMap<Db, Map<number, ShownVersion>>();

export async function shownVersion(db: Db, id: number): Promise<ShownVersion> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(id);
  if (hit) return hit;
  const version = await db.questionVersion.findUniqueOrThrow({ where: { id }, select: { type: true, stem: true, options: true } });
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(id, version);
  return version;
}
