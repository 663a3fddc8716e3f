// Which positions exist: the article numbers of each statute's current text, cached briefly
// so validating a heartbeat's position costs no query.
import type { Db } from '../db/client.ts';

const TTL_MS = 60_000;
const caches = new WeakMap<Db, { until: number; counts: Promise<Map<string, Set<number>>> }>();

export function currentArticles(db: Db, now: number): Promise<Map<string, Set<number>>> {
  const hit = caches.get(db);
  if (hit && hit.until > now) return hit.counts;
  const counts = db.article.findMany({ where: { revision: { isCurrent: true } }, select: { number: true, revision: { select: { statute: { select: { slug: true } } } } } })
    .then((rows) => {
      const map = new Map<string, Set<number>>();
      for (const row of rows) {
        const slug = row.revision.statute.slug;
        if (!map.has(slug)) map.set(slug, new Set());
        map.get(slug)!.add(row.number);
      }
      return map;
    });
  caches.set(db, { until: now + TTL_MS, counts });
  counts.catch(() => caches.delete(db));
  return counts;
}

/** Characters of each current article, for reading-speed judgements. */
export async function articleLengths(db: Db, slugs: string[]): Promise<Map<string, number>> {
  const rows = await db.article.findMany({
    where: { revision: { isCurrent: true, statute: { slug: { in: slugs } } } },
    select: { number: true, text: true, revision: { select: { statute: { select: { slug: true } } } } },
  });
  return new Map(rows.map((row) => [`${row.revision.statute.slug}:${row.number}`, [...row.text].length]));
}
