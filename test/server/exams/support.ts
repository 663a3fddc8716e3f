// Shared fixtures for the exam tests: blueprints and exams created through the API as the
// east-county organiser, and a reader for the keys (tests may look; clients never can).
import type { TestApp } from '../../support/app.ts';

export const POINTS = { single: 2, multiple: 4, judge: 1, fill: 3 };

export async function eastFixture(app: TestApp) {
  const db = app.running.deps.db;
  const east = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
  return {
    eastId: east.id,
    westId: (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-W' } })).id,
    organiser: await app.tokenFor({ username: 'organiser-east' }),
    cadre: await app.tokenFor({ phone: '13900000011' }),
    cadreId: (await db.user.findUniqueOrThrow({ where: { phone: '13900000011' } })).id,
    westCadre: await app.tokenFor({ phone: '13900000021' }),
  };
}

export async function createBlueprint(app: TestApp, token: string, body: Record<string, unknown>) {
  const response = await app.call('POST', '/api/blueprints', { token, body: { name: '测试试卷', points: POINTS, passMark: 1, timeLimitMinutes: 30, ...body } });
  if (response.status !== 201) throw new Error(`blueprint: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

export async function createExam(app: TestApp, token: string, body: Record<string, unknown>) {
  const now = app.clock.now().getTime();
  const response = await app.call('POST', '/api/exams', {
    token,
    body: { title: '测试考试', opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString(), ...body },
  });
  if (response.status !== 201) throw new Error(`exam: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** One current national question of each type citing the Constitution, with its key. */
export async function oneOfEachType(app: TestApp) {
  const db = app.running.deps.db;
  const pick = async (type: 'single' | 'multiple' | 'judge' | 'fill') => {
    const versions = await db.questionVersion.findMany({
      where: { isCurrent: true, type, question: { ownerKey: 'national', status: 'active' }, citations: { some: { statute: { slug: 'xianfa' } } } },
      orderBy: { id: 'asc' }, take: 50, select: { questionId: true, type: true, answer: true, options: true, stem: true },
    });
    // A multiple-choice question with a wrong option too, so partial credit can be told apart.
    return versions.find((v) => type !== 'multiple' || (v.answer as string[]).length < (v.options as unknown[]).length)!;
  };
  return { single: await pick('single'), multiple: await pick('multiple'), judge: await pick('judge'), fill: await pick('fill') };
}
