import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';

export async function currentRevisionOrThrow(db: Db, slug: string) {
  const revision = await db.statuteRevision.findFirst({ where: { statute: { slug }, isCurrent: true }, include: { statute: true } });
  if (!revision) throw new NotFoundError('未找到该法规');
  return revision;
}

/** Live national questions per statute, for the statute list. */
export async function questionCountsByStatute(db: Db): Promise<Map<number, number>> {
  const rows = await db.questionCitation.groupBy({
    by: ['statuteId'],
    where: { version: { isCurrent: true, question: { ownerKey: 'national', status: 'active' } } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.statuteId, row._count._all]));
}
