// The statutes' slugs and titles, for per-statute score breakdowns. They change only when the
// bank is loaded, so a submit peak reads them once a minute per process instead of per submit.
import type { Db } from '../db/client.ts';

export type StatuteName = { slug: string; title: string };

const TTL_MS = 60_000;
const caches = new WeakMap<Db, { at: number; names: Promise<Map<number, StatuteName>> }>();

/** All statutes by id; `needed` ids missing from the cached list (a statute just loaded) force a reload. */
export async function statuteNames(db: Db, needed: Array<number | null> = []): Promise<Map<number, StatuteName>> {
  const hit = caches.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) {
    const names = await hit.names;
    if (needed.every((id) => id === null || names.has(id))) return names;
  }
  const names = db.statute.findMany({ select: { id: true, slug: true, title: true } }).then((rows) => new Map(rows.map((s) => [s.id, s])));
  caches.set(db, { at: Date.now(), names });
  names.catch(() => caches.delete(db));
  return names;
}
