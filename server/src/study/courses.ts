// Courses: an organiser's ordered list of articles and notes with a required minimum time.
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { pageWindow, type PageInput } from '../http/schemas.ts';
import { authorize, pathIds } from '../policy.ts';
import { currentArticles } from './material.ts';
import type { CourseItem, CreateCourseBody } from './schemas.ts';

export async function createCourse(db: Db, actor: Actor, body: z.output<typeof CreateCourseBody>, now: Date) {
  const organization = await db.organization.findUnique({ where: { id: body.organizationId } });
  if (!organization) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'study.manage', { organizationPath: organization.path });
  const articles = await currentArticles(db, now.getTime());
  const missing = body.items.flatMap((item, index) => item.kind === 'article' && !articles.get(item.statute)?.has(item.article)
    ? [{ path: `body.items.${index}`, code: 'unknown_article', message: `${item.statute} 没有第 ${item.article} 条` }] : []);
  if (missing.length) throw new ValidationError('课程中有不存在的条文', missing);
  const course = await db.course.create({ data: { ...body, createdById: actor.userId } });
  return presentCourse(course);
}

function presentCourse(course: { id: number; organizationId: number; title: string; items: unknown; minMinutes: number; createdAt: Date }) {
  return { id: course.id, organizationId: course.organizationId, title: course.title, items: course.items as Array<z.output<typeof CourseItem>>, minMinutes: course.minMinutes, createdAt: course.createdAt.toISOString() };
}

/** Courses offered to the actor: those of their organisation and its ancestors. */
export async function listCourses(db: Db, actor: Actor, page: PageInput) {
  const where = { organizationId: { in: pathIds(actor.organizationPath) } };
  const [rows, total] = await Promise.all([db.course.findMany({ where, orderBy: { id: 'desc' }, ...pageWindow(page) }), db.course.count({ where })]);
  return { items: rows.map(presentCourse), total, ...page };
}
