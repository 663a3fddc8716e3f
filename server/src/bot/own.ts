// What a cadre may read about themselves in chat: who they are, this period's tasks (学时
// included), their exams and their messages. The same services as the mini-program, as the bound cadre.
import type { AppDeps } from '../deps.ts';
import { myTasks } from '../campaigns/service.ts';
import { myExams } from '../exams/exams.ts';
import { listMyNotifications } from '../notifications/service.ts';
import { auditBotAction, contactActor } from './contacts.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'rawMysql'>;

const FIRST_PAGE = { page: 1, pageSize: 50 };

export async function ownProfile(deps: Deps, contactKey: string) {
  const { actor, isStaff } = await contactActor(deps, contactKey, 'cadre');
  const organization = await deps.db.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { name: true } });
  return { name: actor.name, organizationName: organization.name, isStaff };
}

export async function ownTasks(deps: Deps, contactKey: string) {
  const { actor } = await contactActor(deps, contactKey, 'cadre');
  const page = await myTasks(deps.db, actor, deps.clock.now(), FIRST_PAGE);
  await auditBotAction(deps, actor, 'tasks.read');
  return page.items;
}

export async function ownExams(deps: Deps, contactKey: string) {
  const { actor } = await contactActor(deps, contactKey, 'cadre');
  const page = await myExams(deps, actor, deps.clock.now(), FIRST_PAGE);
  await auditBotAction(deps, actor, 'exams.read');
  return page.items;
}

export async function ownMessages(deps: Deps, contactKey: string) {
  const { actor } = await contactActor(deps, contactKey, 'cadre');
  const page = await listMyNotifications(deps.db, actor, { page: 1, pageSize: 10 });
  await auditBotAction(deps, actor, 'messages.read');
  return page.items;
}
