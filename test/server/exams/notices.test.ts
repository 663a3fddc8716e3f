// Exam window messages: everyone in the audience hears that an exam opened, once; a day before
// it closes, only those who have not sat it are reminded.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { examNotices } from '../../../server/src/jobs/exam-notices.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { createBlueprint, createExam, eastFixture } from './support.ts';

for (const dialect of testDialects()) {
  const test = suite<{ app: TestApp }>(`exam notices [${dialect}]`, {} as { app: TestApp });
  test.before(async (context) => { context.app = await startTestApp(dialect, { LOAD_BANK: 'full', NOTIFY_DAILY_BUDGET: '10' }); });
  test.after(async ({ app }) => app.close());

  test('opening is announced to the audience once; the closing reminder skips those who sat it', async ({ app }) => {
    const f = await eastFixture(app);
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }] });
    const now = app.clock.now().getTime();
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { organizationIds: [f.eastId], keyMinorityOnly: true }, closesAt: new Date(now + 2 * 86_400_000).toISOString() });
    const deps = app.running.deps;
    const audience = await deps.db.user.count({ where: { isKeyMinority: true, organization: { code: { startsWith: 'DEMO-E' } } } });
    const opened = await examNotices.run(deps, app.clock.now());
    assert.is(opened.queued, audience * 2);
    assert.is((await examNotices.run(deps, app.clock.now())).queued, 0, 'never twice');
    await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre });
    app.clock.advance(86_400_000 + 60_000);
    const closing = await examNotices.run(deps, app.clock.now());
    assert.is(closing.queued, (audience - 1) * 2, 'the cadre who started is not reminded');
    const reminded = await deps.db.notificationOutbox.findMany({ where: { kind: 'exam_closing' }, select: { userId: true } });
    assert.not.ok(reminded.some((row) => row.userId === f.cadreId));
  });

  test.run();
}
