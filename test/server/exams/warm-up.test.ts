// The exam warm-up: which exams each process keeps warm (opening within two minutes, or open), and
// that warming loads the whole of each pool, including a question added since it was cached.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { warmExam, warmUpcomingExams } from '../../../server/src/exams/warm-up.ts';
import { createBlueprint, createExam, eastFixture } from './support.ts';

type Context = { app: TestApp; f: Awaited<ReturnType<typeof eastFixture>> };
const RULES = [{ statute: 'xianfa', type: 'single', count: 3 }, { statute: 'xianfa', type: 'judge', count: 2 }];

for (const dialect of testDialects()) {
  const test = suite<Context>(`exam warm-up [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.f = await eastFixture(context.app);
  });
  test.after(async ({ app }) => app.close());

  test('exams opening within two minutes or open now are warmed; later and closed ones are not', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: RULES });
    const now = app.clock.now().getTime();
    const at = (ms: number) => new Date(now + ms).toISOString();
    const soon = await createExam(app, f.organiser, { title: '一分钟后开考', blueprintId: blueprint.id, audience: { organizationIds: [f.eastId] }, opensAt: at(60_000), closesAt: at(3_600_000) });
    const open = await createExam(app, f.organiser, { title: '正在考试', blueprintId: blueprint.id, audience: { organizationIds: [f.eastId] } });
    const later = await createExam(app, f.organiser, { title: '十分钟后开考', blueprintId: blueprint.id, audience: { organizationIds: [f.eastId] }, opensAt: at(600_000), closesAt: at(7_200_000) });
    const mine = (ids: number[]) => [soon.id, open.id, later.id].filter((id) => ids.includes(id));
    assert.equal(mine(await warmUpcomingExams(app.running.deps)), [soon.id, open.id]);
    app.clock.advance(3_600_001);
    assert.equal(mine(await warmUpcomingExams(app.running.deps)), [later.id], 'an hour on, only the later exam is open');
  });

  test('warming loads every question the pools may draw, fresh', async ({ app, f }) => {
    const db = app.running.deps.db;
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: RULES });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { organizationIds: [f.eastId] } });
    const pool = await db.question.count({ where: { status: 'active', organizationId: null, versions: { some: { isCurrent: true, type: { in: ['single', 'judge'] }, citations: { some: { statute: { slug: 'xianfa' } } } } } } });
    assert.is(await warmExam(app.running.deps, exam.id), pool);
    const singles = await db.question.count({ where: { status: 'active', organizationId: null, versions: { some: { isCurrent: true, type: 'single', citations: { some: { statute: { slug: 'xianfa' } } } } } } });
    await db.question.updateMany({ where: { organizationId: null, versions: { some: { isCurrent: true, type: 'judge', citations: { some: { statute: { slug: 'xianfa' } } } } } }, data: { status: 'retired' } });
    assert.is(await warmExam(app.running.deps, exam.id), singles, 'retired questions leave the pool at the next warm-up, not a minute later');
  });

  test.run();
}
