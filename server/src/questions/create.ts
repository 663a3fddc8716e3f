// One question written in the console rather than imported: its owner is an organisation in the
// creator's scope, its id is made here, and it starts at version 1 with its audit entry.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import type { RequestMeta } from '../http/route.ts';
import { contentHash, ownerKeyOf } from './content.ts';
import { questionOwnerFor } from './owner.ts';
import type { QuestionCreateBody } from './schemas.ts';
import { getQuestionFull, validContent } from './service.ts';
import { insertVersions } from './store.ts';

/** Unique within an owner in practice (40 random bits), and valid as an interchange id. */
const newExternalId = () => `local-${randomBytes(5).toString('hex')}`;

export async function createQuestion(input: { db: Db; actor: Actor; meta: RequestMeta; body: z.output<typeof QuestionCreateBody> }) {
  const { db, actor } = input;
  const { organizationId: requestedOrganization, ...body } = input.body;
  const owner = await questionOwnerFor(db, actor, requestedOrganization);
  const externalId = newExternalId();
  const content = await validContent(db, externalId, body);
  const organizationId = owner.kind === 'organization' ? owner.organizationId : null;
  const statuteIds = new Map((await db.statute.findMany({ select: { id: true, slug: true } })).map((s) => [s.slug, s.id]));
  const id = await db.$transaction(async (tx) => {
    const created = await tx.question.create({ data: { externalId, ownerKey: ownerKeyOf(owner), organizationId, status: 'active' }, select: { id: true } });
    await insertVersions(tx, [{ question: content, questionId: created.id, version: 1, hash: contentHash(content) }], actor.userId, statuteIds);
    await recordAudit(tx, {
      actorId: actor.userId, action: 'question.create', subjectType: 'question', subjectId: created.id, organizationId, meta: input.meta,
      details: { externalId, version: 1 },
    });
    return created.id;
  });
  return getQuestionFull(db, actor, id);
}
